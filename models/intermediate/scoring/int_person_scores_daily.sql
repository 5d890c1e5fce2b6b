{{ config(**handoff.rescoring_config()) }}

{#- One row per person and evaluated day on which their intent is not zero: the version in effect that day (the
    effective version with the latest effective_from on or before it), fit under that version, intent (the sum of
    the rounded per-signal components of that version's rule set), whether the person qualifies as an MQL that
    day (fit at or above the gate and intent at or above the threshold), and the fit x intent quadrant with its
    action. A day with zero intent cannot qualify and is not a score worth keeping. Days before the first
    effective version carry no version and are not scored.
    Incremental by person (macros/scoring/rescoring.sql): each night only the people of int_persons_touched are
    recomputed and their rows replaced; rescored_at is the run that wrote a row. -#}
with

int_persons_touched as (

    select * from {{ ref('int_persons_touched') }}

),

rescored_persons as (

    select person_id from int_persons_touched
    where {{ handoff.rescoring_window_filter() }}

),

int_person_intent_decayed as (

    select * from {{ ref('int_person_intent_decayed') }}
    where {{ handoff.rescored_person_filter() }}

),

int_person_fit_scored as (

    select * from {{ ref('int_person_fit_scored') }}
    where {{ handoff.rescored_person_filter() }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

intent as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        episode_number,
        sum(intent_points) as intent_score,
        sum(points_today) as points_today,
        max(case when points_today > 0 then 1 else 0 end) as has_positive_points,
        count(*) as scored_signal_count
    from int_person_intent_decayed
    group by intent_rule_set_version, person_id, score_date, episode_number

),

scored as (

    select
        intent.person_id,
        intent.score_date,
        versions.definition_version,
        intent.intent_rule_set_version,
        intent.episode_number,
        intent.points_today <> 0 as is_active_day,
        intent.has_positive_points = 1 as has_positive_points,
        int_person_fit_scored.fit_score,
        int_person_fit_scored.fit_exclusion,
        versions.mql_threshold,
        versions.fit_gate,
        versions.fit_high_cutoff,
        versions.intent_high_cutoff,
        cast(intent.intent_score as {{ handoff.type_score() }}) as intent_score,
        cast(intent.points_today as {{ dbt.type_int() }}) as points_today,
        cast(intent.scored_signal_count as {{ dbt.type_int() }}) as scored_signal_count
    from intent
    inner join int_definition_versions_resolved as versions
        on
            intent.intent_rule_set_version = versions.intent_rule_set_version
            and {{ handoff.is_in_force_on('intent.score_date', 'versions') }}
    inner join int_person_fit_scored
        on
            intent.person_id = int_person_fit_scored.person_id
            and versions.definition_version = int_person_fit_scored.definition_version
    where versions.is_effective and intent.intent_score <> 0

),

final as (

    select
        person_id,
        score_date,
        definition_version,
        intent_rule_set_version,
        episode_number,
        is_active_day,
        has_positive_points,
        fit_score,
        fit_exclusion,
        intent_score,
        points_today,
        scored_signal_count,
        mql_threshold,
        fit_gate,
        fit_score >= fit_gate as meets_fit_gate,
        intent_score >= mql_threshold as meets_mql_threshold,
        fit_score >= fit_gate and intent_score >= mql_threshold as qualifies_as_mql,
        {{ handoff.fit_intent_quadrant('fit_score', 'intent_score', 'fit_high_cutoff', 'intent_high_cutoff') }}
            as quadrant,
        {{ handoff.quadrant_action('fit_score', 'intent_score', 'fit_high_cutoff', 'intent_high_cutoff') }}
            as recommended_action,
        {{ handoff.run_started_at_utc() }} as rescored_at
    from scored

)

select * from final
