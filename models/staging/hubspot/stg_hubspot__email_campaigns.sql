{% if var('handoff__using_hubspot_email') %}

with

base_hubspot__email_campaigns as (

    select * from {{ ref('base_hubspot__email_campaigns') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('email_campaign_id') }} as version_rank
    from base_hubspot__email_campaigns
    where quarantine_reason is null and is_current_version

),

final as (

    select
        email_campaign_id,
        campaign_name,
        subject,
        campaign_type,
        app_name,
        app_id,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
