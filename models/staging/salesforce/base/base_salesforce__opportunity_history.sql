{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for.
    History mode: one row per version of an opportunity, keyed by the opportunity and the version's start; the
    shape is handoff.salesforce_history_base, the columns the opportunity's list (shared with
    base_salesforce__opportunities). -#}
{% if var('handoff__using_opportunity_history') %}

{{ handoff.salesforce_history_base(
    source('salesforce', 'opportunity_history'),
    object_name='opportunity',
    columns=handoff.salesforce_opportunity_columns(history=true),
    checks=["when amount < 0 then 'negative_amount'"],
) }}

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
