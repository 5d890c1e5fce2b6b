{#- Reporting periods of the tier-1 marts. Quarters are calendar quarters; a quarter is written as three months
    where an interval is needed, since Postgres has no `interval '1 quarter'`. -#}

{#- The grains the metric marts carry, each with its length in months. -#}
{% macro pipeline_period_grains() -%}
    {{ return({'month': 1, 'quarter': 3}) }}
{%- endmacro %}

{#- First day of the period (of `grain`) that contains the date. -#}
{% macro period_start(grain, date_expression) -%}
    cast({{ dbt.date_trunc(grain, date_expression) }} as date)
{%- endmacro %}

{#- Last day of the period (of `grain`) that starts on `period_start_expression`. -#}
{% macro period_end(grain, period_start_expression) -%}
    {%- set months = handoff.pipeline_period_grains()[grain] -%}
    cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', months, period_start_expression)) }} as date)
{%- endmacro %}
