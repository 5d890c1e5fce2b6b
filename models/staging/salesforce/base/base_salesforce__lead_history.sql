{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for.
    History mode: one row per version of a lead (status and owner changes), keyed by the lead and the version's
    start; the shape is handoff.salesforce_history_base, the columns the lead's list (shared with
    base_salesforce__leads). The status is checked against the mapping seed with a lookup, not a join. -#}
{% if var('handoff__using_lead_history') %}

{{ handoff.salesforce_history_base(
    source('salesforce', 'lead_history'),
    object_name='lead',
    columns=handoff.salesforce_lead_columns(history=true),
    checks=[
        "when lead_status is null or lead_status not in (select lead_status_mapping.lead_status from "
        ~ "lead_status_mapping) then 'unknown_code'",
    ],
    lookups={'lead_status_mapping': ref('lead_status_mapping')},
) }}

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
