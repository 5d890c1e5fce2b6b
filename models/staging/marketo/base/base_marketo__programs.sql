{#- Row by row: rename, cast, flag (one row per Marketo program). No filtering and no dedupe here, so that every raw
    row is accounted for (staged, quarantined with a reason, or superseded by a newer sync). The shape shared by the
    Marketo assets (numeric id, optional columns, created/updated times, load time, checks) is
    handoff.marketo_asset_base; this model lists its own columns. -#}
{% if var('handoff__using_marketo') %}

{{ handoff.marketo_asset_base(source('marketo', 'program'), id_name='marketo_program_id', columns=[
    {'column': 'name', 'name': 'program_name'},
    {'column': 'channel', 'name': 'program_channel'},
    {'column': 'type', 'name': 'program_type'},
    {'column': 'sfdc_id', 'name': 'salesforce_campaign_id'},
]) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
