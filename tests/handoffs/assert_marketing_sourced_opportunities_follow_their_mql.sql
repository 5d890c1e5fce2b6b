{#- The tier-1 source split holds its rule: an opportunity credited to marketing_mql names an MQL (fct_mql_handoffs)
    whose clock started at most handoff__opportunity_window_days days before the opportunity was created, and every
    opportunity that some MQL's handoff led to (fct_mql_handoffs.opportunity_id) is credited to marketing_mql.
    Returns one row per opportunity breaking it. -#}
with

fct_opportunity_attribution as (

    select * from {{ ref('fct_opportunity_attribution') }}

),

fct_mql_handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}

),

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

credited_without_mql as (

    select
        fct_opportunities.opportunity_id,
        'credited to an MQL outside its window' as problem
    from fct_opportunities
    inner join fct_opportunity_attribution
        on fct_opportunities.opportunity_id = fct_opportunity_attribution.opportunity_id
    left join fct_mql_handoffs
        on fct_opportunity_attribution.sourcing_mql_id = fct_mql_handoffs.mql_id
    where
        fct_opportunity_attribution.pipeline_source = 'marketing_mql'
        and (
            fct_mql_handoffs.mql_id is null
            or fct_mql_handoffs.mql_at > fct_opportunities.created_at
            or fct_opportunities.created_at >= {{ dbt.dateadd(
                'day', handoff.handoff_var('handoff__opportunity_window_days'), 'fct_mql_handoffs.mql_at'
            ) }}
        )

),

led_but_not_credited as (

    select distinct
        fct_opportunity_attribution.opportunity_id,
        'led to by an MQL but not credited to marketing_mql' as problem
    from fct_mql_handoffs
    inner join fct_opportunity_attribution
        on fct_mql_handoffs.opportunity_id = fct_opportunity_attribution.opportunity_id
    where fct_opportunity_attribution.pipeline_source <> 'marketing_mql'

),

final as (

    select * from credited_without_mql
    union all
    select * from led_but_not_credited

)

select * from final
