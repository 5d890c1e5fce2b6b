{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync). -#}
{% if var('handoff__using_hubspot_contacts') %}

{%- set source_relation = source('hubspot', 'contact_merge_audit') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.try_cast('vid_to_merge', dbt.type_bigint()) }} as merged_hubspot_contact_id,
        {{ handoff.try_cast('canonical_vid', dbt.type_bigint()) }} as canonical_hubspot_contact_id,
        {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} as merged_at,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        vid_to_merge is null or canonical_vid is null as is_missing_id,
        timestamp is null as is_missing_event_timestamp,
        (vid_to_merge is not null and {{ handoff.try_cast('vid_to_merge', dbt.type_bigint()) }} is null)
        or (canonical_vid is not null and {{ handoff.try_cast('canonical_vid', dbt.type_bigint()) }} is null)
        or (timestamp is not null and {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} is null)
            as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when is_missing_id then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_event_timestamp then 'missing_event_timestamp'
            when merged_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        merged_hubspot_contact_id,
        canonical_hubspot_contact_id,
        merged_at,
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
