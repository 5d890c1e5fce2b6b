{#- Row by row: rename, cast, flag (one row per version of a Marketo email: email_template_history keeps each
    version, keyed `<id>:<version>`). No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync). The shape shared by the Marketo assets
    (numeric id, optional columns, created/updated times, load time, checks) is handoff.marketo_asset_base; this
    model lists its own columns. -#}
{% if var('handoff__using_marketo') %}

{{ handoff.marketo_asset_base(
    source('marketo', 'email_template_history'),
    id_name='email_template_id',
    columns=[
        {'column': 'version', 'name': 'email_template_version', 'type': dbt.type_bigint()},
        {'column': 'name', 'name': 'email_template_name'},
        {'column': 'subject', 'name': 'email_subject'},
        {'column': 'program_id', 'name': 'marketo_program_id', 'type': dbt.type_bigint()},
        {'column': 'status', 'name': 'email_template_status'},
    ],
    version_key_name='email_template_version_id',
    version_column='version',
) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
