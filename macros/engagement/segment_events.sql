{#- Pages and tracks are attributed alike: the email of the identified user, else of the anonymous visitor once
    identified (int_segment_visitors_identified, joined twice as identified_users and anonymous_visitors), and
    they carry no email-only bot evidence. `events` is the Segment staging relation being unioned. -#}

{#- The attribution and bot-evidence columns of a Segment event in int_engagement_events_unioned's shape. -#}
{% macro segment_event_attribution_columns(events) -%}
        coalesce(identified_users.email, anonymous_visitors.email) as email,
        case
            when identified_users.email is not null then 'segment_user_id'
            when anonymous_visitors.email is not null then 'segment_anonymous_id'
        end as email_source,
        cast(null as {{ dbt.type_string() }}) as crm_record_id,
        {{ events }}.anonymous_id,
        {{ events }}.user_id,
        cast(null as {{ dbt.type_bigint() }}) as email_campaign_id,
        false as is_filtered_by_hubspot,
        false as is_flagged_by_marketo,
        int_scanner_user_agents_matched.user_agent is not null as is_scanner_user_agent,
        cast(null as {{ handoff.type_double() }}) as seconds_since_delivery,
        false as is_click_within_seconds_of_delivery,
        false as is_all_links_clicked_at_once
{%- endmacro %}

{#- The joins those columns read: scanner user agents and both ways of identifying the visitor. -#}
{% macro segment_event_attribution_joins(events) -%}
    left join int_scanner_user_agents_matched
        on {{ events }}.user_agent = int_scanner_user_agents_matched.user_agent
    left join int_segment_visitors_identified as identified_users
        on
            {{ events }}.user_id = identified_users.visitor_id
            and identified_users.visitor_id_type = 'user_id'
    left join int_segment_visitors_identified as anonymous_visitors
        on
            {{ events }}.anonymous_id = anonymous_visitors.visitor_id
            and anonymous_visitors.visitor_id_type = 'anonymous_id'
{%- endmacro %}
