{#- Tier-1: pipeline created. Opportunities by the period they were created in (month and quarter) and segment,
    from CRM data only (int_opportunity_periods): it builds even when scoring fails. Every opportunity counts once
    per grain, so each grain sums to fct_opportunities. The marketing-sourced split is mrt_pipeline_by_source. -#}

with

int_opportunity_periods as (

    select * from {{ ref('int_opportunity_periods') }}

),

aggregated as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        count(*) as opportunity_count,
        sum(amount) as pipeline_amount
    from int_opportunity_periods
    where dated_by = 'created_date'
    group by period_grain, period_start_date, period_end_date, segment

),

final as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        cast(opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(pipeline_amount as decimal(18, 2)) as pipeline_amount
    from aggregated

)

select * from final
