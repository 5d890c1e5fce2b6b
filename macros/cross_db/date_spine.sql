{#- One row per period from start_date (inclusive) to end_date (exclusive), column `date_<datepart>` (a date), for
    bounds that are SQL expressions known only when the query runs (e.g. `(select min(created_date) from leads)`).
    For two literal dates, handoff.day_spine (macros/pipeline) needs no engine-specific SQL at all.
    Replaces dbt_utils.date_spine for datepart day, week and month; an empty range yields no rows on every engine.
    Use it as a whole CTE body: `date_spine as ({{ handoff.date_spine('day', "cast('2026-01-01' as date)", ...) }})`. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
    {%- if datepart not in ('day', 'week', 'month') -%}
        {{ exceptions.raise_compiler_error("date_spine: datepart must be day, week or month, not " ~ datepart) }}
    {%- endif -%}
    {{ return(adapter.dispatch('date_spine', 'handoff')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
    {%- set step = "interval 7 day" if datepart == 'week' else "interval 1 " ~ datepart -%}
    select cast(spine.period_start as date) as date_{{ datepart }}
    from range(
        cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp), {{ step }}
    ) as spine (period_start)
{%- endmacro %}

{% macro postgres__date_spine(datepart, start_date, end_date) -%}
    {%- set step = "interval '7 day'" if datepart == 'week' else "interval '1 " ~ datepart ~ "'" -%}
    select cast(spine.period_start as date) as date_{{ datepart }}
    from generate_series(
        cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp) - interval '1 microsecond', {{ step }}
    ) as spine (period_start)
{%- endmacro %}

{#- Spark's sequence() includes its end and fails on an empty range, hence the explicit bounds and guard. -#}
{% macro spark__date_spine(datepart, start_date, end_date) -%}
    {%- set step = "interval 7 days" if datepart == 'week' else "interval 1 " ~ datepart -%}
    select spine.date_{{ datepart }}
    from (
        select explode(
            case
                when cast({{ start_date }} as date) < cast({{ end_date }} as date)
                    then sequence(cast({{ start_date }} as date), date_sub(cast({{ end_date }} as date), 1), {{ step }})
                else array()
            end
        ) as date_{{ datepart }}
    ) as spine
{%- endmacro %}
