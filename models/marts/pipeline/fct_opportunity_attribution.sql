{#- Marketing sourcing of each opportunity, beside fct_opportunities (one to one on opportunity_id): the source
    its pipeline is credited to and the MQL or MQA credited (int_opportunities_attributed). A mart of its own so
    that the tier-1 facts stay CRM-only and build even when scoring fails. -#}

with

int_opportunities_attributed as (

    select * from {{ ref('int_opportunities_attributed') }}

),

final as (

    select
        opportunity_id,
        pipeline_source,
        sourcing_mql_id,
        sourcing_mqa_id
    from int_opportunities_attributed

)

select * from final
