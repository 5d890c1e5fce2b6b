{% if var('handoff__using_campaigns') %}

with

base_salesforce__campaign_members as (

    select * from {{ ref('base_salesforce__campaign_members') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('campaign_member_id') }} as version_rank
    from base_salesforce__campaign_members
    where quarantine_reason is null and is_current_version

),

final as (

    select
        campaign_member_id,
        campaign_id,
        lead_id,
        contact_id,
        member_status,
        has_responded,
        first_responded_date,
        created_at,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
