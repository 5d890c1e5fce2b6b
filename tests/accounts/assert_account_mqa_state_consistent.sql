{#- Two computations of "does the account qualify as an MQA today" agree: dim_accounts counts engaged people and
    roles directly in the window ending on the as-of date; int_mqas_crossed derives open MQAs from its coverage
    sweep. An account is an open MQA exactly when it qualifies now. -#}
select
    account_id,
    qualifies_as_mqa_now,
    is_open_mqa,
    engaged_people,
    roles_covered,
    account_fit_score
from {{ ref('dim_accounts') }}
where qualifies_as_mqa_now <> is_open_mqa
