{#- One row per person and evaluated day: the version in effect that day (the effective version with the latest
    effective_from on or before it), fit under that version, intent (the sum of the rounded per-signal
    components of that version's rule set), whether the person qualifies as an MQL that day (fit at or above
    the gate and intent at or above the threshold), and the fit x intent quadrant with its action.
    Days before the first effective version carry no version and are not scored. -#}
with

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}

),

int_person_intent_decayed as (

    select * from {{ ref('int_person_intent_decayed') }}

),

int_person_fit_scored as (

    select * from {{ ref('int_person_fit_scored') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

dated_days as (

    select
        score_days.person_id,
        score_days.score_date,
        versions.definition_version,
        score_days.intent_rule_set_version,
        score_days.episode_number,
        score_days.episode_started_on,
        score_days.episode_start_reason,
        score_days.is_active_day,
        score_days.has_positive_points,
        versions.mql_threshold,
        versions.fit_gate,
        versions.fit_high_cutoff,
        versions.intent_high_cutoff
    from int_person_score_days_sequenced as score_days
    inner join int_definition_versions_resolved as versions
        on
            score_days.intent_rule_set_version = versions.intent_rule_set_version
            and score_days.score_date >= versions.effective_from
            and (versions.effective_to is null or score_days.score_date < versions.effective_to)
    where versions.is_effective

),

intent as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        sum(intent_points) as intent_score,
        sum(points_today) as points_today,
        count(*) as scored_signal_count
    from int_person_intent_decayed
    group by intent_rule_set_version, person_id, score_date

),

scored as (

    select
        dated_days.*,
        int_person_fit_scored.fit_score,
        int_person_fit_scored.fit_exclusion,
        cast(coalesce(intent.intent_score, 0) as {{ handoff.type_score() }}) as intent_score,
        cast(coalesce(intent.points_today, 0) as {{ dbt.type_int() }}) as points_today,
        cast(coalesce(intent.scored_signal_count, 0) as {{ dbt.type_int() }}) as scored_signal_count
    from dated_days
    inner join int_person_fit_scored
        on
            dated_days.person_id = int_person_fit_scored.person_id
            and dated_days.definition_version = int_person_fit_scored.definition_version
    left join intent
        on
            dated_days.intent_rule_set_version = intent.intent_rule_set_version
            and dated_days.person_id = intent.person_id
            and dated_days.score_date = intent.score_date

),

final as (

    select
        person_id,
        score_date,
        definition_version,
        intent_rule_set_version,
        episode_number,
        episode_started_on,
        episode_start_reason,
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
            as recommended_action
    from scored

)

select * from final
