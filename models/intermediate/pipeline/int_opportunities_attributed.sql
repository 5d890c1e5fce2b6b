{#- Where each opportunity's pipeline came from: the one place that decides `pipeline_source`, so that marts and
    metrics never repeat the rule. It sits after both the CRM opportunities (int_opportunities_enriched) and
    scoring (MQLs, MQAs): the tier-1 marts do not read it, so a scoring failure cannot take them down; the
    marketing-sourced split (fct_opportunity_attribution, mrt_pipeline_by_source) does.
    - marketing_mql: an MQL led to it - int_mql_opportunities_matched: an MQL of a person at the opportunity's
      account (or whose lead was converted into it) whose clock started at most handoff__opportunity_window_days
      days (default 90) before the opportunity was created;
    - marketing_mqa: no such MQL, but the account became an MQA (int_mqas_crossed) on a day from the window's
      length before the creation day up to the creation day itself (an MQA is dated, not timed);
    - other: neither (outbound, partner, existing-customer motions...).
    The earliest qualifying MQL (or MQA) in the window is the one credited. -#}

with

int_opportunities_enriched as (

    select * from {{ ref('int_opportunities_enriched') }}

),

int_mql_opportunities_matched as (

    select * from {{ ref('int_mql_opportunities_matched') }}

),

int_mqas_crossed as (

    select * from {{ ref('int_mqas_crossed') }}

),

opportunities as (

    select
        opportunity_id,
        created_date,
        account_id
    from int_opportunities_enriched

),

first_mqls as (

    select
        int_mql_opportunities_matched.opportunity_id,
        int_mql_opportunities_matched.mql_id,
        row_number() over (
            partition by int_mql_opportunities_matched.opportunity_id
            order by int_mql_opportunities_matched.mql_at, int_mql_opportunities_matched.mql_id
        ) as mql_rank
    from int_mql_opportunities_matched

),

first_mqas as (

    select
        opportunities.opportunity_id,
        int_mqas_crossed.mqa_id,
        row_number() over (
            partition by opportunities.opportunity_id
            order by int_mqas_crossed.mqa_date, int_mqas_crossed.mqa_id
        ) as mqa_rank
    from opportunities
    inner join int_mqas_crossed
        on
            opportunities.account_id = int_mqas_crossed.account_id
            and opportunities.created_date >= int_mqas_crossed.mqa_date
            and {{ handoff.days_between('int_mqas_crossed.mqa_date', 'opportunities.created_date') }}
            < {{ handoff.handoff_var('handoff__opportunity_window_days') }}

),

final as (

    select
        opportunities.opportunity_id,
        cast(
            case
                when first_mqls.mql_id is not null then 'marketing_mql'
                when first_mqas.mqa_id is not null then 'marketing_mqa'
                else 'other'
            end as {{ dbt.type_string() }}
        ) as pipeline_source,
        first_mqls.mql_id as sourcing_mql_id,
        case when first_mqls.mql_id is null then first_mqas.mqa_id end as sourcing_mqa_id
    from opportunities
    left join first_mqls
        on opportunities.opportunity_id = first_mqls.opportunity_id and first_mqls.mql_rank = 1
    left join first_mqas
        on opportunities.opportunity_id = first_mqas.opportunity_id and first_mqas.mqa_rank = 1

)

select * from final
