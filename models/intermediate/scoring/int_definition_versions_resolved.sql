{#- One row per definition version, with the dates it is in force and the intent rule set it scores with.
    - effective_to: the next effective version's effective_from (exclusive); null for the version in force now.
      Proposed versions are never in force (both dates stay null here).
    - intent_rule_set_version: the lowest version whose intent rules (signal, points, cap, half-life) and
      recycle period are identical to this one's. Intent is computed once per rule set, not once per version:
      versions that only move a threshold or a gate (the demo's 70 -> 60) share one computation.
    - restatement_reason: why the version was allowed to take effect inside already-published history
      (`handoff sign-off --restate`); null when it was not a restatement (the seed keeps an empty string).
    - The MQA parameters are carried here so that the accounts layer reads every version setting from this one
      model. -#}
with

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

intent_rules as (

    select * from {{ ref('intent_rules') }}

),

rule_texts as (

    select
        definition_version,
        {{ handoff.definition_row_text(['signal_type', 'points', 'daily_cap', 'half_life_days']) }} as rule_text
    from intent_rules

),

rule_set_keys as (

    select
        definition_versions.definition_version,
        {{ dbt.concat([
            "cast(definition_versions.recycle_after_days as " ~ dbt.type_string() ~ ")",
            "'#'",
            "coalesce(" ~ dbt.hash(handoff.string_agg_ordered('rule_texts.rule_text', ';')) ~ ", '')"
        ]) }} as rule_set_key
    from definition_versions
    left join rule_texts
        on definition_versions.definition_version = rule_texts.definition_version
    group by definition_versions.definition_version, definition_versions.recycle_after_days

),

rule_sets as (

    select
        rule_set_key,
        min(definition_version) as intent_rule_set_version
    from rule_set_keys
    group by rule_set_key

),

effective_dates as (

    select
        definition_version,
        effective_from,
        lead(effective_from) over (order by effective_from) as effective_to
    from definition_versions
    where status = 'effective'

),

final as (

    select
        definition_versions.definition_version,
        definition_versions.status,
        effective_dates.effective_from,
        effective_dates.effective_to,
        rule_sets.intent_rule_set_version,
        definition_versions.mql_threshold,
        definition_versions.fit_gate,
        definition_versions.fit_high_cutoff,
        definition_versions.intent_high_cutoff,
        definition_versions.hot_min_signal_types,
        definition_versions.hot_min_channels,
        definition_versions.hot_min_active_weeks,
        definition_versions.hot_window_days,
        definition_versions.recycle_after_days,
        definition_versions.mqa_min_engaged_people,
        definition_versions.mqa_min_roles,
        definition_versions.mqa_window_days,
        definition_versions.mqa_account_fit_gate,
        definition_versions.marketing_signed_by,
        definition_versions.marketing_signed_at,
        definition_versions.sales_signed_by,
        definition_versions.sales_signed_at,
        definition_versions.change_note,
        case
            when trim(definition_versions.restatement_reason) <> '' then definition_versions.restatement_reason
        end as restatement_reason,
        definition_versions.status = 'effective' as is_effective
    from definition_versions
    inner join rule_set_keys
        on definition_versions.definition_version = rule_set_keys.definition_version
    inner join rule_sets
        on rule_set_keys.rule_set_key = rule_sets.rule_set_key
    left join effective_dates
        on definition_versions.definition_version = effective_dates.definition_version

)

select * from final
