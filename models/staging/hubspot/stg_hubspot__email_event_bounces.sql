{% if var('handoff__using_hubspot_email') %}

with

base_hubspot__email_event_bounces as (

    select * from {{ ref('base_hubspot__email_event_bounces') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('email_event_id') }} as version_rank
    from base_hubspot__email_event_bounces
    where quarantine_reason is null and is_current_version

),

final as (

    select
        email_event_id,
        bounce_category,
        bounce_status,
        bounce_response,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
