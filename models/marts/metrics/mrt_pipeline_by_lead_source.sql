{#- Tier-1 by what the CRM credits: pipeline created (on the creation date) and closed-won (on the close date) by
    month and quarter, by the opportunity's lead source and primary campaign, beside the marketing-sourced
    attribution of mrt_pipeline_by_source (pipeline_source). CRM only (int_opportunity_periods). A missing lead
    source or campaign is its own row (handoff.crm_source_label), so each grain sums to fct_opportunities
    (tests/pipeline). -#}

with

int_opportunity_periods as (

    select * from {{ ref('int_opportunity_periods') }}

),

created_and_won as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        {{ handoff.crm_source_label('lead_source') }} as lead_source,
        {{ handoff.crm_source_label('primary_campaign_name') }} as primary_campaign_name,
        case when dated_by = 'created_date' then 1 else 0 end as is_created,
        case when dated_by = 'close_date' and is_won then 1 else 0 end as is_won,
        amount
    from int_opportunity_periods

),

aggregated as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        lead_source,
        primary_campaign_name,
        sum(is_created) as opportunity_count,
        sum(is_created * amount) as pipeline_amount,
        sum(is_won) as won_count,
        sum(is_won * amount) as won_amount
    from created_and_won
    group by period_grain, period_start_date, period_end_date, lead_source, primary_campaign_name
    having sum(is_created) > 0 or sum(is_won) > 0

),

final as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        cast(lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(primary_campaign_name as {{ dbt.type_string() }}) as primary_campaign_name,
        cast(opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(pipeline_amount as decimal(18, 2)) as pipeline_amount,
        cast(won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(won_amount as decimal(18, 2)) as won_amount
    from aggregated

)

select * from final
