{#- A switched-off source table (see the handoff__using_* vars) still yields its staging model, empty but with
    every documented column and type, so the features that depend on it are empty rather than broken.
    The columns come from the model's YAML (`data_type` on each column). -#}
{% macro empty_from_documented_columns() -%}
    {%- set columns = model.columns.values() | list -%}
    {%- if execute and columns | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ": a switchable staging model must document its columns with data_type") }}
    {%- endif -%}
    select
    {%- for column in columns %}
        cast(null as {{ handoff.portable_data_type(column.data_type) }}) as {{ column.name }}{{ "," if not loop.last }}
    {%- endfor %}
    where 1 = 0
{%- endmacro %}


{#- True when a source relation has a column. Connector tables differ (history mode adds _fivetran_active,
    some tables carry _fivetran_deleted): staging asks instead of assuming. -#}
{% macro source_has_column(relation, column_name) -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set names = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {{ return(column_name | lower in names) }}
{%- endmacro %}


{#- The Fivetran flags a row carries, as boolean expressions that hold when the column is absent:
    `_fivetran_active` (history mode: false on superseded versions) and `_fivetran_deleted`. -#}
{% macro fivetran_is_active(relation) -%}
    {%- if handoff.source_has_column(relation, '_fivetran_active') -%}
        coalesce({{ handoff.try_cast('_fivetran_active', dbt.type_boolean()) }}, true)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro fivetran_is_deleted(relation, soft_delete_column='is_deleted') -%}
    {%- set flags = [] -%}
    {%- for column in [soft_delete_column, '_fivetran_deleted'] -%}
        {%- if column and handoff.source_has_column(relation, column) -%}
            {%- do flags.append('coalesce(' ~ handoff.try_cast(column, dbt.type_boolean()) ~ ', false)') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if flags -%}({{ flags | join(' or ') }}){%- else -%}false{%- endif -%}
{%- endmacro %}
