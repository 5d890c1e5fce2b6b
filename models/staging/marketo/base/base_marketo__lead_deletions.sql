{#- Row by row: rename, cast, flag (one row per delete activity: type 37 in recent instances; the sample's instance
    logs 29). No filtering and no dedupe here, so that every raw row is accounted for (staged, quarantined with a
    reason, or superseded by a newer sync). The shape shared by every Marketo activity table is
    handoff.marketo_activity_base; a lead-level activity carries no campaign and no columns of its own. -#}
{% if var('handoff__using_marketo') %}

{{ handoff.marketo_activity_base(source('marketo', 'activity_delete_lead'), columns=[], with_campaign=false) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
