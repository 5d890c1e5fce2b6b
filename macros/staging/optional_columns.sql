{#- Connector tables whose columns vary with the instance and the connector version (Marketo: a column appears
    once some lead or activity carries it, `is_bot_activity` only on recent connectors, `_fivetran_synced` absent
    from exported samples). `present` is handoff.relation_column_names(relation). -#}

{#- The column trimmed (strings) or try-cast to `data_type`, or a typed null when the table lacks it. -#}
{% macro optional_cast(column_name, present, data_type) -%}
    {%- if column_name | lower not in present -%}
        cast(null as {{ data_type }})
    {%- elif data_type == dbt.type_string() -%}
        nullif(trim(cast({{ column_name }} as {{ data_type }})), '')
    {%- else -%}
        {{ handoff.try_cast(column_name, data_type) }}
    {%- endif -%}
{%- endmacro %}


{#- True when the column holds a value that does not cast to `data_type` (false when the table lacks it). -#}
{% macro is_uncastable(column_name, present, data_type) -%}
    {%- if column_name | lower in present -%}
        ({{ column_name }} is not null and {{ handoff.try_cast(column_name, data_type) }} is null)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#- The row's load time: `_fivetran_synced`, else (a table or row without it) the row's own `fallback_column`, so an
    export without the Fivetran column still stages, versions ordered by the source's own update time. -#}
{% macro synced_at_or(fallback_column, present) -%}
    {%- if '_fivetran_synced' in present -%}
        coalesce(
            {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }},
            {{ handoff.try_cast(fallback_column, dbt.type_timestamp()) }}
        )
    {%- else -%}
        {{ handoff.try_cast(fallback_column, dbt.type_timestamp()) }}
    {%- endif -%}
{%- endmacro %}


{#- True when the source table exists on the target (true while parsing, so the model's refs are recorded).
    A connector creates an activity table only once the instance has such activities: an absent one switches its
    staging model to empty instead of failing the build. -#}
{% macro source_table_exists(relation) -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set found = adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {{ return(found is not none) }}
{%- endmacro %}
