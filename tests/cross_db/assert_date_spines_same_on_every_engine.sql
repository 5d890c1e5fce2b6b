{#- handoff.date_spine (bounds as SQL expressions, end excluded; macros/cross_db/date_spine.sql) and
    handoff.day_spine (literal bounds, end included; macros/pipeline/day_spine.sql) give the same days on every
    engine, and an empty range gives no rows. Returns each spine whose count, first or last date is off. -#}
with

days as (
    {{ handoff.date_spine('day', "cast('2026-02-26' as date)", "cast('2026-03-03' as date)") }}
),

weeks as (
    {{ handoff.date_spine('week', "cast('2026-11-02' as date)", "cast('2026-11-30' as date)") }}
),

months as (
    {{ handoff.date_spine('month', "cast('2025-12-01' as date)", "cast('2026-03-01' as date)") }}
),

empty_range as (
    {{ handoff.date_spine('day', "cast('2026-03-03' as date)", "cast('2026-03-03' as date)") }}
),

literal_days as (
    {{ handoff.day_spine('2024-02-27', '2024-03-01') }}
),

summaries as (
    select
        'day' as spine_name,
        count(*) as day_count,
        min(date_day) as first_day,
        max(date_day) as last_day,
        5 as expected_count,
        cast('2026-02-26' as date) as expected_first,
        cast('2026-03-02' as date) as expected_last
    from days
    union all
    select
        'week' as spine_name,
        count(*) as day_count,
        min(date_week) as first_day,
        max(date_week) as last_day,
        4 as expected_count,
        cast('2026-11-02' as date) as expected_first,
        cast('2026-11-23' as date) as expected_last
    from weeks
    union all
    select
        'month' as spine_name,
        count(*) as day_count,
        min(date_month) as first_day,
        max(date_month) as last_day,
        3 as expected_count,
        cast('2025-12-01' as date) as expected_first,
        cast('2026-02-01' as date) as expected_last
    from months
    union all
    select
        'empty' as spine_name,
        count(*) as day_count,
        min(date_day) as first_day,
        max(date_day) as last_day,
        0 as expected_count,
        cast(null as date) as expected_first,
        cast(null as date) as expected_last
    from empty_range
    union all
    select
        'literal leap year' as spine_name,
        count(*) as day_count,
        min(date_day) as first_day,
        max(date_day) as last_day,
        4 as expected_count,
        cast('2024-02-27' as date) as expected_first,
        cast('2024-03-01' as date) as expected_last
    from literal_days
)

select * from summaries
where
    day_count <> expected_count
    or first_day is distinct from expected_first
    or last_day is distinct from expected_last
