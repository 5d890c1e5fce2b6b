{{ config(**handoff.engagement_incremental_config('form_submission_id', var('handoff__using_hubspot_forms'))) }}

{% if var('handoff__using_hubspot_forms') %}

with

base_hubspot__form_submissions as (

    select * from {{ ref('base_hubspot__form_submissions') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('form_submission_id') }} as version_rank
    from base_hubspot__form_submissions
    where
        quarantine_reason is null
        and is_current_version
        and {{ handoff.engagement_lookback_filter() }}

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
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
