{#- One row per account, person and day the person was engaged: a day with positive intent points under the
    definition version in effect (int_person_scores_daily's has_positive_points - bot-filtered events, email opens
    and other 0-point signals never make anyone engaged), for people matched to an account
    (int_persons_matched_to_accounts). Carries the person's buying-committee role and their intent as of the day.
    The account layer's engagement, MQAs and the MQA threshold test all start here. -#}
with

int_person_scores_daily as (

    select * from {{ ref('int_person_scores_daily') }}

),

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

final as (

    select
        int_persons_matched_to_accounts.account_id,
        int_person_scores_daily.person_id,
        int_person_scores_daily.score_date as engaged_date,
        int_person_scores_daily.definition_version,
        int_persons_matched_to_accounts.buying_committee_role,
        int_person_scores_daily.points_today,
        int_person_scores_daily.intent_score
    from int_person_scores_daily
    inner join int_persons_matched_to_accounts
        on int_person_scores_daily.person_id = int_persons_matched_to_accounts.person_id
    where
        int_person_scores_daily.has_positive_points
        and int_persons_matched_to_accounts.account_id is not null

)

select * from final
