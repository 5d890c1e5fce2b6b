{#- Two computations of "does the account qualify as an MQA today" agree: the engaged people and roles
    int_account_engagement_current counts directly in the window ending on the as-of date (as dim_accounts shows
    them), held against the version in force's bar and the account fit gate, and int_mqas_crossed's open MQAs
    from its coverage sweep (dim_accounts.is_open_mqa). An account is an open MQA exactly when it clears the bar
    now. The rule is written again here on purpose: this test is the independent check of the sweep. -#}
select
    account_id,
    is_open_mqa,
    engaged_people,
    roles_covered,
    account_fit_score
from {{ ref('dim_accounts') }}
where
    coalesce(
        engaged_people >= mqa_min_engaged_people
        and roles_covered >= mqa_min_roles
        and meets_account_fit_gate,
        false
    ) <> is_open_mqa
