{#- One row per definition change (each effective version after the first, once in use): the MQL volume of the
    period after the change, decomposed into the effect of the definition and the effect of buyers' behaviour.

    Periods (int_definition_changes_windowed): after = the change date to the day before the next change, or to
    the as-of date; before = the same number of days right before the change. Three volumes:
    - mqls_before: MQLs of the comparison period, as published (the previous version was in force);
    - mqls_after: MQLs of the period after, as published (the new version);
    - mqls_after_rescored: MQLs the same people would have produced in the period after, on the same days, had the
      previous version stayed in force (int_mqls_rescored; MQLs open at the change carry over in both).
    Then total_change = mqls_after - mqls_before = definition_effect + behaviour_effect, exactly:
    definition_effect = mqls_after - mqls_after_rescored (same buyers, two definitions), behaviour_effect =
    mqls_after_rescored - mqls_before (one definition, two periods of buyers). definition_effect is what
    `handoff backtest --version <new> --against <previous> --from <period_start_date> --to <period_end_date>`
    reports. A change of intent rules is not re-scored (rescoring_method): its re-scored volume and both effects
    are null, never a guess. -#}
with

int_definition_changes_windowed as (

    select * from {{ ref('int_definition_changes_windowed') }}

),

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_mqls_rescored as (

    select * from {{ ref('int_mqls_rescored') }}

),

published_after as (

    select
        changes.to_definition_version,
        count(*) as mql_count
    from int_definition_changes_windowed as changes
    inner join int_mqls_crossed
        on
            changes.period_start_date <= int_mqls_crossed.mql_date
            and changes.period_end_date >= int_mqls_crossed.mql_date
    group by changes.to_definition_version

),

published_before as (

    select
        changes.to_definition_version,
        count(*) as mql_count
    from int_definition_changes_windowed as changes
    inner join int_mqls_crossed
        on
            changes.comparison_start_date <= int_mqls_crossed.mql_date
            and changes.comparison_end_date >= int_mqls_crossed.mql_date
    group by changes.to_definition_version

),

rescored_after as (

    select
        to_definition_version,
        count(*) as mql_count
    from int_mqls_rescored
    group by to_definition_version

),

volumes as (

    select
        changes.*,
        coalesce(published_before.mql_count, 0) as mqls_before,
        coalesce(published_after.mql_count, 0) as mqls_after,
        case when changes.is_rescored_exactly then coalesce(rescored_after.mql_count, 0) end as mqls_after_rescored
    from int_definition_changes_windowed as changes
    left join published_before
        on changes.to_definition_version = published_before.to_definition_version
    left join published_after
        on changes.to_definition_version = published_after.to_definition_version
    left join rescored_after
        on changes.to_definition_version = rescored_after.to_definition_version

),

final as (

    select
        cast(to_definition_version as {{ dbt.type_int() }}) as to_definition_version,
        cast(from_definition_version as {{ dbt.type_int() }}) as from_definition_version,
        change_date,
        period_start_date,
        period_end_date,
        period_days,
        comparison_start_date,
        comparison_end_date,
        is_comparison_period_under_previous_version,
        cast(from_mql_threshold as {{ dbt.type_int() }}) as from_mql_threshold,
        cast(to_mql_threshold as {{ dbt.type_int() }}) as to_mql_threshold,
        cast(from_fit_gate as {{ dbt.type_int() }}) as from_fit_gate,
        cast(to_fit_gate as {{ dbt.type_int() }}) as to_fit_gate,
        not is_rescored_exactly as is_intent_rule_set_changed,
        is_rescored_exactly,
        rescoring_method,
        cast(mqls_before as {{ dbt.type_bigint() }}) as mqls_before,
        cast(mqls_after as {{ dbt.type_bigint() }}) as mqls_after,
        cast(mqls_after_rescored as {{ dbt.type_bigint() }}) as mqls_after_rescored,
        cast(mqls_after - mqls_before as {{ dbt.type_bigint() }}) as total_change,
        cast(mqls_after - mqls_after_rescored as {{ dbt.type_bigint() }}) as definition_effect,
        cast(mqls_after_rescored - mqls_before as {{ dbt.type_bigint() }}) as behaviour_effect
    from volumes

)

select * from final
