{#- Grain: one row per account of dim_accounts (the surviving Salesforce accounts). Method: the company's own
    account fields named in var salesforce__account_pass_through_columns, carried from staging as they are.
    Beside dim_accounts rather than in it: dim_accounts' enforced contract names its columns, and a list each
    company writes cannot be part of it. Join on account_id, one to one. -#}
with

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__account_pass_through_columns') }}
        account_id,
        synced_at
    from stg_salesforce__accounts

)

select * from final
