{#- Where each opportunity's pipeline came from: the one place that decides `pipeline_source`, so that marts and
    metrics never repeat the rule. For now every opportunity is `other`; the MQL/MQA handoff work replaces the
    body with a join to the MQLs and MQAs that sourced an opportunity (`marketing_mql`, `marketing_mqa`), and
    fct_opportunities, the tier-1 marts and the semantic layer follow without change. -#}

with

stg_salesforce__opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

final as (

    select
        opportunity_id,
        cast('other' as {{ dbt.type_string() }}) as pipeline_source
    from stg_salesforce__opportunities

)

select * from final
