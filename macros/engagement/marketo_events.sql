{#- A Marketo email message: the lead, the email and the campaign run that sent it (send, delivery, open and click
    activities of one message share them). `activities` is the staging relation (or CTE) read. -#}
{% macro marketo_message_id(activities) -%}
    {{ dbt.concat([
        activities ~ '.marketo_lead_id', "':'",
        'coalesce(cast(' ~ activities ~ '.email_template_id as ' ~ dbt.type_string() ~ "), '')", "':'",
        'coalesce(cast(' ~ activities ~ '.campaign_run_id as ' ~ dbt.type_string() ~ "), '')"
    ]) }}
{%- endmacro %}


{#- The attribution columns of a Marketo activity in int_engagement_events_unioned's shape, read from
    int_marketo_leads_resolved (joined on the activity's lead id): the Salesforce record the lead is synced with
    (int_engagement_events_classified resolves it first), else the lead's email. -#}
{% macro marketo_event_attribution_columns() -%}
        int_marketo_leads_resolved.email,
        case when int_marketo_leads_resolved.email is not null then 'marketo_lead' end as email_source,
        int_marketo_leads_resolved.crm_record_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id
{%- endmacro %}
