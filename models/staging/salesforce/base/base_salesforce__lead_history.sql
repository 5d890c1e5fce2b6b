{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for.
    History mode: one row per version of a lead (status and owner changes), keyed by the lead and the version's
    start. Superseded versions are the history and are kept downstream; only re-syncs of the same version are
    superseded (latest `synced_at` wins in staging). The status is checked against the mapping seed with a
    lookup, not a join. -#}
{% if var('handoff__using_lead_history') %}
{%- set source_relation = source('salesforce', 'lead_history') -%}

with

source as (

    select * from {{ source_relation }}

),

lead_status_mapping as (

    select * from {{ ref('lead_status_mapping') }}

),

typed as (

    select
        {{ handoff.staged_columns(handoff.salesforce_lead_columns(history=true)) }}
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        _fivetran_start is null as is_missing_valid_from,
        {{ handoff.uncastable_check(handoff.salesforce_lead_columns(history=true)) }} as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when lead_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_valid_from then 'missing_event_timestamp'
            when valid_from_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when
                lead_status is null
                or lead_status not in (select lead_status_mapping.lead_status from lead_status_mapping)
                then 'unknown_code'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'lead_id', "'|'", 'cast(valid_from_at as ' ~ dbt.type_string() ~ ')'
        ])) }} as lead_version_id,
        lead_id,
        lead_status,
        owner_user_id,
        is_converted,
        valid_from_at,
        valid_to_at,
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
