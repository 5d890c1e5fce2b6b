{{ config(materialized='view') }}
{#- Every engagement event that can carry buying intent, from every source, in one shape: HubSpot marketing
    email (opens, clicks, forwards, spam reports, unsubscribes), HubSpot form submissions, Marketo email opens,
    clicks and unsubscribes, form fills and web visits (attributed through int_marketo_leads_resolved: the
    Salesforce record the lead is synced with, else its email; merged ids count for the survivor, deleted leads
    for no one), Segment pages and tracks, and responded Salesforce campaign members (webinars, events). Sends, deliveries, bounces and the
    like are not engagement and stay out. Each branch attaches its signal type (email events by kind, the others
    through int_engagement_signal_keys_mapped, falling back to the catch-all other_* signal) and its bot
    evidence (HubSpot's or Marketo's own flag, a scanner user agent from int_scanner_user_agents_matched, the click timing from
    int_email_clicks_screened), and carries what attribution needs (an email, a CRM record id).
    A view, read once by int_engagement_events_classified: materialising these millions of rows twice would cost
    more than the joins (measured at 10 M events).
    Why one model of ~480 lines and 32 CTEs: 19 are import CTEs and each of the eight source branches is one CTE
    shaping one source into the common row; per-source views would each be read only by this union. -#}
with

stg_hubspot__email_events as (

    select * from {{ ref('stg_hubspot__email_events') }}

),

engagement_email_events as (

    select * from stg_hubspot__email_events
    where email_event_type in ('OPEN', 'CLICK', 'FORWARD', 'SPAMREPORT', 'STATUSCHANGE')

),

stg_hubspot__email_event_clicks as (

    select * from {{ ref('stg_hubspot__email_event_clicks') }}

),

stg_hubspot__email_event_opens as (

    select * from {{ ref('stg_hubspot__email_event_opens') }}

),

stg_hubspot__email_event_status_changes as (

    select * from {{ ref('stg_hubspot__email_event_status_changes') }}

),

int_email_clicks_screened as (

    select * from {{ ref('int_email_clicks_screened') }}

),

stg_hubspot__form_submissions as (

    select * from {{ ref('stg_hubspot__form_submissions') }}

),

stg_hubspot__forms as (

    select * from {{ ref('stg_hubspot__forms') }}

),

int_hubspot_contacts_resolved as (

    select * from {{ ref('int_hubspot_contacts_resolved') }}

),

stg_segment__pages as (

    select * from {{ ref('stg_segment__pages') }}

),

stg_segment__tracks as (

    select * from {{ ref('stg_segment__tracks') }}

),

int_segment_visitors_identified as (

    select * from {{ ref('int_segment_visitors_identified') }}

),

stg_salesforce__campaign_members as (

    select * from {{ ref('stg_salesforce__campaign_members') }}

),

stg_salesforce__campaigns as (

    select * from {{ ref('stg_salesforce__campaigns') }}

),

stg_marketo__email_opens as (

    select * from {{ ref('stg_marketo__email_opens') }}

),

stg_marketo__email_clicks as (

    select * from {{ ref('stg_marketo__email_clicks') }}

),

stg_marketo__email_unsubscribes as (

    select * from {{ ref('stg_marketo__email_unsubscribes') }}

),

stg_marketo__form_fills as (

    select * from {{ ref('stg_marketo__form_fills') }}

),

stg_marketo__web_visits as (

    select * from {{ ref('stg_marketo__web_visits') }}

),

int_marketo_leads_resolved as (

    select * from {{ ref('int_marketo_leads_resolved') }}

),

int_engagement_signal_keys_mapped as (

    select * from {{ ref('int_engagement_signal_keys_mapped') }}

),

int_scanner_user_agents_matched as (

    select * from {{ ref('int_scanner_user_agents_matched') }}

),

email_engagement as (

    select
        {{ dbt.concat(["'hubspot_email:'", 'engagement_email_events.email_event_id']) }} as engagement_event_id,
        'hubspot' as source_system,
        'email_event' as event_source,
        engagement_email_events.email_event_id as source_event_id,
        engagement_email_events.occurred_at,
        case engagement_email_events.email_event_type
            when 'OPEN' then 'email_open'
            when 'CLICK' then 'email_click'
            when 'FORWARD' then 'email_forward'
            when 'SPAMREPORT' then 'email_spam_report'
            when 'STATUSCHANGE' then 'email_unsubscribe'
        end as event_kind,
        case engagement_email_events.email_event_type
            when 'OPEN' then 'email_open'
            when 'CLICK' then 'email_click'
            when 'FORWARD' then 'email_forward'
            when 'SPAMREPORT' then 'email_spam_report'
            when 'STATUSCHANGE' then 'email_unsubscribe'
        end as signal_type,
        stg_hubspot__email_event_clicks.clicked_url as event_detail,
        engagement_email_events.recipient_email as email,
        'email_recipient' as email_source,
        cast(null as {{ dbt.type_string() }}) as crm_record_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        engagement_email_events.email_campaign_id,
        coalesce(engagement_email_events.is_filtered_by_hubspot, false) as is_filtered_by_hubspot,
        false as is_flagged_by_marketo,
        int_scanner_user_agents_matched.user_agent is not null as is_scanner_user_agent,
        int_email_clicks_screened.seconds_since_delivery,
        coalesce(int_email_clicks_screened.is_click_within_seconds_of_delivery, false)
            as is_click_within_seconds_of_delivery,
        coalesce(int_email_clicks_screened.is_all_links_clicked_at_once, false) as is_all_links_clicked_at_once
    from engagement_email_events
    left join stg_hubspot__email_event_clicks
        on engagement_email_events.email_event_id = stg_hubspot__email_event_clicks.email_event_id
    left join stg_hubspot__email_event_opens
        on engagement_email_events.email_event_id = stg_hubspot__email_event_opens.email_event_id
    left join stg_hubspot__email_event_status_changes
        on engagement_email_events.email_event_id = stg_hubspot__email_event_status_changes.email_event_id
    left join int_email_clicks_screened
        on
            engagement_email_events.email_event_id = int_email_clicks_screened.email_event_id
            and int_email_clicks_screened.source_system = 'hubspot'
    left join int_scanner_user_agents_matched
        on
            coalesce(stg_hubspot__email_event_clicks.user_agent, stg_hubspot__email_event_opens.user_agent)
            = int_scanner_user_agents_matched.user_agent
    where
        engagement_email_events.email_event_type <> 'STATUSCHANGE'
        or upper(stg_hubspot__email_event_status_changes.subscription_status) = 'UNSUBSCRIBED'

),

form_submissions as (

    select
        {{ dbt.concat(["'hubspot_form:'", 'stg_hubspot__form_submissions.form_submission_id']) }}
            as engagement_event_id,
        'hubspot' as source_system,
        'form_submission' as event_source,
        stg_hubspot__form_submissions.form_submission_id as source_event_id,
        stg_hubspot__form_submissions.submitted_at as occurred_at,
        'form_submission' as event_kind,
        coalesce(int_engagement_signal_keys_mapped.signal_type, 'other_form') as signal_type,
        stg_hubspot__forms.form_name as event_detail,
        int_hubspot_contacts_resolved.email,
        'hubspot_contact' as email_source,
        cast(null as {{ dbt.type_string() }}) as crm_record_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(null as {{ dbt.type_bigint() }}) as email_campaign_id,
        false as is_filtered_by_hubspot,
        false as is_flagged_by_marketo,
        false as is_scanner_user_agent,
        cast(null as {{ handoff.type_double() }}) as seconds_since_delivery,
        false as is_click_within_seconds_of_delivery,
        false as is_all_links_clicked_at_once
    from stg_hubspot__form_submissions
    left join stg_hubspot__forms
        on stg_hubspot__form_submissions.form_id = stg_hubspot__forms.form_id
    left join int_engagement_signal_keys_mapped
        on
            lower(stg_hubspot__forms.form_name) = int_engagement_signal_keys_mapped.signal_key
            and int_engagement_signal_keys_mapped.event_source = 'form_submission'
    left join int_hubspot_contacts_resolved
        on stg_hubspot__form_submissions.hubspot_contact_id = int_hubspot_contacts_resolved.hubspot_contact_id

),

page_views as (

    select
        {{ dbt.concat(["'segment_page:'", 'stg_segment__pages.page_view_id']) }} as engagement_event_id,
        'segment' as source_system,
        'page' as event_source,
        stg_segment__pages.page_view_id as source_event_id,
        stg_segment__pages.viewed_at as occurred_at,
        'page_view' as event_kind,
        coalesce(int_engagement_signal_keys_mapped.signal_type, 'other_page_view') as signal_type,
        stg_segment__pages.page_path as event_detail,
        {{ handoff.segment_event_attribution_columns('stg_segment__pages') }}
    from stg_segment__pages
    left join int_engagement_signal_keys_mapped
        on
            stg_segment__pages.page_path = int_engagement_signal_keys_mapped.signal_key
            and int_engagement_signal_keys_mapped.event_source = 'page'
    {{ handoff.segment_event_attribution_joins('stg_segment__pages') }}

),

tracks as (

    select
        {{ dbt.concat(["'segment_track:'", 'stg_segment__tracks.track_id']) }} as engagement_event_id,
        'segment' as source_system,
        'track' as event_source,
        stg_segment__tracks.track_id as source_event_id,
        stg_segment__tracks.tracked_at as occurred_at,
        'track' as event_kind,
        coalesce(int_engagement_signal_keys_mapped.signal_type, 'other_track') as signal_type,
        stg_segment__tracks.event_name as event_detail,
        {{ handoff.segment_event_attribution_columns('stg_segment__tracks') }}
    from stg_segment__tracks
    left join int_engagement_signal_keys_mapped
        on
            lower(stg_segment__tracks.event_name) = int_engagement_signal_keys_mapped.signal_key
            and int_engagement_signal_keys_mapped.event_source = 'track'
    {{ handoff.segment_event_attribution_joins('stg_segment__tracks') }}

),

campaign_responses as (

    select
        {{ dbt.concat(["'salesforce_campaign_member:'", 'stg_salesforce__campaign_members.campaign_member_id']) }}
            as engagement_event_id,
        'salesforce' as source_system,
        'campaign_member' as event_source,
        stg_salesforce__campaign_members.campaign_member_id as source_event_id,
        coalesce(
            cast(stg_salesforce__campaign_members.first_responded_date as {{ dbt.type_timestamp() }}),
            stg_salesforce__campaign_members.created_at
        ) as occurred_at,
        'campaign_response' as event_kind,
        coalesce(int_engagement_signal_keys_mapped.signal_type, 'campaign_response') as signal_type,
        stg_salesforce__campaigns.campaign_name as event_detail,
        cast(null as {{ dbt.type_string() }}) as email,
        cast(null as {{ dbt.type_string() }}) as email_source,
        coalesce(stg_salesforce__campaign_members.contact_id, stg_salesforce__campaign_members.lead_id)
            as crm_record_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(null as {{ dbt.type_bigint() }}) as email_campaign_id,
        false as is_filtered_by_hubspot,
        false as is_flagged_by_marketo,
        false as is_scanner_user_agent,
        cast(null as {{ handoff.type_double() }}) as seconds_since_delivery,
        false as is_click_within_seconds_of_delivery,
        false as is_all_links_clicked_at_once
    from stg_salesforce__campaign_members
    left join stg_salesforce__campaigns
        on stg_salesforce__campaign_members.campaign_id = stg_salesforce__campaigns.campaign_id
    left join int_engagement_signal_keys_mapped
        on
            lower(stg_salesforce__campaigns.campaign_type) = int_engagement_signal_keys_mapped.signal_key
            and int_engagement_signal_keys_mapped.event_source = 'campaign_member'
    where stg_salesforce__campaign_members.has_responded

),

marketo_email_activities as (

    select
        'marketo_open' as id_prefix,
        'email_open' as event_kind,
        marketo_activity_id,
        marketo_lead_id,
        occurred_at,
        cast(null as {{ dbt.type_string() }}) as clicked_url,
        email_template_id,
        user_agent,
        is_bot_activity
    from stg_marketo__email_opens
    union all
    select
        'marketo_click' as id_prefix,
        'email_click' as event_kind,
        marketo_activity_id,
        marketo_lead_id,
        occurred_at,
        clicked_url,
        email_template_id,
        user_agent,
        is_bot_activity
    from stg_marketo__email_clicks
    union all
    select
        'marketo_unsubscribe' as id_prefix,
        'email_unsubscribe' as event_kind,
        marketo_activity_id,
        marketo_lead_id,
        occurred_at,
        cast(null as {{ dbt.type_string() }}) as clicked_url,
        email_template_id,
        user_agent,
        cast(null as {{ dbt.type_boolean() }}) as is_bot_activity
    from stg_marketo__email_unsubscribes

),

marketo_email_engagement as (

    select
        {{ dbt.concat(['marketo_email_activities.id_prefix', "':'", 'marketo_email_activities.marketo_activity_id']) }}
            as engagement_event_id,
        'marketo' as source_system,
        'email_event' as event_source,
        marketo_email_activities.marketo_activity_id as source_event_id,
        marketo_email_activities.occurred_at,
        marketo_email_activities.event_kind,
        marketo_email_activities.event_kind as signal_type,
        marketo_email_activities.clicked_url as event_detail,
        {{ handoff.marketo_event_attribution_columns() }},
        marketo_email_activities.email_template_id as email_campaign_id,
        false as is_filtered_by_hubspot,
        coalesce(marketo_email_activities.is_bot_activity, false) as is_flagged_by_marketo,
        int_scanner_user_agents_matched.user_agent is not null as is_scanner_user_agent,
        int_email_clicks_screened.seconds_since_delivery,
        coalesce(int_email_clicks_screened.is_click_within_seconds_of_delivery, false)
            as is_click_within_seconds_of_delivery,
        coalesce(int_email_clicks_screened.is_all_links_clicked_at_once, false) as is_all_links_clicked_at_once
    from marketo_email_activities
    left join int_marketo_leads_resolved
        on marketo_email_activities.marketo_lead_id = int_marketo_leads_resolved.marketo_lead_id
    left join int_scanner_user_agents_matched
        on marketo_email_activities.user_agent = int_scanner_user_agents_matched.user_agent
    left join int_email_clicks_screened
        on
            marketo_email_activities.marketo_activity_id = int_email_clicks_screened.email_event_id
            and marketo_email_activities.event_kind = 'email_click'
            and int_email_clicks_screened.source_system = 'marketo'

),

marketo_form_fills as (

    select
        {{ dbt.concat(["'marketo_form:'", 'stg_marketo__form_fills.marketo_activity_id']) }} as engagement_event_id,
        'marketo' as source_system,
        'form_submission' as event_source,
        stg_marketo__form_fills.marketo_activity_id as source_event_id,
        stg_marketo__form_fills.occurred_at,
        'form_submission' as event_kind,
        coalesce(int_engagement_signal_keys_mapped.signal_type, 'other_form') as signal_type,
        stg_marketo__form_fills.form_name as event_detail,
        {{ handoff.marketo_event_attribution_columns() }},
        cast(null as {{ dbt.type_bigint() }}) as email_campaign_id,
        false as is_filtered_by_hubspot,
        false as is_flagged_by_marketo,
        int_scanner_user_agents_matched.user_agent is not null as is_scanner_user_agent,
        cast(null as {{ handoff.type_double() }}) as seconds_since_delivery,
        false as is_click_within_seconds_of_delivery,
        false as is_all_links_clicked_at_once
    from stg_marketo__form_fills
    left join int_engagement_signal_keys_mapped
        on
            lower(stg_marketo__form_fills.form_name) = int_engagement_signal_keys_mapped.signal_key
            and int_engagement_signal_keys_mapped.event_source = 'form_submission'
    left join int_marketo_leads_resolved
        on stg_marketo__form_fills.marketo_lead_id = int_marketo_leads_resolved.marketo_lead_id
    left join int_scanner_user_agents_matched
        on stg_marketo__form_fills.user_agent = int_scanner_user_agents_matched.user_agent

),

marketo_web_visits as (

    select
        {{ dbt.concat(["'marketo_visit:'", 'stg_marketo__web_visits.marketo_activity_id']) }} as engagement_event_id,
        'marketo' as source_system,
        'page' as event_source,
        stg_marketo__web_visits.marketo_activity_id as source_event_id,
        stg_marketo__web_visits.occurred_at,
        'page_view' as event_kind,
        coalesce(int_engagement_signal_keys_mapped.signal_type, 'other_page_view') as signal_type,
        stg_marketo__web_visits.page_path as event_detail,
        {{ handoff.marketo_event_attribution_columns() }},
        cast(null as {{ dbt.type_bigint() }}) as email_campaign_id,
        false as is_filtered_by_hubspot,
        false as is_flagged_by_marketo,
        int_scanner_user_agents_matched.user_agent is not null as is_scanner_user_agent,
        cast(null as {{ handoff.type_double() }}) as seconds_since_delivery,
        false as is_click_within_seconds_of_delivery,
        false as is_all_links_clicked_at_once
    from stg_marketo__web_visits
    left join int_engagement_signal_keys_mapped
        on
            stg_marketo__web_visits.page_path = int_engagement_signal_keys_mapped.signal_key
            and int_engagement_signal_keys_mapped.event_source = 'page'
    left join int_marketo_leads_resolved
        on stg_marketo__web_visits.marketo_lead_id = int_marketo_leads_resolved.marketo_lead_id
    left join int_scanner_user_agents_matched
        on stg_marketo__web_visits.user_agent = int_scanner_user_agents_matched.user_agent

),

final as (

    select * from email_engagement
    union all
    select * from form_submissions
    union all
    select * from page_views
    union all
    select * from tracks
    union all
    select * from campaign_responses
    union all
    select * from marketo_email_engagement
    union all
    select * from marketo_form_fills
    union all
    select * from marketo_web_visits

)

select * from final
