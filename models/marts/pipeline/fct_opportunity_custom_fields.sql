{#- Grain: one row per opportunity of fct_opportunities (the surviving Salesforce opportunities). Method: the
    company's own opportunity fields named in var salesforce__opportunity_pass_through_columns, carried from
    staging as they are. Beside fct_opportunities rather than in it: its enforced contract names its columns, and
    a list each company writes cannot be part of it. Join on opportunity_id, one to one. -#}
with

stg_salesforce__opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__opportunity_pass_through_columns') }}
        opportunity_id,
        synced_at
    from stg_salesforce__opportunities

)

select * from final
