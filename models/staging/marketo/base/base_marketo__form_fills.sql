{#- Row by row: rename, cast, flag (one row per form fill activity (type 2)). No filtering and no dedupe here, so
    that every raw row is accounted for (staged, quarantined with a reason, or superseded by a newer sync). The
    shape shared by every Marketo activity table (ids, activity date, campaign, optional columns, load time, checks)
    is handoff.marketo_activity_base; the columns this activity type adds are listed here. Absent table: the model
    builds empty (source_table_exists), as the connector creates it only once the instance has such activities. -#}
{% if var('handoff__using_marketo') %}
{%- set source_relation = source('marketo', 'activity_fill_form') -%}
{% endif %}

{% if var('handoff__using_marketo') and handoff.source_table_exists(source_relation) %}

{{ handoff.marketo_activity_base(source_relation, columns=[
    {'column': 'primary_attribute_value_id', 'name': 'webform_id', 'type': dbt.type_bigint()},
    {'column': 'primary_attribute_value', 'name': 'form_name'},
    {'column': 'webpage_id', 'type': dbt.type_bigint()},
    {'column': 'referrer_url'},
    {'column': 'user_agent'},
]) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
