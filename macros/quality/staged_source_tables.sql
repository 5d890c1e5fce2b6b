{#- The registry of source tables that staging accounts for: which base model holds every raw row, which staging
    model holds the trusted ones, and the key they are deduplicated on. The quarantine mart, the reconciliation mart
    and its test all read this one list, so a new source table is accounted for by adding one line.
    `optional`: a table the connector creates only once it has rows (absent: its staging builds empty).
    `versioned`: history-mode tables keep every version as a row (their key is the version), so non-current
    versions are staged there rather than superseded.
    `flags`: problems a staged row is kept with rather than quarantined (docs/conventions.md, "Referential
    problems"), each a name and a boolean SQL expression over the staging model; fct_source_row_flags counts each
    and fct_source_row_reconciliation counts the staged rows carrying any. -#}
{% macro staged_source_tables() -%}
    {{ return([
        {'source_table': 'salesforce.account', 'name': 'salesforce__accounts', 'key': 'account_id'},
        {'source_table': 'salesforce.contact', 'name': 'salesforce__contacts', 'key': 'contact_id',
            'flags': {'missing_account': 'is_account_missing'}},
        {'source_table': 'salesforce.lead', 'name': 'salesforce__leads', 'key': 'lead_id'},
        {'source_table': 'salesforce.opportunity', 'name': 'salesforce__opportunities', 'key': 'opportunity_id',
            'flags': {'missing_account': 'is_account_missing', 'unmapped_stage': "stage_category = 'unmapped'"}},
        {'source_table': 'salesforce.opportunity_history', 'name': 'salesforce__opportunity_history',
            'key': 'opportunity_version_id', 'versioned': true, 'switch': 'handoff__using_opportunity_history'},
        {'source_table': 'salesforce.lead_history', 'name': 'salesforce__lead_history',
            'key': 'lead_version_id', 'versioned': true, 'switch': 'handoff__using_lead_history'},
        {'source_table': 'salesforce.task', 'name': 'salesforce__tasks', 'key': 'task_id'},
        {'source_table': 'salesforce.event', 'name': 'salesforce__events', 'key': 'sales_event_id',
            'switch': 'handoff__using_sales_events'},
        {'source_table': 'salesforce.user', 'name': 'salesforce__users', 'key': 'user_id'},
        {'source_table': 'salesforce.user_role', 'name': 'salesforce__user_roles', 'key': 'user_role_id',
            'switch': 'handoff__using_user_roles'},
        {'source_table': 'salesforce.campaign', 'name': 'salesforce__campaigns', 'key': 'campaign_id',
            'switch': 'handoff__using_campaigns'},
        {'source_table': 'salesforce.campaign_member', 'name': 'salesforce__campaign_members',
            'key': 'campaign_member_id', 'switch': 'handoff__using_campaigns'},
        {'source_table': 'hubspot.email_event', 'name': 'hubspot__email_events', 'key': 'email_event_id',
            'switch': 'handoff__using_hubspot_email'},
        {'source_table': 'hubspot.email_event_click', 'name': 'hubspot__email_event_clicks',
            'key': 'email_event_id', 'switch': 'handoff__using_hubspot_email'},
        {'source_table': 'hubspot.email_event_open', 'name': 'hubspot__email_event_opens',
            'key': 'email_event_id', 'switch': 'handoff__using_hubspot_email'},
        {'source_table': 'hubspot.email_event_status_change', 'name': 'hubspot__email_event_status_changes',
            'key': 'email_event_id', 'switch': 'handoff__using_hubspot_email'},
        {'source_table': 'hubspot.email_event_bounce', 'name': 'hubspot__email_event_bounces',
            'key': 'email_event_id', 'switch': 'handoff__using_hubspot_email'},
        {'source_table': 'hubspot.email_campaign', 'name': 'hubspot__email_campaigns', 'key': 'email_campaign_id',
            'switch': 'handoff__using_hubspot_email'},
        {'source_table': 'hubspot.contact_form_submission', 'name': 'hubspot__form_submissions',
            'key': 'form_submission_id', 'switch': 'handoff__using_hubspot_forms'},
        {'source_table': 'hubspot.form', 'name': 'hubspot__forms', 'key': 'form_id',
            'switch': 'handoff__using_hubspot_forms'},
        {'source_table': 'hubspot.contact', 'name': 'hubspot__contacts', 'key': 'hubspot_contact_id',
            'switch': 'handoff__using_hubspot_contacts'},
        {'source_table': 'hubspot.contact_merge_audit', 'name': 'hubspot__contact_merges',
            'key': 'merged_hubspot_contact_id', 'switch': 'handoff__using_hubspot_contacts'},
        {'source_table': 'segment.pages', 'name': 'segment__pages', 'key': 'page_view_id',
            'switch': 'handoff__using_segment'},
        {'source_table': 'segment.identifies', 'name': 'segment__identifies', 'key': 'identify_id',
            'switch': 'handoff__using_segment'},
        {'source_table': 'segment.tracks', 'name': 'segment__tracks', 'key': 'track_id',
            'switch': 'handoff__using_segment'},
        {'source_table': 'intent.topic_scores', 'name': 'intent__topic_scores', 'key': 'topic_score_id',
            'switch': 'handoff__using_intent'},
        {'source_table': 'marketo.lead', 'name': 'marketo__leads', 'key': 'marketo_lead_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_send_email', 'name': 'marketo__email_sends', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_email_delivered', 'name': 'marketo__email_deliveries', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_open_email', 'name': 'marketo__email_opens', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_click_email', 'name': 'marketo__email_clicks', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_email_bounced', 'name': 'marketo__email_bounces', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_unsubscribe_email', 'name': 'marketo__email_unsubscribes', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_fill_form', 'name': 'marketo__form_fills', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo', 'optional': true},
        {'source_table': 'marketo.activity_visit_webpage', 'name': 'marketo__web_visits', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo', 'optional': true},
        {'source_table': 'marketo.activity_merge_leads', 'name': 'marketo__lead_merges', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.activity_delete_lead', 'name': 'marketo__lead_deletions', 'key': 'marketo_activity_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.campaign', 'name': 'marketo__campaigns', 'key': 'marketo_campaign_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.program', 'name': 'marketo__programs', 'key': 'marketo_program_id',
            'switch': 'handoff__using_marketo'},
        {'source_table': 'marketo.email_template_history', 'name': 'marketo__email_templates', 'key': 'email_template_version_id',
            'switch': 'handoff__using_marketo'},
    ]) }}
{%- endmacro %}


{#- The tables of the registry whose source is switched on (a switched-off table has no raw rows to account for);
    an `optional` table (one the connector creates only once it has rows) also only when it exists. -#}
{% macro enabled_staged_source_tables() -%}
    {%- set enabled = [] -%}
    {%- for table in handoff.staged_source_tables() -%}
        {%- set source_name, table_name = table.source_table.split('.') -%}
        {%- if var(table.get('switch', 'handoff__always_on'), true) and (
                not table.get('optional') or handoff.source_table_exists(source(source_name, table_name))) -%}
            {%- do enabled.append(table) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(enabled) }}
{%- endmacro %}
