{#- Tier-1 split by who the pipeline is credited to: pipeline created (on the creation date) and closed-won (closed
    opportunities on their close date) by month and quarter, segment and pipeline_source (marketing_mql,
    marketing_mqa, other; int_opportunities_attributed). The only tier-1 mart that waits on scoring: the totals of
    mrt_pipeline_created and mrt_pipeline_closed_won never do. Summed over sources, each period and segment equals
    those two marts (tests/pipeline). -#}

with

int_opportunity_periods as (

    select * from {{ ref('int_opportunity_periods') }}

),

int_opportunities_attributed as (

    select * from {{ ref('int_opportunities_attributed') }}

),

counted as (

    select
        int_opportunity_periods.period_grain,
        int_opportunity_periods.period_start_date,
        int_opportunity_periods.period_end_date,
        int_opportunity_periods.segment,
        int_opportunities_attributed.pipeline_source,
        int_opportunity_periods.amount,
        case when int_opportunity_periods.dated_by = 'created_date' then 1 else 0 end as is_created,
        case
            when int_opportunity_periods.dated_by = 'close_date' and int_opportunity_periods.is_closed then 1 else 0
        end as is_closed,
        case
            when
                int_opportunity_periods.dated_by = 'close_date'
                and int_opportunity_periods.is_closed
                and int_opportunity_periods.is_won
                then 1
            else 0
        end as is_won
    from int_opportunity_periods
    inner join int_opportunities_attributed
        on int_opportunity_periods.opportunity_id = int_opportunities_attributed.opportunity_id

),

aggregated as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        pipeline_source,
        sum(is_created) as opportunity_count,
        sum(is_created * amount) as pipeline_amount,
        sum(is_closed) as closed_count,
        sum(is_won) as won_count,
        sum(is_won * amount) as won_amount
    from counted
    group by period_grain, period_start_date, period_end_date, segment, pipeline_source
    having sum(is_created) > 0 or sum(is_closed) > 0

),

final as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        pipeline_source,
        cast(opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(pipeline_amount as decimal(18, 2)) as pipeline_amount,
        cast(closed_count as {{ dbt.type_bigint() }}) as closed_count,
        cast(won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(closed_count - won_count as {{ dbt.type_bigint() }}) as lost_count,
        cast(won_amount as decimal(18, 2)) as won_amount
    from aggregated

)

select * from final
