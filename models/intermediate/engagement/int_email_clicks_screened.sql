{#- One row per HubSpot email click, with the two timing heuristics that unmask security scanners, which click
    every link of a message within seconds of its delivery to test it:
    - seconds_since_delivery: from the message's delivery (its DELIVERED event, else its SENT event) to the
      click; at most var bot_click_seconds_after_delivery (negative included: a click logged before the
      delivery) flags the click;
    - all links at once: the recipient clicked every distinct link anyone clicked in that email (at least
      var bot_all_links_min_links of them) within var bot_all_links_window_seconds; every click of that message
      is flagged.
    The verdict (which reason wins) is int_engagement_events_classified's. -#}
with

stg_hubspot__email_events as (

    select * from {{ ref('stg_hubspot__email_events') }}

),

stg_hubspot__email_event_clicks as (

    select * from {{ ref('stg_hubspot__email_event_clicks') }}

),

clicks as (

    select
        stg_hubspot__email_events.email_event_id,
        stg_hubspot__email_events.recipient_email,
        stg_hubspot__email_events.email_campaign_id,
        stg_hubspot__email_events.sent_by_occurred_at,
        stg_hubspot__email_events.occurred_at,
        stg_hubspot__email_event_clicks.clicked_url,
        coalesce(stg_hubspot__email_events.sent_by_event_id, stg_hubspot__email_events.email_event_id)
            as message_id
    from stg_hubspot__email_events
    left join stg_hubspot__email_event_clicks
        on stg_hubspot__email_events.email_event_id = stg_hubspot__email_event_clicks.email_event_id
    where stg_hubspot__email_events.email_event_type = 'CLICK'

),

deliveries as (

    select
        sent_by_event_id as message_id,
        min(occurred_at) as delivered_at
    from stg_hubspot__email_events
    where
        email_event_type = 'DELIVERED'
        and sent_by_event_id in (select clicks.message_id from clicks)
    group by sent_by_event_id

),

message_clicks as (

    select
        message_id,
        count(distinct clicked_url) as distinct_links_clicked,
        {{ handoff.seconds_between('min(occurred_at)', 'max(occurred_at)') }} as click_span_seconds
    from clicks
    group by message_id

),

campaign_links as (

    select
        email_campaign_id,
        count(distinct clicked_url) as distinct_links_in_email
    from clicks
    where email_campaign_id is not null
    group by email_campaign_id

),

measured as (

    select
        clicks.email_event_id,
        clicks.message_id,
        coalesce(deliveries.delivered_at, clicks.sent_by_occurred_at) as delivered_at,
        {{ handoff.seconds_between(
            'coalesce(deliveries.delivered_at, clicks.sent_by_occurred_at)', 'clicks.occurred_at'
        ) }} as seconds_since_delivery,
        message_clicks.distinct_links_clicked,
        message_clicks.click_span_seconds,
        campaign_links.distinct_links_in_email
    from clicks
    left join deliveries
        on clicks.message_id = deliveries.message_id
    left join message_clicks
        on clicks.message_id = message_clicks.message_id
    left join campaign_links
        on clicks.email_campaign_id = campaign_links.email_campaign_id

),

final as (

    select
        email_event_id,
        message_id,
        delivered_at,
        seconds_since_delivery,
        distinct_links_clicked,
        distinct_links_in_email,
        click_span_seconds,
        coalesce(
            seconds_since_delivery <= {{ handoff.scoring_var('bot_click_seconds_after_delivery') }},
            false
        ) as is_click_within_seconds_of_delivery,
        coalesce(
            distinct_links_clicked >= {{ handoff.scoring_var('bot_all_links_min_links') }}
            and distinct_links_clicked = distinct_links_in_email
            and click_span_seconds <= {{ handoff.scoring_var('bot_all_links_window_seconds') }},
            false
        ) as is_all_links_clicked_at_once
    from measured

)

select * from final
