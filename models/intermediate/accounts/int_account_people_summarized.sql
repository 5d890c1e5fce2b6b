{#- Grain: one row per account with at least one matched person (int_persons_matched_to_accounts). Method: the
    account's people rolled up to it - how many were matched and by which method, the sum of their current intent
    (int_person_intent_current, decayed to the build's as-of date), and their open MQLs and open Hot MQLs under
    Handoff's definition (int_mqls_crossed, int_mqls_hot_evaluated). -#}
with

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

int_person_intent_current as (

    select * from {{ ref('int_person_intent_current') }}

),

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_mqls_hot_evaluated as (

    select * from {{ ref('int_mqls_hot_evaluated') }}

),

person_open_mqls as (

    select
        int_mqls_crossed.person_id,
        sum(case when int_mqls_crossed.is_open then 1 else 0 end) as open_mql_count,
        sum(case when int_mqls_crossed.is_open and int_mqls_hot_evaluated.is_hot_mql then 1 else 0 end)
            as open_hot_mql_count
    from int_mqls_crossed
    inner join int_mqls_hot_evaluated
        on int_mqls_crossed.mql_id = int_mqls_hot_evaluated.mql_id
    group by int_mqls_crossed.person_id

),

final as (

    select
        person_matches.account_id,
        count(*) as matched_person_count,
        sum(case when person_matches.account_match_method = 'converted_lead_account' then 1 else 0 end)
            as converted_lead_match_count,
        sum(case when person_matches.account_match_method = 'contact_account' then 1 else 0 end)
            as contact_match_count,
        sum(case when person_matches.account_match_method = 'email_domain' then 1 else 0 end)
            as email_domain_match_count,
        sum(case when person_matches.is_shared_domain_match then 1 else 0 end) as shared_domain_match_count,
        cast(coalesce(sum(intent_current.intent_score), 0) as {{ handoff.type_score() }}) as account_intent_score,
        coalesce(sum(person_open_mqls.open_mql_count), 0) as open_mql_count,
        coalesce(sum(person_open_mqls.open_hot_mql_count), 0) as open_hot_mql_count
    from int_persons_matched_to_accounts as person_matches
    left join int_person_intent_current as intent_current
        on person_matches.person_id = intent_current.person_id
    left join person_open_mqls
        on person_matches.person_id = person_open_mqls.person_id
    where person_matches.account_id is not null
    group by person_matches.account_id

)

select * from final
