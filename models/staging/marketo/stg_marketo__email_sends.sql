{{ config(**handoff.engagement_incremental_config('marketo_activity_id', var('handoff__using_marketo'))) }}

{% if var('handoff__using_marketo') %}

with

base_marketo__email_sends as (

    select * from {{ ref('base_marketo__email_sends') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('marketo_activity_id') }} as version_rank
    from base_marketo__email_sends
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
        email_template_id,
        campaign_run_id,
        step_id,
        choice_number,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
