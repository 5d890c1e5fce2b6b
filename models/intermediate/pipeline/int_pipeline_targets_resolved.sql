{#- The pipeline and bookings targets in force per month and quarter, resolved once for every mart that reads
    them (mrt_pipeline_attainment, mrt_mql_volume_required). A quarter's target is its own row in the seed when
    there is one, else the sum of its three months when all three are set; a month without a row of its own has
    no target (a quarter is never split into months). -#}

with

pipeline_targets as (

    select * from {{ ref('pipeline_targets') }}

),

month_targets as (

    select
        period_grain,
        period_start_date,
        pipeline_target_amount,
        bookings_target_amount
    from pipeline_targets
    where period_grain = 'month'

),

explicit_quarter_targets as (

    select
        period_grain,
        period_start_date,
        pipeline_target_amount,
        bookings_target_amount
    from pipeline_targets
    where period_grain = 'quarter'

),

quarter_targets_from_months as (

    select
        'quarter' as period_grain,
        {{ handoff.period_start('quarter', 'period_start_date') }} as period_start_date,
        sum(pipeline_target_amount) as pipeline_target_amount,
        sum(bookings_target_amount) as bookings_target_amount
    from month_targets
    group by {{ handoff.period_start('quarter', 'period_start_date') }}
    having count(*) = 3

),

targets as (

    select * from month_targets
    union all
    select * from explicit_quarter_targets
    union all
    select
        quarter_targets_from_months.period_grain,
        quarter_targets_from_months.period_start_date,
        quarter_targets_from_months.pipeline_target_amount,
        quarter_targets_from_months.bookings_target_amount
    from quarter_targets_from_months
    left join explicit_quarter_targets
        on quarter_targets_from_months.period_start_date = explicit_quarter_targets.period_start_date
    where explicit_quarter_targets.period_start_date is null

),

final as (

    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start_date,
        case
            {%- for grain in handoff.pipeline_period_grains() %}
            when period_grain = '{{ grain }}' then {{ handoff.period_end(grain, 'period_start_date') }}
            {%- endfor %}
        end as period_end_date,
        cast(pipeline_target_amount as decimal(18, 2)) as pipeline_target_amount,
        cast(bookings_target_amount as decimal(18, 2)) as bookings_target_amount
    from targets

)

select * from final
