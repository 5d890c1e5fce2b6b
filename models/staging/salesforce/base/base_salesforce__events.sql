{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    The shape (shared activity fields, orphan `who_id` check, polymorphic `who_type` / `what_type`, the future check
    on the booking time since a meeting's start may rightly lie ahead) is handoff.salesforce_activity_base, shared
    with base_salesforce__tasks; the event's own columns are listed here. -#}
{% if var('handoff__using_sales_events') %}

{{ handoff.salesforce_activity_base(
    source('salesforce', 'event'),
    activity_id='sales_event_id',
    columns=[
        {'column': 'type', 'name': 'event_type'},
        {'column': 'event_subtype'},
        {'column': 'start_date_time', 'name': 'started_at', 'type': dbt.type_timestamp()},
        {'column': 'end_date_time', 'name': 'ended_at', 'type': dbt.type_timestamp()},
        {'column': 'activity_date', 'type': 'date'},
        {'column': 'activity_date_time', 'name': 'activity_at', 'type': dbt.type_timestamp()},
    ],
) }}

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
