{#- Layer schemas by their own name (staging, intermediate, marts) rather than dbt's default
    `<target schema>_<custom>`, so BI tools find `marts.fct_mqls` on every target. A custom schema prefix can
    still be set with the `schema_prefix` var for shared development databases. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set prefix = var('schema_prefix', '') -%}
    {%- if custom_schema_name is none -%}
        {{ prefix ~ target.schema }}
    {%- else -%}
        {{ prefix ~ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
