{#- MetricFlow's time spine: one row per day. The range is wide and fixed by vars (not read from the data), so the
    spine never depends on a load and compiles without querying the warehouse. -#}
{%- set start_date = handoff.parse_date_var(
    'handoff__time_spine_start_date', var('handoff__time_spine_start_date', '2015-01-01')
) -%}
{%- set end_date = handoff.parse_date_var(
    'handoff__time_spine_end_date', var('handoff__time_spine_end_date', (run_started_at.year + 10) ~ '-12-31')
) -%}

with

days as (

    {{ handoff.day_spine(start_date, end_date) }}

),

final as (

    select date_day
    from days

)

select * from final
