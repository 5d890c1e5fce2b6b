{#- Tier-1 actuals beside targets: pipeline created and bookings (closed-won amount) against the targets seed,
    per month and per quarter, company-wide. A quarter's target is its own row in the seed when there is one,
    else the sum of its three months when all three are set; a month without a row of its own has no target
    (a quarter is never split into months). Attainment is actual / target: 1.0 is exactly on target. -#}

with

mrt_pipeline_created as (

    select * from {{ ref('mrt_pipeline_created') }}

),

mrt_pipeline_closed_won as (

    select * from {{ ref('mrt_pipeline_closed_won') }}

),

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

created as (

    select
        period_grain,
        period_start_date,
        sum(opportunity_count) as opportunity_count,
        sum(pipeline_amount) as pipeline_amount
    from mrt_pipeline_created
    group by period_grain, period_start_date

),

closed_won as (

    select
        period_grain,
        period_start_date,
        sum(won_count) as won_count,
        sum(won_amount) as won_amount
    from mrt_pipeline_closed_won
    group by period_grain, period_start_date

),

periods as (

    select
        period_grain,
        period_start_date
    from targets
    union
    select
        period_grain,
        period_start_date
    from created
    union
    select
        period_grain,
        period_start_date
    from closed_won

),

joined as (

    select
        periods.period_grain,
        periods.period_start_date,
        targets.pipeline_target_amount,
        targets.bookings_target_amount,
        coalesce(created.opportunity_count, 0) as opportunity_count,
        coalesce(created.pipeline_amount, 0) as pipeline_amount,
        coalesce(closed_won.won_count, 0) as won_count,
        coalesce(closed_won.won_amount, 0) as bookings_amount
    from periods
    left join targets
        on
            periods.period_grain = targets.period_grain
            and periods.period_start_date = targets.period_start_date
    left join created
        on
            periods.period_grain = created.period_grain
            and periods.period_start_date = created.period_start_date
    left join closed_won
        on
            periods.period_grain = closed_won.period_grain
            and periods.period_start_date = closed_won.period_start_date

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
        cast(opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(pipeline_amount as decimal(18, 2)) as pipeline_amount,
        cast(pipeline_target_amount as decimal(18, 2)) as pipeline_target_amount,
        {{ handoff.safe_divide('pipeline_amount', 'pipeline_target_amount') }} as pipeline_attainment,
        cast(won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(bookings_amount as decimal(18, 2)) as bookings_amount,
        cast(bookings_target_amount as decimal(18, 2)) as bookings_target_amount,
        {{ handoff.safe_divide('bookings_amount', 'bookings_target_amount') }} as bookings_attainment
    from joined

)

select * from final
