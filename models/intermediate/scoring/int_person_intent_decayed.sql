{{ config(**handoff.rescoring_config()) }}

{#- Intent as of every evaluated day, per signal: one row per rule set, person, evaluated day and signal type
    with a non-zero decayed value. Each day's capped points decay by half every half_life_days.

    How, in one window pass and without a person x calendar grid: each evaluated day of an episode is crossed
    with the signal types the person had in that episode (int_person_daily_points_sequenced: each day's points
    with their episode), from the signal's first day on (0 points where the signal was not active that day);
    a running sum of points x 2^((d - d0) / h) over the episode's days, times 2^(-(d - d0) / h), is the decayed
    total of that signal as of day d. d0 is the episode's first day, so the exponent stays bounded by the
    episode's length in half-lives (2^x overflows a double past x = 1023: an episode would need to run for
    1,000 half-lives).
    intent_points is that value rounded to one decimal: a day's intent score is the sum of these rounded
    components, so explanations add up exactly.
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

int_person_daily_points_sequenced as (

    select * from {{ ref('int_person_daily_points_sequenced') }}
    where {{ handoff.rescored_person_filter() }}

),

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}
    where {{ handoff.rescored_person_filter() }}

),

episode_signals as (

    select
        intent_rule_set_version,
        person_id,
        episode_number,
        signal_type,
        half_life_days,
        min(activity_date) as first_activity_date
    from int_person_daily_points_sequenced
    group by intent_rule_set_version, person_id, episode_number, signal_type, half_life_days

),

grid as (

    select
        score_days.intent_rule_set_version,
        score_days.person_id,
        score_days.score_date,
        score_days.episode_number,
        episode_signals.signal_type,
        episode_signals.half_life_days,
        {{ handoff.days_between('score_days.episode_started_on', 'score_days.score_date') }} as day_offset,
        0 as points_today,
        0 as events_today
    from int_person_score_days_sequenced as score_days
    inner join episode_signals
        on
            score_days.intent_rule_set_version = episode_signals.intent_rule_set_version
            and score_days.person_id = episode_signals.person_id
            and score_days.episode_number = episode_signals.episode_number
            and score_days.score_date >= episode_signals.first_activity_date

),

point_days as (

    select
        intent_rule_set_version,
        person_id,
        activity_date as score_date,
        episode_number,
        signal_type,
        half_life_days,
        {{ handoff.days_between('episode_started_on', 'activity_date') }} as day_offset,
        daily_points as points_today,
        event_count as events_today
    from int_person_daily_points_sequenced

),

grid_and_point_days as (

    select * from grid
    union all
    select * from point_days

),

-- Each point day has exactly one grid row (an evaluated day of its episode, on or after the signal's first day),
-- so summing both per day and signal fills the grid with the day's points. A union rather than a left join on four
-- columns: Postgres estimated the grid at one row and could have nested a loop over the point days.
filled as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        episode_number,
        signal_type,
        half_life_days,
        day_offset,
        sum(points_today) as points_today,
        sum(events_today) as events_today
    from grid_and_point_days
    group by
        intent_rule_set_version,
        person_id,
        score_date,
        episode_number,
        signal_type,
        half_life_days,
        day_offset

),

running as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        episode_number,
        signal_type,
        half_life_days,
        points_today,
        day_offset,
        sum(
            points_today * {{ handoff.power(2, 'cast(day_offset as ' ~ handoff.type_double() ~ ') / half_life_days') }}
        ) over (
            partition by intent_rule_set_version, person_id, episode_number, signal_type
            order by score_date
            rows between unbounded preceding and current row
        ) as rebased_points,
        sum(events_today) over (
            partition by intent_rule_set_version, person_id, episode_number, signal_type
            order by score_date
            rows between unbounded preceding and current row
        ) as events_to_date
    from filled

),

decayed as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        episode_number,
        signal_type,
        half_life_days,
        points_today,
        events_to_date,
        rebased_points
        * {{ handoff.power(2, '-cast(day_offset as ' ~ handoff.type_double() ~ ') / half_life_days') }}
            as decayed_points
    from running

),

final as (

    select
        intent_rule_set_version,
        person_id,
        score_date,
        episode_number,
        signal_type,
        half_life_days,
        cast(points_today as {{ dbt.type_int() }}) as points_today,
        cast(events_to_date as {{ dbt.type_int() }}) as events_to_date,
        decayed_points,
        {{ handoff.round_score('decayed_points') }} as intent_points,
        {{ handoff.run_started_at_utc() }} as rescored_at
    from decayed
    where {{ handoff.round_score('decayed_points') }} <> 0

)

select * from final
