{#- Every classified engagement event, filtered ones included with their reason. -#}
with

int_engagement_events_classified as (

    select * from {{ ref('int_engagement_events_classified') }}

),

final as (

    select
        engagement_event_id,
        person_id,
        attribution_method,
        source_system,
        event_source,
        source_event_id,
        occurred_at,
        event_date,
        event_kind,
        signal_type,
        channel,
        is_filtered,
        filter_reason,
        event_detail,
        email,
        crm_record_id,
        anonymous_id,
        user_id,
        user_agent,
        email_campaign_id,
        seconds_since_delivery
    from int_engagement_events_classified

)

select * from final
