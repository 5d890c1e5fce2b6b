{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    The shape (shared activity fields, orphan `who_id` check, polymorphic `who_type` / `what_type`) is
    handoff.salesforce_activity_base, shared with base_salesforce__events; the task's own columns are listed here. -#}
{{ handoff.salesforce_activity_base(
    source('salesforce', 'task'),
    activity_id='task_id',
    columns=[
        {'column': 'type', 'name': 'task_type'},
        {'column': 'task_subtype'},
        {'column': 'status', 'name': 'task_status'},
        {'column': 'activity_date', 'type': 'date'},
    ],
) }}
