{{ config(**handoff.rescoring_config()) }}

{#- The days on which a person's score is evaluated, per intent rule set, and the scoring episode each falls in.
    Evaluated days: days with points (active days), plus the first day of each effective version for a person
    active before it (a new threshold or gate can qualify someone on that day without new points), plus the
    days an episode restarts. No person x calendar grid: between evaluated days positive points only decay,
    so a threshold can only be crossed upward on one of these days (see tests/scoring/
    assert_negative_half_lives_not_shorter.sql for the condition on negative signals).
    Episodes: a person is recycled, and their intent starts again from zero, when sales rejects them (the day
    after the rejection) or when they have gone cold (a day with positive points after at least the version's
    recycle_after_days without any). Each episode can produce one MQL, so a recycled person can become a new
    MQL.
    Incremental by person (macros/scoring/rescoring.sql): each night only the people of int_persons_touched are
    recomputed and their rows replaced; rescored_at is the run that wrote a row.
    Why ~250 lines and 17 CTEs: the evaluated days and the episodes are one sequence (a restart is itself an
    evaluated day), pinned end to end by its unit tests; each CTE is one step of it. -#}
with

int_persons_touched as (

    select * from {{ ref('int_persons_touched') }}

),

rescored_persons as (

    select person_id from int_persons_touched
    where {{ handoff.rescoring_window_filter() }}

),

int_person_daily_points as (

    select * from {{ ref('int_person_daily_points') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

int_person_rejections_dated as (

    select * from {{ ref('int_person_rejections_dated') }}

),

effective_versions as (

    select * from int_definition_versions_resolved
    where is_effective

),

rule_sets as (

    select
        intent_rule_set_version,
        max(recycle_after_days) as recycle_after_days
    from effective_versions
    group by intent_rule_set_version

),

active_days as (

    select
        intent_rule_set_version,
        person_id,
        activity_date as score_date,
        max(case when daily_points > 0 then 1 else 0 end) as has_positive_points
    from int_person_daily_points
    where {{ handoff.rescored_person_filter() }}
    group by intent_rule_set_version, person_id, activity_date

),

positive_gaps as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        has_positive_points,
        max(case when has_positive_points = 1 then score_date end) over (
            partition by intent_rule_set_version, person_id
            order by score_date
            rows between unbounded preceding and 1 preceding
        ) as previous_positive_date
    from active_days

),

cold_restarts as (

    select
        positive_gaps.intent_rule_set_version,
        positive_gaps.person_id,
        positive_gaps.score_date as restart_date,
        'gone_cold' as restart_reason
    from positive_gaps
    inner join rule_sets
        on positive_gaps.intent_rule_set_version = rule_sets.intent_rule_set_version
    where
        positive_gaps.has_positive_points = 1
        and {{ handoff.days_between('positive_gaps.previous_positive_date', 'positive_gaps.score_date') }}
        >= rule_sets.recycle_after_days

),

first_active_days as (

    select
        intent_rule_set_version,
        person_id,
        min(score_date) as first_active_date
    from active_days
    group by intent_rule_set_version, person_id

),

rejection_restarts as (

    select
        first_active_days.intent_rule_set_version,
        first_active_days.person_id,
        cast({{ dbt.dateadd('day', 1, 'int_person_rejections_dated.rejected_on') }} as date) as restart_date,
        'rejected' as restart_reason
    from int_person_rejections_dated
    inner join first_active_days
        on int_person_rejections_dated.person_id = first_active_days.person_id

),

version_start_days as (

    select
        first_active_days.intent_rule_set_version,
        first_active_days.person_id,
        effective_versions.effective_from as score_date
    from effective_versions
    inner join first_active_days
        on
            effective_versions.intent_rule_set_version = first_active_days.intent_rule_set_version
            and effective_versions.effective_from > first_active_days.first_active_date
    where effective_versions.effective_from <= {{ handoff.scoring_as_of_date() }}

),

timeline as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        1 as is_active_day,
        has_positive_points,
        0 as is_restart,
        cast(null as {{ dbt.type_string() }}) as restart_reason
    from active_days

    union all

    select
        intent_rule_set_version,
        person_id,
        score_date,
        0 as is_active_day,
        0 as has_positive_points,
        0 as is_restart,
        cast(null as {{ dbt.type_string() }}) as restart_reason
    from version_start_days

    union all

    select
        intent_rule_set_version,
        person_id,
        restart_date as score_date,
        0 as is_active_day,
        0 as has_positive_points,
        1 as is_restart,
        restart_reason
    from cold_restarts

    union all

    select
        intent_rule_set_version,
        person_id,
        restart_date as score_date,
        0 as is_active_day,
        0 as has_positive_points,
        1 as is_restart,
        restart_reason
    from rejection_restarts
    where restart_date <= {{ handoff.scoring_as_of_date() }}

),

days as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        max(is_active_day) as is_active_day,
        max(has_positive_points) as has_positive_points,
        max(is_restart) as is_restart,
        max(restart_reason) as restart_reason
    from timeline
    group by intent_rule_set_version, person_id, score_date

),

numbered as (

    select
        *,
        sum(is_restart) over (
            partition by intent_rule_set_version, person_id
            order by score_date
            rows between unbounded preceding and current row
        ) as episode_number
    from days

),

final as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        is_active_day = 1 as is_active_day,
        has_positive_points = 1 as has_positive_points,
        cast(episode_number as {{ dbt.type_int() }}) as episode_number,
        min(score_date) over (
            partition by intent_rule_set_version, person_id, episode_number
        ) as episode_started_on,
        coalesce(
            max(restart_reason) over (partition by intent_rule_set_version, person_id, episode_number),
            'first_activity'
        ) as episode_start_reason,
        {{ handoff.run_started_at_utc() }} as rescored_at
    from numbered

)

select * from final
