{#- No MQL below its version's MQL threshold or fit gate: every MQL, checked against the definition seed itself
    (not against the copies fct_mqls carries), and the version must be the one in effect on the MQL date. -#}
with

fct_mqls as (

    -- Handoff's own versions: an external definition's MQLs (crm) carry no version and no scores
    select * from {{ ref('fct_mqls') }}
    where definition_version is not null

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

in_effect as (

    select
        definition_version,
        effective_from,
        lead(effective_from) over (order by effective_from) as effective_to
    from definition_versions
    where status = 'effective'

)

select
    fct_mqls.mql_id,
    fct_mqls.mql_date,
    fct_mqls.definition_version,
    fct_mqls.fit_score,
    fct_mqls.intent_score,
    definition_versions.fit_gate,
    definition_versions.mql_threshold
from fct_mqls
left join definition_versions
    on fct_mqls.definition_version = definition_versions.definition_version
left join in_effect
    on fct_mqls.definition_version = in_effect.definition_version
where
    definition_versions.definition_version is null
    or in_effect.definition_version is null
    or fct_mqls.intent_score < definition_versions.mql_threshold
    or fct_mqls.fit_score < definition_versions.fit_gate
    or fct_mqls.mql_date < in_effect.effective_from
    or fct_mqls.mql_date >= in_effect.effective_to
