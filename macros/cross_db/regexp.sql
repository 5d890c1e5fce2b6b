{#- Regular expressions differ in name and flags on every engine; models call these instead. Patterns are
    written in the common subset of RE2 (DuckDB), POSIX ARE (Postgres) and Java (Spark). -#}
{% macro regexp_like(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_like', 'handoff')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regexp_like(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__regexp_like(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_like(expression, pattern) -%}
    ({{ expression }} rlike '{{ pattern }}')
{%- endmacro %}


{#- Replace every match (not just the first, which is DuckDB's and Postgres' default without the 'g' flag). -#}
{% macro regexp_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'handoff')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}
