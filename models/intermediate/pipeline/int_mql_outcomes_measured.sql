{#- One row per MQL of Handoff's own definitions (an external definition's, crm, would count the same people
    twice) with whether its account (int_mqls_segmented.account_id, from int_persons_matched_to_accounts) had an
    opportunity created within the horizon from the MQL day (var handoff__mql_opportunity_horizon_days, 90). The
    same outcome rule as the Python commands (handoff.outcomes); mrt_mql_volume_required measures its
    MQL-to-opportunity rate on it. -#}

{%- set horizon_days = var('handoff__mql_opportunity_horizon_days', 90) | int %}

with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

int_mqls_segmented as (

    select * from {{ ref('int_mqls_segmented') }}

),

int_opportunities_enriched as (

    select * from {{ ref('int_opportunities_enriched') }}

),

mqls as (

    select
        int_mqls_defined.mql_id,
        int_mqls_defined.mql_date,
        int_mqls_segmented.account_id
    from int_mqls_defined
    inner join int_mqls_segmented
        on int_mqls_defined.mql_id = int_mqls_segmented.mql_id
    where int_mqls_defined.definition_version is not null

),

final as (

    select
        mqls.mql_id,
        mqls.mql_date,
        max(case when int_opportunities_enriched.opportunity_id is not null then 1 else 0 end) as reached_opportunity
    from mqls
    left join int_opportunities_enriched
        on
            mqls.account_id = int_opportunities_enriched.account_id
            and mqls.mql_date <= int_opportunities_enriched.created_date
            and cast({{ dbt.dateadd('day', horizon_days, 'mqls.mql_date') }} as date)
            >= int_opportunities_enriched.created_date
    group by mqls.mql_id, mqls.mql_date

)

select * from final
