{#- The structured explanation of every MQL: per MQL, its fit rows sum to fct_mqls.fit_score and its intent rows
    to fct_mqls.intent_score; ignored rows (0 points) say what did not count and how often. -#}
with

int_mql_explanations_itemized as (

    select * from {{ ref('int_mql_explanations_itemized') }}

),

final as (

    select
        mql_explanation_id,
        mql_id,
        person_id,
        score_date,
        definition_version,
        component,
        rule_or_signal,
        points,
        event_count,
        detail
    from int_mql_explanations_itemized

)

select * from final
