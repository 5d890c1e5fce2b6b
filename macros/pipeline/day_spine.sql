{#- One row per day from start_date to end_date inclusive, as column `date_day` (a date). Replaces
    dbt_utils.date_spine / dbt.date_spine: the day count is computed here in Jinja from the two literal dates, so
    compiling never queries the warehouse, and the numbers come from a cross join of powers of two, which every
    engine runs (no generate_series, no recursive CTE). -#}
{% macro day_spine(start_date, end_date) -%}
    {%- set first_day = modules.datetime.date.fromisoformat(start_date | string) -%}
    {%- set last_day = modules.datetime.date.fromisoformat(end_date | string) -%}
    {%- set day_count = (last_day - first_day).days + 1 -%}
    {%- if day_count < 1 -%}
        {{ exceptions.raise_compiler_error("day_spine: end_date " ~ end_date ~ " is before start_date " ~ start_date) }}
    {%- endif -%}
    {%- set ns = namespace(bits=1) -%}
    {%- for _ in range(40) -%}
        {%- if 2 ** ns.bits < day_count -%}{%- set ns.bits = ns.bits + 1 -%}{%- endif -%}
    {%- endfor -%}
    select cast({{ dbt.dateadd('day', 'day_offset', "cast('" ~ first_day.isoformat() ~ "' as date)") }} as date) as date_day
    from (
        select
        {%- for bit in range(ns.bits) %}
            bit_{{ bit }}.digit * {{ 2 ** bit }}{{ " +" if not loop.last }}
        {%- endfor %} as day_offset
        from
        {%- for bit in range(ns.bits) %}
            (select 0 as digit union all select 1 as digit) as bit_{{ bit }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as offsets
    where day_offset < {{ day_count }}
{%- endmacro %}
