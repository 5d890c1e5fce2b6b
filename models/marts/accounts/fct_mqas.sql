{#- One row per MQA (marketing-qualified account), like fct_mqls for people: the account, the MQA date, the
    definition version in effect that day and its bar, the engaged people and buying-committee roles behind it,
    account fit, the account's first-party intent, anonymous activity, whether it is still open or lapsed, and a
    readable explanation. Query by definition_version to see the effect of a definition change. -#}
with

int_mqas_crossed as (

    select * from {{ ref('int_mqas_crossed') }}

),

int_mqas_explained as (

    select * from {{ ref('int_mqas_explained') }}

),

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

final as (

    select
        int_mqas_crossed.mqa_id,
        int_mqas_crossed.account_id,
        stg_salesforce__accounts.account_name,
        {{ handoff.employee_segment('stg_salesforce__accounts.employee_count') }} as segment,
        int_mqas_crossed.mqa_date,
        int_mqas_crossed.mqa_sequence,
        int_mqas_crossed.definition_version,
        int_mqas_crossed.mqa_min_engaged_people,
        int_mqas_crossed.mqa_min_roles,
        int_mqas_crossed.mqa_window_days,
        int_mqas_crossed.mqa_account_fit_gate,
        int_mqas_crossed.engaged_people,
        int_mqas_crossed.roles_covered,
        int_mqas_explained.economic_buyer_people,
        int_mqas_explained.champion_people,
        int_mqas_explained.technical_evaluator_people,
        int_mqas_explained.end_user_people,
        int_mqas_crossed.account_fit_score,
        int_mqas_explained.account_intent_score,
        int_mqas_explained.anonymous_page_views,
        int_mqas_explained.anonymous_visitors,
        int_mqas_crossed.peak_engaged_people,
        int_mqas_crossed.peak_roles_covered,
        int_mqas_crossed.is_open,
        int_mqas_crossed.lapsed_on,
        int_mqas_explained.explanation_text
    from int_mqas_crossed
    inner join int_mqas_explained
        on int_mqas_crossed.mqa_id = int_mqas_explained.mqa_id
    inner join stg_salesforce__accounts
        on int_mqas_crossed.account_id = stg_salesforce__accounts.account_id

)

select * from final
