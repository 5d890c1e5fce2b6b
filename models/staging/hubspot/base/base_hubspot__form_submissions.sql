{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync) and filters on synced_at push down.
    The key is HubSpot's conversion id; when the connector does not deliver one, a hash of contact, form and
    submission time (a contact cannot submit the same form twice in the same instant). A submission that names no
    form (null form id) is quarantined as orphan_reference rather than failing the night: it cannot be mapped to a
    signal (form_signal_mapping). -#}
{% if var('handoff__using_hubspot_forms') %}

{%- set source_relation = source('hubspot', 'contact_form_submission') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(conversion_id as {{ dbt.type_string() }})), '') as conversion_id,
        {{ handoff.try_cast('contact_id', dbt.type_bigint()) }} as hubspot_contact_id,
        nullif(trim(cast(form_id as {{ dbt.type_string() }})), '') as form_id,
        {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} as submitted_at,
        nullif(trim(cast(page_url as {{ dbt.type_string() }})), '') as page_url,
        nullif(trim(cast(page_id as {{ dbt.type_string() }})), '') as page_id,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as page_title,
        {{ handoff.try_cast('portal_id', dbt.type_bigint()) }} as portal_id,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        timestamp is null as is_missing_event_timestamp,
        (contact_id is not null and {{ handoff.try_cast('contact_id', dbt.type_bigint()) }} is null)
        or (timestamp is not null and {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} is null)
        or (portal_id is not null and {{ handoff.try_cast('portal_id', dbt.type_bigint()) }} is null)
            as has_uncastable_value
    from source

),

keyed as (

    select
        *,
        case
            when conversion_id is not null then conversion_id
            when hubspot_contact_id is not null and form_id is not null and submitted_at is not null
                then {{ dbt.hash(dbt.concat([
                    "cast(hubspot_contact_id as " ~ dbt.type_string() ~ ")", "'|'",
                    "form_id", "'|'",
                    "cast(submitted_at as " ~ dbt.type_string() ~ ")"
                ])) }}
        end as form_submission_id
    from typed

),

checked as (

    select
        *,
        case
            when conversion_id is null and (hubspot_contact_id is null or form_id is null) then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_event_timestamp then 'missing_event_timestamp'
            when {{ handoff.engagement_is_future_timestamp('submitted_at') }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
            when form_id is null then 'orphan_reference'
        end as quarantine_reason
    from keyed

),

final as (

    select
        form_submission_id,
        conversion_id,
        hubspot_contact_id,
        form_id,
        submitted_at,
        page_url,
        page_id,
        page_title,
        portal_id,
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
