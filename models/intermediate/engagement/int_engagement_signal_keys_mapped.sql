{#- The signal each source key stands for: one row per distinct page path, track event name, form name and campaign
    type found in staging, with the signal type of the lowest-priority matching pattern in its mapping seed
    (page_signal_mapping, track_signal_mapping, form_signal_mapping, campaign_signal_mapping). Matching runs on the
    few hundred distinct keys, not on millions of events; int_engagement_events_unioned joins the result. Keys no
    pattern matches are absent and fall back to the catch-all other_* signal there.
    Why 15 CTEs: eight import CTEs and one key CTE per source (pages, tracks, forms, campaigns), matched and
    ranked together so one precedence rule decides every source's signal. -#}
with

stg_segment__pages as (

    select * from {{ ref('stg_segment__pages') }}

),

stg_segment__tracks as (

    select * from {{ ref('stg_segment__tracks') }}

),

stg_hubspot__forms as (

    select * from {{ ref('stg_hubspot__forms') }}

),

stg_salesforce__campaigns as (

    select * from {{ ref('stg_salesforce__campaigns') }}

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

page_keys as (

    select distinct page_path as signal_key
    from stg_segment__pages
    where page_path is not null

),

track_keys as (

    select distinct lower(event_name) as signal_key
    from stg_segment__tracks
    where event_name is not null

),

form_keys as (

    select distinct lower(form_name) as signal_key
    from stg_hubspot__forms
    where form_name is not null

),

campaign_keys as (

    select distinct lower(campaign_type) as signal_key
    from stg_salesforce__campaigns
    where campaign_type is not null

),

candidates as (

    select
        'page' as event_source,
        page_keys.signal_key,
        page_signal_mapping.signal_type,
        page_signal_mapping.priority
    from page_keys
    inner join page_signal_mapping
        on page_keys.signal_key like page_signal_mapping.page_path_pattern

    union all

    select
        'track' as event_source,
        track_keys.signal_key,
        track_signal_mapping.signal_type,
        track_signal_mapping.priority
    from track_keys
    inner join track_signal_mapping
        on track_keys.signal_key like track_signal_mapping.event_name_pattern

    union all

    select
        'form_submission' as event_source,
        form_keys.signal_key,
        form_signal_mapping.signal_type,
        form_signal_mapping.priority
    from form_keys
    inner join form_signal_mapping
        on form_keys.signal_key like form_signal_mapping.form_name_pattern

    union all

    select
        'campaign_member' as event_source,
        campaign_keys.signal_key,
        campaign_signal_mapping.signal_type,
        campaign_signal_mapping.priority
    from campaign_keys
    inner join campaign_signal_mapping
        on campaign_keys.signal_key like campaign_signal_mapping.campaign_type_pattern

),

ranked as (

    select
        *,
        row_number() over (partition by event_source, signal_key order by priority, signal_type) as match_rank
    from candidates

),

final as (

    select
        event_source,
        signal_key,
        signal_type
    from ranked
    where match_rank = 1

)

select * from final
