{{ config(**handoff.engagement_incremental_config('track_id', var('handoff__using_segment'))) }}

{% if var('handoff__using_segment') %}

with

base_segment__tracks as (

    select * from {{ ref('base_segment__tracks') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('track_id') }} as version_rank
    from base_segment__tracks
    where
        quarantine_reason is null
        and is_current_version
        and {{ handoff.engagement_lookback_filter() }}

),

final as (

    select
        track_id,
        anonymous_id,
        user_id,
        event_name,
        event_text,
        tracked_at,
        received_at,
        ip_address,
        user_agent,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
