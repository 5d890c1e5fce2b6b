{#- Row by row: rename, cast, flag (one row per Marketo smart campaign). No filtering and no dedupe here, so that
    every raw row is accounted for (staged, quarantined with a reason, or superseded by a newer sync). The shape
    shared by the Marketo assets (numeric id, optional columns, created/updated times, load time, checks) is
    handoff.marketo_asset_base; this model lists its own columns. -#}
{% if var('handoff__using_marketo') %}

{{ handoff.marketo_asset_base(source('marketo', 'campaign'), id_name='marketo_campaign_id', columns=[
    {'column': 'name', 'name': 'campaign_name'},
    {'column': 'type', 'name': 'campaign_type'},
    {'column': 'program_id', 'name': 'marketo_program_id', 'type': dbt.type_bigint()},
    {'column': 'active', 'name': 'is_active', 'type': dbt.type_boolean()},
]) }}

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
