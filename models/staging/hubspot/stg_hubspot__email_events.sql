{{ config(**handoff.engagement_incremental_config('email_event_id', var('handoff__using_hubspot_email'))) }}

{% if var('handoff__using_hubspot_email') %}

with

base_hubspot__email_events as (

    select * from {{ ref('base_hubspot__email_events') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('email_event_id') }} as version_rank
    from base_hubspot__email_events
    where
        quarantine_reason is null
        and is_current_version
        and {{ handoff.engagement_lookback_filter() }}

),

final as (

    select
        email_event_id,
        email_event_type,
        recipient_email,
        recipient_email_domain,
        occurred_at,
        email_campaign_id,
        sent_by_event_id,
        sent_by_occurred_at,
        caused_by_event_id,
        is_filtered_by_hubspot,
        portal_id,
        app_id,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
