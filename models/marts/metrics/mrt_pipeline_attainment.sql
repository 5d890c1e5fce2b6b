{#- Tier-1 actuals beside targets: pipeline created and bookings (closed-won amount) against the targets in force
    (int_pipeline_targets_resolved), per month and per quarter, company-wide. Actuals come from the same period
    rows as mrt_pipeline_created and mrt_pipeline_closed_won (int_opportunity_periods, CRM only). Attainment is
    actual / target: 1.0 is exactly on target. -#}

with

int_opportunity_periods as (

    select * from {{ ref('int_opportunity_periods') }}

),

int_pipeline_targets_resolved as (

    select * from {{ ref('int_pipeline_targets_resolved') }}

),

created as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        count(*) as opportunity_count,
        sum(amount) as pipeline_amount
    from int_opportunity_periods
    where dated_by = 'created_date'
    group by period_grain, period_start_date, period_end_date

),

closed_won as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        sum(case when is_won then 1 else 0 end) as won_count,
        sum(case when is_won then amount else 0 end) as won_amount
    from int_opportunity_periods
    where dated_by = 'close_date' and is_closed
    group by period_grain, period_start_date, period_end_date

),

periods as (

    select
        period_grain,
        period_start_date,
        period_end_date
    from int_pipeline_targets_resolved
    union
    select
        period_grain,
        period_start_date,
        period_end_date
    from created
    union
    select
        period_grain,
        period_start_date,
        period_end_date
    from closed_won

),

joined as (

    select
        periods.period_grain,
        periods.period_start_date,
        periods.period_end_date,
        int_pipeline_targets_resolved.pipeline_target_amount,
        int_pipeline_targets_resolved.bookings_target_amount,
        coalesce(created.opportunity_count, 0) as opportunity_count,
        coalesce(created.pipeline_amount, 0) as pipeline_amount,
        coalesce(closed_won.won_count, 0) as won_count,
        coalesce(closed_won.won_amount, 0) as bookings_amount
    from periods
    left join int_pipeline_targets_resolved
        on
            periods.period_grain = int_pipeline_targets_resolved.period_grain
            and periods.period_start_date = int_pipeline_targets_resolved.period_start_date
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
        period_end_date,
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
