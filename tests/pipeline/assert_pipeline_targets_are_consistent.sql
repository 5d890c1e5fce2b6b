{#- The targets seed is well formed: one row per grain and period, periods start on their first day (quarters in
    January, April, July or October), no negative target, and a quarter with its own row and three month rows
    has months that add up to it. Returns one row per problem. -#}

with

pipeline_targets as (

    select * from {{ ref('pipeline_targets') }}

),

duplicated_periods as (

    select
        period_grain,
        period_start_date,
        'duplicate period' as problem
    from pipeline_targets
    group by period_grain, period_start_date
    having count(*) > 1

),

misaligned_periods as (

    select
        period_grain,
        period_start_date,
        'period does not start on its first day' as problem
    from pipeline_targets
    where
        period_start_date <> {{ handoff.period_start('month', 'period_start_date') }}
        or (
            period_grain = 'quarter'
            and period_start_date <> {{ handoff.period_start('quarter', 'period_start_date') }}
        )

),

negative_targets as (

    select
        period_grain,
        period_start_date,
        'negative target' as problem
    from pipeline_targets
    where pipeline_target_amount < 0 or bookings_target_amount < 0

),

months_by_quarter as (

    select
        {{ handoff.period_start('quarter', 'period_start_date') }} as quarter_start_date,
        count(*) as month_count,
        sum(pipeline_target_amount) as pipeline_target_amount,
        sum(bookings_target_amount) as bookings_target_amount
    from pipeline_targets
    where period_grain = 'month'
    group by {{ handoff.period_start('quarter', 'period_start_date') }}

),

inconsistent_quarters as (

    select
        quarters.period_grain,
        quarters.period_start_date,
        'months do not add up to the quarter' as problem
    from pipeline_targets as quarters
    inner join months_by_quarter
        on quarters.period_start_date = months_by_quarter.quarter_start_date
    where
        quarters.period_grain = 'quarter'
        and months_by_quarter.month_count = 3
        and (
            coalesce(quarters.pipeline_target_amount, 0) <> coalesce(months_by_quarter.pipeline_target_amount, 0)
            or coalesce(quarters.bookings_target_amount, 0) <> coalesce(months_by_quarter.bookings_target_amount, 0)
        )

),

final as (

    select * from duplicated_periods
    union all
    select * from misaligned_periods
    union all
    select * from negative_targets
    union all
    select * from inconsistent_quarters

)

select * from final
