{#- Grain: one row per MQA and engaged person in its window (int_mqa_people_windowed) who has an evaluated day
    on or before the MQA date under the MQA version's intent rule set. Method: as int_person_intent_current does
    for the as-of date - the person's intent components on their last evaluated day up to the MQA date
    (int_person_intent_decayed), each decayed to the MQA date by its half-life, rounded and summed. -#}
with

int_mqa_people_windowed as (

    select * from {{ ref('int_mqa_people_windowed') }}

),

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}

),

int_person_intent_decayed as (

    select * from {{ ref('int_person_intent_decayed') }}

),

last_score_days as (

    select
        int_mqa_people_windowed.mqa_id,
        int_mqa_people_windowed.person_id,
        int_mqa_people_windowed.intent_rule_set_version,
        int_mqa_people_windowed.mqa_date,
        max(score_days.score_date) as last_scored_date
    from int_mqa_people_windowed
    inner join int_person_score_days_sequenced as score_days
        on
            int_mqa_people_windowed.person_id = score_days.person_id
            and int_mqa_people_windowed.intent_rule_set_version = score_days.intent_rule_set_version
            and int_mqa_people_windowed.mqa_date >= score_days.score_date
    group by
        int_mqa_people_windowed.mqa_id,
        int_mqa_people_windowed.person_id,
        int_mqa_people_windowed.intent_rule_set_version,
        int_mqa_people_windowed.mqa_date

),

final as (

    select
        last_score_days.mqa_id,
        last_score_days.person_id,
        sum({{ handoff.intent_decayed_to(
            'decayed.decayed_points',
            'last_score_days.last_scored_date',
            'last_score_days.mqa_date',
            'decayed.half_life_days'
        ) }}) as intent_score
    from last_score_days
    inner join int_person_intent_decayed as decayed
        on
            last_score_days.intent_rule_set_version = decayed.intent_rule_set_version
            and last_score_days.person_id = decayed.person_id
            and last_score_days.last_scored_date = decayed.score_date
    group by last_score_days.mqa_id, last_score_days.person_id

)

select * from final
