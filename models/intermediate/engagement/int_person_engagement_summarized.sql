{#- One row per person with engagement: how many events they have, how many were filtered as bots and why,
    how many were email opens (kept, never scored). dim_persons shows these; explanations cite them. -#}
with

int_person_daily_events_counted as (

    select * from {{ ref('int_person_daily_events_counted') }}

),

final as (

    select
        person_id,
        sum(event_count) as engagement_event_count,
        sum(case when filter_reason is null then event_count else 0 end) as unfiltered_event_count,
        sum(case when filter_reason is not null then event_count else 0 end) as filtered_event_count,
        sum(case when filter_reason = 'hubspot_flag' then event_count else 0 end) as filtered_hubspot_flag_count,
        sum(case when filter_reason = 'marketo_flag' then event_count else 0 end) as filtered_marketo_flag_count,
        sum(case when filter_reason = 'scanner_user_agent' then event_count else 0 end)
            as filtered_scanner_user_agent_count,
        sum(case when filter_reason = 'click_within_seconds_of_delivery' then event_count else 0 end)
            as filtered_fast_click_count,
        sum(case when filter_reason = 'all_links_clicked_at_once' then event_count else 0 end)
            as filtered_all_links_count,
        sum(case when signal_type = 'email_open' and filter_reason is null then event_count else 0 end)
            as email_open_count,
        min(first_occurred_at) as first_engaged_at,
        max(case when filter_reason is null then last_occurred_at end) as last_engaged_at
    from int_person_daily_events_counted
    group by person_id

)

select * from final
