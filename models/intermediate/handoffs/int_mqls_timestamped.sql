{#- One row per MQL with the moment its SLA clock starts (mql_at) and the channel that made it. Scoring is daily,
    so the MQL date alone cannot start an hours-long SLA; the clock starts at the engagement event that made the
    score cross on the MQL date:
    - the day's unfiltered scoring events are replayed in time order (ties by event id), each adding its signal's
      points per event until the signal's daily cap is reached (int_person_daily_points, same rule set), on top of
      the intent the person carried into the day (the MQL's intent_score minus the day's capped points);
    - mql_at is the first event at which that running intent reaches the version's threshold (mql_clock_rule
      `crossing_event`), and its channel is the MQL's channel;
    - when the intent carried into the day already met the threshold (e.g. a new version lowered it that day) or
      no event reaches it (one-decimal rounding of the components), the clock starts at the first scoring event of
      the day (`first_event_of_day`), or, on a day without one, at 00:00 UTC of the MQL date (`start_of_day`,
      channel `none`).
    next_mql_at is the clock start of the person's next MQL: the handoff of this MQL ends there.
    Longer than 200 lines and 12 CTEs on purpose: it is one job, the replay of an MQL day's events to the crossing
    moment, and its steps (cap, increment, running sum, first crossing, fallback) only mean something together;
    split into models they would each materialise every scoring event of every MQL day. -#}
with

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_engagement_events_classified as (

    select * from {{ ref('int_engagement_events_classified') }}

),

int_person_daily_points as (

    select * from {{ ref('int_person_daily_points') }}

),

day_points as (

    select
        intent_rule_set_version,
        person_id,
        activity_date,
        sum(daily_points) as points_today
    from int_person_daily_points
    group by intent_rule_set_version, person_id, activity_date

),

mql_days as (

    select
        int_mqls_crossed.mql_id,
        int_mqls_crossed.person_id,
        int_mqls_crossed.mql_date,
        int_mqls_crossed.mql_sequence,
        int_mqls_crossed.definition_version,
        int_mqls_crossed.intent_rule_set_version,
        int_mqls_crossed.mql_threshold,
        int_mqls_crossed.intent_score - coalesce(day_points.points_today, 0) as intent_at_day_start
    from int_mqls_crossed
    left join day_points
        on
            int_mqls_crossed.intent_rule_set_version = day_points.intent_rule_set_version
            and int_mqls_crossed.person_id = day_points.person_id
            and int_mqls_crossed.mql_date = day_points.activity_date

),

day_events as (

    select
        mql_days.mql_id,
        int_engagement_events_classified.engagement_event_id,
        int_engagement_events_classified.occurred_at,
        int_person_daily_points.signal_type,
        int_person_daily_points.channel,
        int_person_daily_points.daily_points,
        cast(int_person_daily_points.uncapped_points as {{ handoff.type_double() }})
        / int_person_daily_points.event_count as points_per_event,
        row_number() over (
            partition by mql_days.mql_id, int_person_daily_points.signal_type
            order by int_engagement_events_classified.occurred_at, int_engagement_events_classified.engagement_event_id
        ) as signal_event_number
    from mql_days
    inner join int_engagement_events_classified
        on
            mql_days.person_id = int_engagement_events_classified.person_id
            and mql_days.mql_date = int_engagement_events_classified.event_date
    inner join int_person_daily_points
        on
            mql_days.intent_rule_set_version = int_person_daily_points.intent_rule_set_version
            and mql_days.person_id = int_person_daily_points.person_id
            and mql_days.mql_date = int_person_daily_points.activity_date
            and int_engagement_events_classified.signal_type = int_person_daily_points.signal_type
    where not int_engagement_events_classified.is_filtered

),

capped_events as (

    select
        mql_id,
        engagement_event_id,
        occurred_at,
        signal_type,
        channel,
        signal_event_number,
        case
            when daily_points >= 0 then least(signal_event_number * points_per_event, daily_points)
            else greatest(signal_event_number * points_per_event, daily_points)
        end as signal_points_so_far
    from day_events

),

-- what an event adds: its signal's capped points after it minus before it (0 once the cap is reached)
event_increments as (

    select
        mql_id,
        engagement_event_id,
        occurred_at,
        channel,
        signal_points_so_far - coalesce(
            lag(signal_points_so_far) over (partition by mql_id, signal_type order by signal_event_number), 0
        ) as points_added
    from capped_events

),

running_intent as (

    select
        event_increments.mql_id,
        event_increments.engagement_event_id,
        event_increments.occurred_at,
        event_increments.channel,
        mql_days.intent_at_day_start >= mql_days.mql_threshold as was_met_at_day_start,
        mql_days.intent_at_day_start + sum(event_increments.points_added) over (
            partition by event_increments.mql_id
            order by event_increments.occurred_at, event_increments.engagement_event_id
            rows between unbounded preceding and current row
        ) >= mql_days.mql_threshold as is_met,
        row_number() over (
            partition by event_increments.mql_id
            order by event_increments.occurred_at, event_increments.engagement_event_id
        ) as day_event_number
    from event_increments
    inner join mql_days
        on event_increments.mql_id = mql_days.mql_id

),

crossing_candidates as (

    select
        mql_id,
        occurred_at,
        channel,
        case
            when not was_met_at_day_start and is_met then 'crossing_event'
            else 'first_event_of_day'
        end as mql_clock_rule,
        row_number() over (
            partition by mql_id
            order by
                case when not was_met_at_day_start and is_met then 0 else 1 end,
                day_event_number
        ) as candidate_rank
    from running_intent
    where (not was_met_at_day_start and is_met) or day_event_number = 1

),

clocked as (

    select
        mql_days.mql_id,
        mql_days.person_id,
        mql_days.mql_date,
        mql_days.mql_sequence,
        mql_days.definition_version,
        coalesce(
            crossing_candidates.occurred_at, cast(mql_days.mql_date as {{ dbt.type_timestamp() }})
        ) as mql_at,
        coalesce(crossing_candidates.mql_clock_rule, 'start_of_day') as mql_clock_rule,
        coalesce(crossing_candidates.channel, 'none') as mql_channel
    from mql_days
    left join crossing_candidates
        on mql_days.mql_id = crossing_candidates.mql_id and crossing_candidates.candidate_rank = 1

),

final as (

    select
        mql_id,
        person_id,
        mql_date,
        mql_sequence,
        definition_version,
        mql_at,
        cast(mql_clock_rule as {{ dbt.type_string() }}) as mql_clock_rule,
        cast(mql_channel as {{ dbt.type_string() }}) as mql_channel,
        lead(mql_at) over (partition by person_id order by mql_sequence) as next_mql_at
    from clocked

)

select * from final
