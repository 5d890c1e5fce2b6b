{#- One row per MQL with the account and sales segment its handoff is reported under: the person's account from
    the accounts layer (int_persons_matched_to_accounts), and the segment of that account's employee count, else of
    the person's company's (int_persons_unified, from the lead), `Unknown` without either. -#}
with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

final as (

    select
        int_mqls_defined.mql_id,
        int_persons_matched_to_accounts.account_id,
        cast(
            {{ handoff.employee_segment(
                'coalesce(stg_salesforce__accounts.employee_count, int_persons_unified.employee_count)'
            ) }} as {{ dbt.type_string() }}
        ) as segment
    from int_mqls_defined
    left join int_persons_matched_to_accounts
        on int_mqls_defined.person_id = int_persons_matched_to_accounts.person_id
    left join int_persons_unified
        on int_mqls_defined.person_id = int_persons_unified.person_id
    left join stg_salesforce__accounts
        on int_persons_matched_to_accounts.account_id = stg_salesforce__accounts.account_id

)

select * from final
