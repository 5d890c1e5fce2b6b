{#- Every engagement event, classified and attributed; nothing is dropped.
    - signal_type (from int_engagement_events_unioned) and its channel (signal_channels);
    - is_filtered / filter_reason, the first that applies: hubspot_flag or marketo_flag (the sender's own bot flag),
      scanner_user_agent (scanner_user_agent_patterns), click_within_seconds_of_delivery,
      all_links_clicked_at_once (int_email_clicks_screened). Filtered events are kept, with their reason, and
      never score;
    - person_id: campaign responses by their lead/contact id (merged ids resolved), every other event by its
      email (HubSpot recipient, HubSpot contact, Segment identify) through int_person_emails_resolved.
    A table: the union's joins run once here, and every reader (the daily counts, fct_engagement_events, the
    accounts layer) reads stored rows. As a view it was recomputed by each reader, and two readers running at once
    on 2 threads ran out of memory at 10 M events under the 3 GB limit. -#}
with

int_engagement_events_unioned as (

    select * from {{ ref('int_engagement_events_unioned') }}

),

int_person_emails_resolved as (

    select * from {{ ref('int_person_emails_resolved') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

signal_channels as (

    select * from {{ ref('signal_channels') }}

),

classified as (

    select
        events.engagement_event_id,
        events.email_source,
        events.source_system,
        events.event_source,
        events.source_event_id,
        events.occurred_at,
        events.event_kind,
        events.signal_type,
        signal_channels.channel,
        events.event_detail,
        events.email,
        events.crm_record_id,
        events.anonymous_id,
        events.user_id,
        events.email_campaign_id,
        events.seconds_since_delivery,
        crm_records.person_id as crm_person_id,
        emails.person_id as email_person_id,
        cast(events.occurred_at as date) as event_date,
        case
            when events.is_filtered_by_hubspot then 'hubspot_flag'
            when events.is_flagged_by_marketo then 'marketo_flag'
            when events.is_scanner_user_agent then 'scanner_user_agent'
            when events.is_click_within_seconds_of_delivery then 'click_within_seconds_of_delivery'
            when events.is_all_links_clicked_at_once then 'all_links_clicked_at_once'
        end as filter_reason
    from int_engagement_events_unioned as events
    left join signal_channels
        on events.signal_type = signal_channels.signal_type
    left join int_person_records_mapped as crm_records
        on events.crm_record_id = crm_records.record_id
    left join int_person_emails_resolved as emails
        on events.email = emails.email

),

attributed as (

    select
        *,
        coalesce(crm_person_id, email_person_id) as person_id,
        case
            when crm_person_id is not null then 'crm_record'
            when email_person_id is not null then email_source
        end as attribution_method,
        filter_reason is not null as is_filtered
    from classified

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
        email_campaign_id,
        seconds_since_delivery
    from attributed

)

select * from final
