{#- One row per person with engagement: how many events they have, how many were filtered as bots and why,
    how many were email opens (kept, never scored). dim_persons shows these; explanations cite them. -#}
with

int_engagement_events_classified as (

    select * from {{ ref('int_engagement_events_classified') }}

),

final as (

    select
        person_id,
        count(*) as engagement_event_count,
        sum(case when is_filtered then 0 else 1 end) as unfiltered_event_count,
        sum(case when is_filtered then 1 else 0 end) as filtered_event_count,
        sum(case when filter_reason = 'hubspot_flag' then 1 else 0 end) as filtered_hubspot_flag_count,
        sum(case when filter_reason = 'scanner_user_agent' then 1 else 0 end) as filtered_scanner_user_agent_count,
        sum(case when filter_reason = 'click_within_seconds_of_delivery' then 1 else 0 end)
            as filtered_fast_click_count,
        sum(case when filter_reason = 'all_links_clicked_at_once' then 1 else 0 end) as filtered_all_links_count,
        sum(case when signal_type = 'email_open' and not is_filtered then 1 else 0 end) as email_open_count,
        min(occurred_at) as first_engaged_at,
        max(case when not is_filtered then occurred_at end) as last_engaged_at
    from int_engagement_events_classified
    where person_id is not null
    group by person_id

)

select * from final
