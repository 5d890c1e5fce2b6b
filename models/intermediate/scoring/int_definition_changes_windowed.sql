{#- One row per definition change: each effective version after the first whose effective_from is on or before the
    as-of date (handoff.scoring_as_of_date), with the version it replaced and the two periods its decomposition
    compares.
    - The period after the change: from the change date (the new version's effective_from) to the day before the
      next change, or to the as-of date when the version is still in force; both ends inclusive. This is the window
      `handoff backtest --from <change date> --to <period end>` re-scores.
    - The comparison period: the same number of days right before the change (inclusive ends). When it reaches
      back before the previous version took effect, the "before" volume mixes definitions:
      is_comparison_period_under_previous_version says whether it does not.
    - is_rescored_exactly: whether the previous version can be re-applied exactly from the scores the chain already
      keeps. It can when both versions share an intent rule set (same intent rules and recycle period, see
      int_definition_versions_resolved): the daily intent scores and the episodes are then the same under both,
      and only the fit gate, fit rules and threshold are re-applied (int_mqls_rescored). When the intent rules
      changed, the previous rule set is not scored after the change (that would re-run the intent chain over the
      period), so the re-scored volume is left unknown (rescoring_method says why) rather than guessed. -#}
with

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

in_use as (

    select
        definition_version,
        effective_from,
        effective_to,
        intent_rule_set_version,
        mql_threshold,
        fit_gate,
        lag(definition_version) over (order by effective_from) as from_definition_version,
        lag(intent_rule_set_version) over (order by effective_from) as from_intent_rule_set_version,
        lag(effective_from) over (order by effective_from) as from_effective_from,
        lag(mql_threshold) over (order by effective_from) as from_mql_threshold,
        lag(fit_gate) over (order by effective_from) as from_fit_gate
    from int_definition_versions_resolved
    where
        is_effective
        and effective_from <= {{ handoff.scoring_as_of_date() }}

),

periods as (

    select
        *,
        case
            when effective_to is not null and effective_to <= {{ handoff.scoring_as_of_date() }}
                then cast({{ dbt.dateadd('day', -1, 'effective_to') }} as date)
            else {{ handoff.scoring_as_of_date() }}
        end as period_end_date
    from in_use
    where from_definition_version is not null

),

sized as (

    select
        *,
        {{ handoff.days_between('effective_from', 'period_end_date') }} + 1 as period_days
    from periods

),

final as (

    select
        definition_version as to_definition_version,
        from_definition_version,
        effective_from as change_date,
        effective_from as period_start_date,
        period_end_date,
        cast(period_days as {{ dbt.type_int() }}) as period_days,
        cast({{ dbt.dateadd('day', '-period_days', 'effective_from') }} as date) as comparison_start_date,
        cast({{ dbt.dateadd('day', -1, 'effective_from') }} as date) as comparison_end_date,
        cast({{ dbt.dateadd('day', '-period_days', 'effective_from') }} as date) >= from_effective_from
            as is_comparison_period_under_previous_version,
        from_mql_threshold,
        mql_threshold as to_mql_threshold,
        from_fit_gate,
        fit_gate as to_fit_gate,
        from_intent_rule_set_version,
        intent_rule_set_version as to_intent_rule_set_version,
        intent_rule_set_version = from_intent_rule_set_version as is_rescored_exactly,
        cast(
            case
                when intent_rule_set_version = from_intent_rule_set_version then 'previous_version_reapplied'
                else 'not_rescored_intent_rules_changed'
            end as {{ dbt.type_string() }}
        ) as rescoring_method
    from sized

)

select * from final
