{#- Grain: one row per person with an evaluated day, up to the build's as-of date (handoff.scoring_as_of_date),
    under the intent rule set of the definition version in force that day. Method: the person's last evaluated
    day, and their intent on it (int_person_intent_decayed, per signal) decayed from that day to the as-of date
    with each signal's half-life, rounded per signal and summed. "Intent today" is computed here once: dim_persons
    shows it and the accounts layer sums it per account. -#}
with

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}

),

int_person_intent_decayed as (

    select * from {{ ref('int_person_intent_decayed') }}

),

version_in_force as (

    select *
    from int_definition_versions_resolved
    where {{ handoff.is_in_force_on() }}

),

last_days as (

    select
        score_days.person_id,
        score_days.intent_rule_set_version,
        max(score_days.score_date) as last_scored_date
    from int_person_score_days_sequenced as score_days
    inner join version_in_force
        on score_days.intent_rule_set_version = version_in_force.intent_rule_set_version
    group by score_days.person_id, score_days.intent_rule_set_version

),

final as (

    select
        last_days.person_id,
        last_days.last_scored_date,
        cast(sum({{ handoff.intent_decayed_to(
            'decayed.decayed_points',
            'last_days.last_scored_date',
            handoff.scoring_as_of_date(),
            'decayed.half_life_days'
        ) }}) as {{ handoff.type_score() }}) as intent_score
    from last_days
    left join int_person_intent_decayed as decayed
        on
            last_days.intent_rule_set_version = decayed.intent_rule_set_version
            and last_days.person_id = decayed.person_id
            and last_days.last_scored_date = decayed.score_date
    group by last_days.person_id, last_days.last_scored_date

)

select * from final
