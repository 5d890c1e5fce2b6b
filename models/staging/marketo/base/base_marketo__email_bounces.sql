{#- Row by row: rename, cast, flag (one row per email bounce activity (type 8)). No filtering and no dedupe here, so
    that every raw row is accounted for (staged, quarantined with a reason, or superseded by a newer sync). The
    shape shared by every Marketo activity table (ids, activity date, campaign, optional columns, load time, checks)
    is handoff.marketo_activity_base; the columns this activity type adds are listed here. -#}
{% if var('handoff__using_marketo') %}

{{ handoff.marketo_activity_base(
    source('marketo', 'activity_email_bounced'),
    columns=handoff.marketo_email_activity_columns() + [
        {'column': 'category', 'name': 'bounce_category'},
        {'column': 'subcategory', 'name': 'bounce_subcategory'},
        {'column': 'details', 'name': 'bounce_details'},
    ],
) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
