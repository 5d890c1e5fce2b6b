{#- One row per account, person and day the person was engaged: a day with positive intent points under the
    definition version in effect (int_person_scores_daily's has_positive_points - bot-filtered events, email opens
    and other 0-point signals never make anyone engaged), for people matched to an account
    (int_persons_matched_to_accounts). Carries the person's buying-committee role
    (int_person_buying_committee_roles_assigned) and their intent as of the day.
    The account layer's engagement, MQAs and the MQA threshold test all start here. -#}
with

int_person_scores_daily as (

    select * from {{ ref('int_person_scores_daily') }}

),

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

int_person_buying_committee_roles_assigned as (

    select * from {{ ref('int_person_buying_committee_roles_assigned') }}

),

final as (

    select
        int_persons_matched_to_accounts.account_id,
        int_person_scores_daily.person_id,
        int_person_scores_daily.score_date as engaged_date,
        int_person_scores_daily.definition_version,
        int_person_scores_daily.points_today,
        int_person_scores_daily.intent_score,
        coalesce(person_roles.buying_committee_role, 'unassigned') as buying_committee_role
    from int_person_scores_daily
    inner join int_persons_matched_to_accounts
        on int_person_scores_daily.person_id = int_persons_matched_to_accounts.person_id
    left join int_person_buying_committee_roles_assigned as person_roles
        on int_person_scores_daily.person_id = person_roles.person_id
    where
        int_person_scores_daily.has_positive_points
        and int_persons_matched_to_accounts.account_id is not null

)

select * from final
