{{ config(**handoff.engagement_incremental_config('marketo_activity_id', var('handoff__using_marketo'))) }}

{% if var('handoff__using_marketo') %}

with

base_marketo__web_visits as (

    select * from {{ ref('base_marketo__web_visits') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('marketo_activity_id') }} as version_rank
    from base_marketo__web_visits
    where
        quarantine_reason is null
        and is_current_version
        and {{ handoff.engagement_lookback_filter() }}

),

final as (

    select
        marketo_activity_id,
        marketo_lead_id,
        occurred_at,
        marketo_campaign_id,
        webpage_id,
        webpage_url,
        page_path,
        referrer_url,
        user_agent,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
