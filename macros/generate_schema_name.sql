{#- Layer schemas by their own name (staging, intermediate, marts) rather than dbt's default
    `<target schema>_<custom>`, so BI tools find `marts.fct_mqls` on every target. A custom schema prefix can
    still be set with the `schema_prefix` var for shared development databases. Every node's schema is resolved
    here at parse time, so this is also where the vars naming schemas and databases are checked
    (handoff.check_identifier_vars: the sources' YAML cannot call a macro). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- do handoff.check_identifier_vars() -%}
    {%- set prefix = var('schema_prefix', '') -%}
    {%- if custom_schema_name is none -%}
        {{ prefix ~ target.schema }}
    {%- else -%}
        {{ prefix ~ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
