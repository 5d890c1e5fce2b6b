{#- Every MQL's structured explanation sums exactly to its scores: fit rows to fit_score, intent rows to
    intent_score, ignored rows to 0. An MQL without explanation rows fails too. -#}
with

fct_mqls as (

    -- Handoff's own versions: an external definition's MQLs (crm) carry no version and no scores
    select * from {{ ref('fct_mqls') }}
    where definition_version is not null

),

fct_mql_explanations as (

    select * from {{ ref('fct_mql_explanations') }}

),

sums as (

    select
        mql_id,
        sum(case when component = 'fit' then points else 0 end) as fit_points,
        sum(case when component = 'intent' then points else 0 end) as intent_points,
        sum(case when component = 'ignored' then points else 0 end) as ignored_points
    from fct_mql_explanations
    group by mql_id

)

select
    fct_mqls.mql_id,
    fct_mqls.fit_score,
    sums.fit_points,
    fct_mqls.intent_score,
    sums.intent_points,
    sums.ignored_points
from fct_mqls
left join sums
    on fct_mqls.mql_id = sums.mql_id
where
    sums.mql_id is null
    or sums.fit_points <> fct_mqls.fit_score
    or sums.intent_points <> fct_mqls.intent_score
    or sums.ignored_points <> 0
