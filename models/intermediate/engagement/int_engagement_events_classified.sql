{#- Every engagement event, classified and attributed; nothing is dropped.
    - signal_type: email events by kind (email_open, email_click, ...); pages, tracks, forms and campaign
      responses through their mapping seeds (lowest priority among matching `like` patterns wins; the catch-all
      other_* when nothing matches). Mapping runs on the distinct keys, not on every event.
    - channel: from signal_channels.
    - is_filtered / filter_reason, first that applies: hubspot_flag (the sender's own bot flag),
      scanner_user_agent (scanner_user_agent_patterns), click_within_seconds_of_delivery,
      all_links_clicked_at_once (int_email_clicks_screened). Filtered events are kept, with their reason, and
      never score.
    - person_id: campaign responses by their lead/contact id (merged ids resolved), every other event by its
      email (HubSpot recipient, HubSpot contact, Segment identify) through int_person_emails_resolved. -#}
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

page_signal_mapping as (

    select * from {{ ref('page_signal_mapping') }}

),

track_signal_mapping as (

    select * from {{ ref('track_signal_mapping') }}

),

form_signal_mapping as (

    select * from {{ ref('form_signal_mapping') }}

),

campaign_signal_mapping as (

    select * from {{ ref('campaign_signal_mapping') }}

),

signal_channels as (

    select * from {{ ref('signal_channels') }}

),

scanner_user_agent_patterns as (

    select * from {{ ref('scanner_user_agent_patterns') }}

),

signal_keys as (

    select distinct
        event_source,
        signal_key
    from int_engagement_events_unioned
    where signal_key is not null and event_source <> 'email_event'

),

key_candidates as (

    select
        signal_keys.event_source,
        signal_keys.signal_key,
        page_signal_mapping.signal_type,
        page_signal_mapping.priority
    from signal_keys
    inner join page_signal_mapping
        on signal_keys.signal_key like page_signal_mapping.page_path_pattern
    where signal_keys.event_source = 'page'

    union all

    select
        signal_keys.event_source,
        signal_keys.signal_key,
        track_signal_mapping.signal_type,
        track_signal_mapping.priority
    from signal_keys
    inner join track_signal_mapping
        on signal_keys.signal_key like track_signal_mapping.event_name_pattern
    where signal_keys.event_source = 'track'

    union all

    select
        signal_keys.event_source,
        signal_keys.signal_key,
        form_signal_mapping.signal_type,
        form_signal_mapping.priority
    from signal_keys
    inner join form_signal_mapping
        on signal_keys.signal_key like form_signal_mapping.form_name_pattern
    where signal_keys.event_source = 'form_submission'

    union all

    select
        signal_keys.event_source,
        signal_keys.signal_key,
        campaign_signal_mapping.signal_type,
        campaign_signal_mapping.priority
    from signal_keys
    inner join campaign_signal_mapping
        on signal_keys.signal_key like campaign_signal_mapping.campaign_type_pattern
    where signal_keys.event_source = 'campaign_member'

),

key_signals as (

    select
        event_source,
        signal_key,
        signal_type
    from (
        select
            *,
            row_number() over (
                partition by event_source, signal_key
                order by priority, signal_type
            ) as match_rank
        from key_candidates
    ) as ranked
    where match_rank = 1

),

user_agents as (

    select distinct user_agent
    from int_engagement_events_unioned
    where user_agent is not null

),

scanner_agents as (

    select distinct user_agents.user_agent
    from user_agents
    inner join scanner_user_agent_patterns
        on lower(user_agents.user_agent) like scanner_user_agent_patterns.user_agent_pattern

),

classified as (

    select
        events.*,
        case
            when events.event_source = 'email_event' then events.event_kind
            else coalesce(
                key_signals.signal_type,
                case events.event_source
                    when 'page' then 'other_page_view'
                    when 'track' then 'other_track'
                    when 'form_submission' then 'other_form'
                    else 'campaign_response'
                end
            )
        end as signal_type,
        case
            when events.is_filtered_by_hubspot then 'hubspot_flag'
            when scanner_agents.user_agent is not null then 'scanner_user_agent'
            when events.is_click_within_seconds_of_delivery then 'click_within_seconds_of_delivery'
            when events.is_all_links_clicked_at_once then 'all_links_clicked_at_once'
        end as filter_reason,
        coalesce(crm_records.person_id, emails.person_id) as person_id,
        case
            when crm_records.person_id is not null then 'crm_record'
            when emails.person_id is not null then events.email_source
        end as attribution_method
    from int_engagement_events_unioned as events
    left join key_signals
        on
            events.event_source = key_signals.event_source
            and events.signal_key = key_signals.signal_key
    left join scanner_agents
        on events.user_agent = scanner_agents.user_agent
    left join int_person_records_mapped as crm_records
        on events.crm_record_id = crm_records.record_id
    left join int_person_emails_resolved as emails
        on events.email = emails.email

),

final as (

    select
        classified.engagement_event_id,
        classified.person_id,
        classified.attribution_method,
        classified.source_system,
        classified.event_source,
        classified.source_event_id,
        classified.occurred_at,
        cast(classified.occurred_at as date) as event_date,
        classified.event_kind,
        classified.signal_type,
        signal_channels.channel,
        classified.filter_reason,
        classified.event_detail,
        classified.email,
        classified.crm_record_id,
        classified.anonymous_id,
        classified.user_id,
        classified.user_agent,
        classified.email_campaign_id,
        classified.seconds_since_delivery,
        classified.filter_reason is not null as is_filtered
    from classified
    left join signal_channels
        on classified.signal_type = signal_channels.signal_type

)

select * from final
