{#- Intent as of every evaluated day, per signal: one row per rule set, person, evaluated day and signal type
    with a non-zero decayed value. Each day's capped points decay by half every half_life_days.

    How, in one window pass and without a person x calendar grid: each evaluated day of an episode is crossed
    with the signal types the person had in that episode, from the signal's first day on (0 points where the
    signal was not active that day);
    a running sum of points x 2^((d - d0) / h) over the episode's days, times 2^(-(d - d0) / h), is the decayed
    total of that signal as of day d. d0 is the episode's first day, so the exponent stays bounded by the
    episode's length in half-lives (2^x overflows a double past x = 1023: an episode would need to run for
    1,000 half-lives).
    intent_points is that value rounded to one decimal: a day's intent score is the sum of these rounded
    components, so explanations add up exactly. -#}
with

int_person_daily_points as (

    select * from {{ ref('int_person_daily_points') }}

),

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}

),

point_days as (

    select
        int_person_daily_points.intent_rule_set_version,
        int_person_daily_points.person_id,
        int_person_daily_points.activity_date,
        int_person_daily_points.signal_type,
        int_person_daily_points.half_life_days,
        int_person_daily_points.daily_points,
        int_person_daily_points.event_count,
        int_person_score_days_sequenced.episode_number
    from int_person_daily_points
    inner join int_person_score_days_sequenced
        on
            int_person_daily_points.intent_rule_set_version = int_person_score_days_sequenced.intent_rule_set_version
            and int_person_daily_points.person_id = int_person_score_days_sequenced.person_id
            and int_person_daily_points.activity_date = int_person_score_days_sequenced.score_date

),

episode_signals as (

    select
        intent_rule_set_version,
        person_id,
        episode_number,
        signal_type,
        half_life_days,
        min(activity_date) as first_activity_date
    from point_days
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
        {{ handoff.days_between('score_days.episode_started_on', 'score_days.score_date') }} as day_offset
    from int_person_score_days_sequenced as score_days
    inner join episode_signals
        on
            score_days.intent_rule_set_version = episode_signals.intent_rule_set_version
            and score_days.person_id = episode_signals.person_id
            and score_days.episode_number = episode_signals.episode_number
            and score_days.score_date >= episode_signals.first_activity_date

),

filled as (

    select
        grid.*,
        coalesce(point_days.daily_points, 0) as points_today,
        coalesce(point_days.event_count, 0) as events_today
    from grid
    left join point_days
        on
            grid.intent_rule_set_version = point_days.intent_rule_set_version
            and grid.person_id = point_days.person_id
            and grid.score_date = point_days.activity_date
            and grid.signal_type = point_days.signal_type

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
        {{ handoff.round_score('decayed_points') }} as intent_points
    from decayed
    where {{ handoff.round_score('decayed_points') }} <> 0

)

select * from final
