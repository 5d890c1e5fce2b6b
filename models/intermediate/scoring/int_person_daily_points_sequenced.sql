{{ config(**handoff.rescoring_config()) }}

{#- Each day's capped points per signal with the scoring episode the day falls in: one row per rule set, person,
    day and signal (the grain of int_person_daily_points), joined to its evaluated day.
    Its own model, not a CTE of int_person_intent_decayed, because the join is on three correlated columns (rule
    set, person, day): planners that multiply per-column selectivities (Postgres) estimated a handful of rows for
    ~87 k at the demo preset and chose a nested loop over it. Built as a table (and analysed where the engine needs
    it, handoff.analyze_after_build), the next model plans on its real size.
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

int_person_daily_points as (

    select * from {{ ref('int_person_daily_points') }}
    where {{ handoff.rescored_person_filter() }}

),

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}
    where {{ handoff.rescored_person_filter() }}

),

final as (

    select
        int_person_daily_points.intent_rule_set_version,
        int_person_daily_points.person_id,
        int_person_daily_points.activity_date,
        int_person_daily_points.signal_type,
        int_person_daily_points.half_life_days,
        int_person_daily_points.daily_points,
        int_person_daily_points.event_count,
        int_person_score_days_sequenced.episode_number,
        int_person_score_days_sequenced.episode_started_on,
        {{ handoff.run_started_at_utc() }} as rescored_at
    from int_person_daily_points
    inner join int_person_score_days_sequenced
        on
            int_person_daily_points.intent_rule_set_version = int_person_score_days_sequenced.intent_rule_set_version
            and int_person_daily_points.person_id = int_person_score_days_sequenced.person_id
            and int_person_daily_points.activity_date = int_person_score_days_sequenced.score_date

)

select * from final
