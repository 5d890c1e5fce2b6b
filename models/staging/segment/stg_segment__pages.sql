{{ config(**handoff.engagement_incremental_config('page_view_id', var('handoff__using_segment'))) }}

{% if var('handoff__using_segment') %}

with

base_segment__pages as (

    select * from {{ ref('base_segment__pages') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('page_view_id') }} as version_rank
    from base_segment__pages
    where
        quarantine_reason is null
        and is_current_version
        and {{ handoff.engagement_lookback_filter() }}

),

final as (

    select
        page_view_id,
        anonymous_id,
        user_id,
        viewed_at,
        received_at,
        sent_at,
        url,
        page_path,
        page_title,
        referrer,
        search_query,
        ip_address,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_term,
        utm_content,
        company_domain,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
