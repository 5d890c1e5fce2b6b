{% if var('handoff__using_campaigns') %}

with

base_salesforce__campaigns as (

    select * from {{ ref('base_salesforce__campaigns') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('campaign_id') }} as version_rank
    from base_salesforce__campaigns
    where quarantine_reason is null and is_current_version

),

final as (

    select
        campaign_id,
        campaign_name,
        campaign_type,
        campaign_status,
        start_date,
        end_date,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
