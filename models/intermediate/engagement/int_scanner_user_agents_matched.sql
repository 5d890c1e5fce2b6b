{#- Every distinct user agent in the engagement sources (Segment pages and tracks, HubSpot email opens and clicks,
    Marketo email opens and clicks, form fills and web visits)
    that a scanner_user_agent_patterns pattern matches (lowercased `like`), with the first pattern that does.
    Matching runs on the distinct agents; int_engagement_events_unioned flags events by joining the result. -#}
with

stg_segment__pages as (

    select * from {{ ref('stg_segment__pages') }}

),

stg_segment__tracks as (

    select * from {{ ref('stg_segment__tracks') }}

),

stg_hubspot__email_event_opens as (

    select * from {{ ref('stg_hubspot__email_event_opens') }}

),

stg_hubspot__email_event_clicks as (

    select * from {{ ref('stg_hubspot__email_event_clicks') }}

),

stg_marketo__email_opens as (

    select * from {{ ref('stg_marketo__email_opens') }}

),

stg_marketo__email_clicks as (

    select * from {{ ref('stg_marketo__email_clicks') }}

),

stg_marketo__form_fills as (

    select * from {{ ref('stg_marketo__form_fills') }}

),

stg_marketo__web_visits as (

    select * from {{ ref('stg_marketo__web_visits') }}

),

scanner_user_agent_patterns as (

    select * from {{ ref('scanner_user_agent_patterns') }}

),

user_agents as (

    select user_agent from stg_segment__pages
    union
    select user_agent from stg_segment__tracks
    union
    select user_agent from stg_hubspot__email_event_opens
    union
    select user_agent from stg_hubspot__email_event_clicks
    union
    select user_agent from stg_marketo__email_opens
    union
    select user_agent from stg_marketo__email_clicks
    union
    select user_agent from stg_marketo__form_fills
    union
    select user_agent from stg_marketo__web_visits

),

matches as (

    select
        user_agents.user_agent,
        scanner_user_agent_patterns.user_agent_pattern,
        row_number() over (
            partition by user_agents.user_agent
            order by scanner_user_agent_patterns.user_agent_pattern
        ) as match_rank
    from user_agents
    inner join scanner_user_agent_patterns
        on lower(user_agents.user_agent) like scanner_user_agent_patterns.user_agent_pattern
    where user_agents.user_agent is not null

),

final as (

    select
        user_agent,
        user_agent_pattern
    from matches
    where match_rank = 1

)

select * from final
