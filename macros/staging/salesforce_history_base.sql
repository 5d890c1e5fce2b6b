{#- The body of a Salesforce history-mode base model (`lead_history`, `opportunity_history`): one row per version of
    a record, keyed by the record and the version's start, read with the object's own column list
    (handoff.salesforce_<object>_columns(history=true), shared with the object's base model). No hub macro
    replaced (fivetran/dbt_salesforce's history models read the same column lists).
      typed    the object's history columns (validity window included), the Fivetran flags, the uncastable check;
      checked  the first quarantine reason that applies: no id, no or a future load time, no version start, a
               version start beyond handoff.future_timestamp_limit(), then the object's own `checks` (`when ... then
               '<reason>'` clauses, reading the `lookups` relations imported as CTEs), then an uncastable value;
      final    `<object>_version_id` (hash of the id and the version start), then the columns, then the flags.
    Superseded versions are the history and are kept downstream; only re-syncs of one version are superseded
    (latest `synced_at` wins in staging). -#}
{% macro salesforce_history_base(source_relation, object_name, columns, checks=[], lookups={}) -%}
{%- set id_name = object_name ~ '_id' -%}

with

source as (

    select * from {{ source_relation }}

),
{%- for name, relation in lookups.items() %}

{{ name }} as (

    select * from {{ relation }}

),
{%- endfor %}

typed as (

    select
        {{ handoff.staged_columns(columns) }}
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        _fivetran_start is null as is_missing_valid_from,
        {{ handoff.uncastable_check(columns) }} as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when {{ id_name }} is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_valid_from then 'missing_event_timestamp'
            when valid_from_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            {%- for check in checks %}
            {{ check }}
            {%- endfor %}
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            id_name, "'|'", 'cast(valid_from_at as ' ~ dbt.type_string() ~ ')'
        ])) }} as {{ object_name }}_version_id,
        {{- handoff.staged_column_names(columns) }}
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
{%- endmacro %}
