{#- Row by row: rename, cast, flag (one row per merge activity (type 32) on the surviving lead). No filtering and no
    dedupe here, so that every raw row is accounted for (staged, quarantined with a reason, or superseded by a
    newer sync). The shape shared by every Marketo activity table is handoff.marketo_activity_base; a lead-level
    activity carries no campaign, and a merge names the leads merged into this one (`merge_ids`, always delivered). -#}
{% if var('handoff__using_marketo') %}

{{ handoff.marketo_activity_base(source('marketo', 'activity_merge_leads'), with_campaign=false, columns=[
    {'column': 'merge_ids', 'name': 'merged_lead_ids', 'required': true},
    {'column': 'merged_in_sales', 'name': 'is_merged_in_sales', 'type': dbt.type_boolean()},
    {'column': 'merge_source'},
]) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
