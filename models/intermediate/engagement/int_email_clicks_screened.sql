{#- One row per HubSpot or Marketo email click (key: source_system, email_event_id), with the two timing
    heuristics that unmask security scanners, which click
    every link of a message within seconds of its delivery to test it:
    - seconds_since_delivery: from the message's delivery (its DELIVERED event, else its SENT event) to the
      click; at most var bot_click_seconds_after_delivery (negative included: a click logged before the
      delivery) flags the click;
    - all links at once: the recipient clicked every distinct link anyone clicked in that email (at least
      var bot_all_links_min_links of them) within var bot_all_links_window_seconds; every click of that message
      is flagged.
    A HubSpot message is its SENT event; a Marketo message is the lead, the email and the campaign run, delivered
    at its email_delivered activity, else its send_email activity.
    The verdict (which reason wins) is int_engagement_events_classified's.
    Why 15 CTEs: five import CTEs; the others are the two heuristics' steps, which share the message and its
    delivery, so apart they would rebuild both. -#}
with

stg_hubspot__email_events as (

    select * from {{ ref('stg_hubspot__email_events') }}

),

stg_hubspot__email_event_clicks as (

    select * from {{ ref('stg_hubspot__email_event_clicks') }}

),

stg_marketo__email_clicks as (

    select * from {{ ref('stg_marketo__email_clicks') }}

),

stg_marketo__email_deliveries as (

    select * from {{ ref('stg_marketo__email_deliveries') }}

),

stg_marketo__email_sends as (

    select * from {{ ref('stg_marketo__email_sends') }}

),

hubspot_clicks as (

    select
        'hubspot' as source_system,
        stg_hubspot__email_events.email_event_id,
        cast(stg_hubspot__email_events.email_campaign_id as {{ dbt.type_string() }}) as email_key,
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

marketo_clicks as (

    select
        'marketo' as source_system,
        stg_marketo__email_clicks.marketo_activity_id as email_event_id,
        cast(stg_marketo__email_clicks.email_template_id as {{ dbt.type_string() }}) as email_key,
        cast(null as {{ dbt.type_timestamp() }}) as sent_by_occurred_at,
        stg_marketo__email_clicks.occurred_at,
        stg_marketo__email_clicks.clicked_url,
        {{ handoff.marketo_message_id('stg_marketo__email_clicks') }} as message_id
    from stg_marketo__email_clicks

),

clicks as (

    select * from hubspot_clicks
    union all
    select * from marketo_clicks

),

marketo_messages as (

    select
        {{ handoff.marketo_message_id('stg_marketo__email_deliveries') }} as message_id,
        stg_marketo__email_deliveries.occurred_at,
        0 as precedence
    from stg_marketo__email_deliveries
    union all
    select
        {{ handoff.marketo_message_id('stg_marketo__email_sends') }} as message_id,
        stg_marketo__email_sends.occurred_at,
        1 as precedence
    from stg_marketo__email_sends

),

marketo_deliveries_ranked as (

    select
        message_id,
        occurred_at,
        row_number() over (partition by message_id order by precedence, occurred_at) as delivery_rank
    from marketo_messages
    where message_id in (select marketo_clicks.message_id from marketo_clicks)

),

deliveries as (

    select
        'hubspot' as source_system,
        sent_by_event_id as message_id,
        min(occurred_at) as delivered_at
    from stg_hubspot__email_events
    where
        email_event_type = 'DELIVERED'
        and sent_by_event_id in (select hubspot_clicks.message_id from hubspot_clicks)
    group by sent_by_event_id

    union all

    select
        'marketo' as source_system,
        message_id,
        occurred_at as delivered_at
    from marketo_deliveries_ranked
    where delivery_rank = 1

),

message_clicks as (

    select
        source_system,
        message_id,
        count(distinct clicked_url) as distinct_links_clicked,
        {{ handoff.seconds_between('min(occurred_at)', 'max(occurred_at)') }} as click_span_seconds
    from clicks
    group by source_system, message_id

),

campaign_links as (

    select
        source_system,
        email_key,
        count(distinct clicked_url) as distinct_links_in_email
    from clicks
    where email_key is not null
    group by source_system, email_key

),

measured as (

    select
        clicks.source_system,
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
        on clicks.source_system = deliveries.source_system and clicks.message_id = deliveries.message_id
    left join message_clicks
        on clicks.source_system = message_clicks.source_system and clicks.message_id = message_clicks.message_id
    left join campaign_links
        on clicks.source_system = campaign_links.source_system and clicks.email_key = campaign_links.email_key

),

final as (

    select
        source_system,
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
