{#- The continuous percentile (interpolated, like percentile_cont) of a column as an aggregate: DuckDB and
    Postgres have the ordered-set aggregate `percentile_cont(p) within group (order by x)`, Spark `percentile(x, p)`
    (exact, interpolated). Replaces dbt_utils/… median helpers; `handoff.median(x)` is the 0.5 percentile. Nulls
    are ignored; the result is a double, null when every value is null. -#}
{% macro percentile_cont(expression, fraction) -%}
    {{ return(adapter.dispatch('percentile_cont', 'handoff')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont(expression, fraction) -%}
    cast(
        percentile_cont({{ fraction }}) within group (order by cast({{ expression }} as {{ handoff.type_double() }}))
        as {{ handoff.type_double() }}
    )
{%- endmacro %}

{% macro spark__percentile_cont(expression, fraction) -%}
    cast(percentile({{ expression }}, {{ fraction }}) as {{ handoff.type_double() }})
{%- endmacro %}

{% macro median(expression) -%}
    {{ handoff.percentile_cont(expression, 0.5) }}
{%- endmacro %}
