{{ config(**handoff.rescoring_config()) }}

{#- One row per intent rule set, person, day and signal type that scores: the day's unfiltered events of that
    signal times the signal's points, capped at the signal's daily cap (caps apply here, before any decay).
    Filtered (bot) events, unattributed events and signals worth 0 points (email opens) never reach this
    model. Only rule sets of effective versions are scored, and each only up to the last day one of its
    versions is in force, and up to the as-of date (handoff.scoring_as_of_date).
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

int_person_daily_events_counted as (

    select * from {{ ref('int_person_daily_events_counted') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

intent_rules as (

    select * from {{ ref('intent_rules') }}

),

signal_channels as (

    select * from {{ ref('signal_channels') }}

),

rule_set_horizons as (

    select
        intent_rule_set_version,
        case
            when count(*) = count(effective_to) then max(effective_to)
        end as scored_until
    from int_definition_versions_resolved
    where is_effective
    group by intent_rule_set_version

),

scoring_rules as (

    select
        rule_set_horizons.intent_rule_set_version,
        rule_set_horizons.scored_until,
        intent_rules.signal_type,
        intent_rules.points,
        intent_rules.daily_cap,
        intent_rules.half_life_days
    from rule_set_horizons
    inner join intent_rules
        on rule_set_horizons.intent_rule_set_version = intent_rules.definition_version
    where intent_rules.points <> 0

),

daily_events as (

    select
        person_id,
        event_date as activity_date,
        signal_type,
        event_count
    from int_person_daily_events_counted
    where
        filter_reason is null
        and event_date <= {{ handoff.scoring_as_of_date() }}
        and {{ handoff.rescored_person_filter() }}

),

scored as (

    select
        scoring_rules.intent_rule_set_version,
        daily_events.person_id,
        daily_events.activity_date,
        daily_events.signal_type,
        daily_events.event_count,
        scoring_rules.half_life_days,
        daily_events.event_count * scoring_rules.points as uncapped_points,
        case
            when scoring_rules.points > 0
                then least(daily_events.event_count * scoring_rules.points, scoring_rules.daily_cap)
            else greatest(daily_events.event_count * scoring_rules.points, scoring_rules.daily_cap)
        end as daily_points
    from daily_events
    inner join scoring_rules
        on daily_events.signal_type = scoring_rules.signal_type
    where scoring_rules.scored_until is null or daily_events.activity_date < scoring_rules.scored_until

),

final as (

    select
        scored.intent_rule_set_version,
        scored.person_id,
        scored.activity_date,
        scored.signal_type,
        signal_channels.channel,
        cast(scored.event_count as {{ dbt.type_int() }}) as event_count,
        cast(scored.uncapped_points as {{ dbt.type_int() }}) as uncapped_points,
        cast(scored.daily_points as {{ dbt.type_int() }}) as daily_points,
        scored.half_life_days,
        {{ handoff.run_started_at_utc() }} as rescored_at
    from scored
    left join signal_channels
        on scored.signal_type = signal_channels.signal_type

)

select * from final
