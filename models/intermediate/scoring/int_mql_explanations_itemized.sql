{#- The structured explanation of every MQL: one row per fit rule, intent signal and ignored kind of event.
    - component fit: each fit rule the person matched under the MQL's version, and, when a hard exclusion
      applied, one more row taking the points back (exclusion:<kind>), so the rows sum to the fit score;
    - component intent: each signal's decayed points as of the MQL date (the same rounded components the
      score is the sum of), with the events behind them in the episode;
    - component ignored (0 points): unfiltered events of signals the version scores at 0 or not at all (email
      opens above all), and events filtered as bots, by reason, between the episode's start and the MQL date.
    Fit rows sum exactly to fct_mqls.fit_score and intent rows to intent_score
    (tests/scoring/assert_mql_explanations_sum_to_scores.sql).
    Why 13 CTEs: six import CTEs and one CTE per kind of item (fit, exclusion, intent, ignored), unioned so the
    items of an MQL sum to its scores in one place. -#}
with

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_person_fit_rules_matched as (

    select * from {{ ref('int_person_fit_rules_matched') }}

),

int_person_fit_scored as (

    select * from {{ ref('int_person_fit_scored') }}

),

int_person_intent_decayed as (

    select * from {{ ref('int_person_intent_decayed') }}

),

int_person_daily_events_counted as (

    select * from {{ ref('int_person_daily_events_counted') }}

),

intent_rules as (

    select * from {{ ref('intent_rules') }}

),

fit_items as (

    select
        int_mqls_crossed.mql_id,
        'fit' as component,
        int_person_fit_rules_matched.rule_id as rule_or_signal,
        cast(int_person_fit_rules_matched.points as {{ handoff.type_score() }}) as points,
        cast(null as {{ dbt.type_int() }}) as event_count,
        {{ dbt.concat([
            'int_person_fit_rules_matched.person_attribute', "' = '", 'int_person_fit_rules_matched.matched_value'
        ]) }} as detail
    from int_mqls_crossed
    inner join int_person_fit_rules_matched
        on
            int_mqls_crossed.person_id = int_person_fit_rules_matched.person_id
            and int_mqls_crossed.definition_version = int_person_fit_rules_matched.definition_version

),

exclusion_items as (

    select
        int_mqls_crossed.mql_id,
        'fit' as component,
        {{ dbt.concat(["'exclusion:'", 'int_person_fit_scored.fit_exclusion']) }} as rule_or_signal,
        cast(-int_person_fit_scored.fit_points as {{ handoff.type_score() }}) as points,
        cast(null as {{ dbt.type_int() }}) as event_count,
        'hard exclusion: fit is 0 whatever the points' as detail
    from int_mqls_crossed
    inner join int_person_fit_scored
        on
            int_mqls_crossed.person_id = int_person_fit_scored.person_id
            and int_mqls_crossed.definition_version = int_person_fit_scored.definition_version
    where int_person_fit_scored.fit_exclusion is not null

),

intent_items as (

    select
        int_mqls_crossed.mql_id,
        'intent' as component,
        decayed.signal_type as rule_or_signal,
        decayed.intent_points as points,
        decayed.events_to_date as event_count,
        {{ dbt.concat([
            "'half-life '", 'cast(decayed.half_life_days as ' ~ dbt.type_string() ~ ')', "' days'"
        ]) }} as detail
    from int_mqls_crossed
    inner join int_person_intent_decayed as decayed
        on
            int_mqls_crossed.intent_rule_set_version = decayed.intent_rule_set_version
            and int_mqls_crossed.person_id = decayed.person_id
            and int_mqls_crossed.mql_date = decayed.score_date

),

episode_events as (

    select
        int_mqls_crossed.mql_id,
        int_mqls_crossed.definition_version,
        events.signal_type,
        events.filter_reason,
        events.event_count
    from int_mqls_crossed
    inner join int_person_daily_events_counted as events
        on
            int_mqls_crossed.person_id = events.person_id
            and int_mqls_crossed.episode_started_on <= events.event_date
            and int_mqls_crossed.mql_date >= events.event_date

),

ignored_items as (

    select
        episode_events.mql_id,
        'ignored' as component,
        case
            when episode_events.filter_reason is not null
                then {{ dbt.concat(["'filtered:'", 'episode_events.filter_reason']) }}
            else episode_events.signal_type
        end as rule_or_signal,
        cast(0 as {{ handoff.type_score() }}) as points,
        cast(sum(episode_events.event_count) as {{ dbt.type_int() }}) as event_count,
        case
            when episode_events.filter_reason is not null then 'filtered as a bot or scanner: never scores'
            else 'scores 0 under this version'
        end as detail
    from episode_events
    left join intent_rules
        on
            episode_events.definition_version = intent_rules.definition_version
            and episode_events.signal_type = intent_rules.signal_type
    where episode_events.filter_reason is not null or coalesce(intent_rules.points, 0) = 0
    group by
        episode_events.mql_id,
        case
            when episode_events.filter_reason is not null
                then {{ dbt.concat(["'filtered:'", 'episode_events.filter_reason']) }}
            else episode_events.signal_type
        end,
        case
            when episode_events.filter_reason is not null then 'filtered as a bot or scanner: never scores'
            else 'scores 0 under this version'
        end

),

items as (

    select * from fit_items
    union all
    select * from exclusion_items
    union all
    select * from intent_items
    union all
    select * from ignored_items

),

final as (

    select
        {{ dbt.hash(dbt.concat(['items.mql_id', "'|'", 'items.component', "'|'", 'items.rule_or_signal'])) }}
            as mql_explanation_id,
        items.mql_id,
        int_mqls_crossed.person_id,
        int_mqls_crossed.mql_date as score_date,
        int_mqls_crossed.definition_version,
        items.component,
        items.rule_or_signal,
        items.points,
        items.event_count,
        items.detail
    from items
    inner join int_mqls_crossed
        on items.mql_id = int_mqls_crossed.mql_id

)

select * from final
