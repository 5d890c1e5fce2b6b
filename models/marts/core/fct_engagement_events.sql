{#- Every classified engagement event, filtered ones included with their reason. Kept a little narrower than
    int_engagement_events_classified (no Segment user id, no CRM record id). A view: it only projects that table, and
    writing its millions of rows a second time was the costliest step of every night (21 s of 125 s at 10 M events,
    full or incremental); readers pay a column projection. -#}
{{ config(materialized='view') }}

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
        occurred_at,
        event_date,
        event_kind,
        signal_type,
        channel,
        is_filtered,
        filter_reason,
        event_detail,
        email,
        anonymous_id,
        email_campaign_id,
        seconds_since_delivery
    from int_engagement_events_classified

)

select * from final
