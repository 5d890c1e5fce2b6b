{#- The body of a Marketo asset base model (`campaign`, `program`, `email_template_history`: the objects activities
    point to). They share one shape: a numeric id, the asset's own columns read when the connector delivers them,
    created_at / updated_at, and the load time `_fivetran_synced`, else updated_at (handoff.synced_at_or). Each model
    lists only its own columns. No hub macro replaced (Fivetran's dbt_marketo_source has one model per table).
      typed    `id` as `id_name`, the `columns` (handoff.staged_columns, each `optional`), the two timestamps; with
               `version_key_name`, the row's key is `<id>:<version_column>` (version 1 when absent): a history table
               keeps one row per version of the asset;
      checked  the first quarantine reason that applies (missing_id on the key, the load time, a creation time
               beyond handoff.future_timestamp_limit(), an uncastable value);
      final    the key, the id, `columns` in their order, the timestamps, the flags. -#}
{% macro marketo_asset_base(source_relation, id_name, columns, version_key_name=none, version_column=none) -%}
{%- set present = handoff.relation_column_names(source_relation) -%}
{%- set own_columns = [] -%}
{%- for column in columns -%}
    {%- do own_columns.append(dict(column, optional=true)) -%}
{%- endfor -%}
{%- set checked_columns = [{'column': 'id', 'type': dbt.type_bigint(), 'optional': true}] + own_columns + [
    {'column': 'created_at', 'type': dbt.type_timestamp(), 'optional': true},
    {'column': 'updated_at', 'type': dbt.type_timestamp(), 'optional': true},
] -%}
{%- set key_name = version_key_name or id_name -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.try_cast('id', dbt.type_bigint()) }} as {{ id_name }},
        {{- handoff.staged_columns(own_columns, present) }}
        {{ handoff.try_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ handoff.try_cast('updated_at', dbt.type_timestamp()) }} as updated_at,
        {%- if version_key_name %}
        {{ dbt.concat([
            'cast(id as ' ~ dbt.type_string() ~ ')',
            "':'",
            'coalesce(' ~ handoff.optional_cast(version_column, present, dbt.type_string()) ~ ", '1')"
        ]) }} as {{ version_key_name }},
        {%- endif %}
        {{ handoff.synced_at_or('updated_at', present) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        {{ handoff.uncastable_check(checked_columns, present) }} as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when {{ key_name }} is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {%- if version_key_name %}
        {{ version_key_name }},
        {%- endif %}
        {{ id_name }},
        {{- handoff.staged_column_names(own_columns) }}
        created_at,
        updated_at,
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
{%- endmacro %}
