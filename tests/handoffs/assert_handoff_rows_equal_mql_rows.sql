{#- fct_mql_handoffs has exactly one row per MQL of fct_mqls, and they agree on who, when and under which version:
    every MQL is handed off once, none is dropped and none invented. Returns one row per MQL missing from either
    side or disagreeing. -#}
with

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

fct_mql_handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}

),

handoff_counts as (

    select
        mql_id,
        count(*) as handoff_row_count
    from fct_mql_handoffs
    group by mql_id

),

compared as (

    select
        handoff_counts.handoff_row_count,
        coalesce(fct_mqls.mql_id, fct_mql_handoffs.mql_id) as mql_id,
        fct_mqls.mql_id is null as is_missing_from_fct_mqls,
        fct_mql_handoffs.mql_id is null as is_missing_from_handoffs
    from fct_mqls
    full outer join fct_mql_handoffs
        on
            fct_mqls.mql_id = fct_mql_handoffs.mql_id
            and fct_mqls.person_id = fct_mql_handoffs.person_id
            and fct_mqls.mql_date = fct_mql_handoffs.mql_date
            and fct_mqls.definition_key = fct_mql_handoffs.definition_key
            and fct_mqls.is_hot_mql = fct_mql_handoffs.is_hot_mql
    left join handoff_counts
        on coalesce(fct_mqls.mql_id, fct_mql_handoffs.mql_id) = handoff_counts.mql_id

),

final as (

    select *
    from compared
    where is_missing_from_fct_mqls or is_missing_from_handoffs or handoff_row_count <> 1

)

select * from final
