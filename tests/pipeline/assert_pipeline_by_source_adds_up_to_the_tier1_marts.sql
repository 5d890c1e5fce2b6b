{#- The marketing-sourced split adds up to the tier-1 marts it splits: for each grain, period and segment,
    mrt_pipeline_by_source summed over pipeline sources equals mrt_pipeline_created (count, amount) and
    mrt_pipeline_closed_won (closed, won, lost counts and won amount). Returns one row per mismatch. -#}

with

mrt_pipeline_by_source as (

    select * from {{ ref('mrt_pipeline_by_source') }}

),

mrt_pipeline_created as (

    select * from {{ ref('mrt_pipeline_created') }}

),

mrt_pipeline_closed_won as (

    select * from {{ ref('mrt_pipeline_closed_won') }}

),

split_summed as (

    select
        period_grain,
        period_start_date,
        segment,
        sum(opportunity_count) as opportunity_count,
        sum(pipeline_amount) as pipeline_amount,
        sum(closed_count) as closed_count,
        sum(won_count) as won_count,
        sum(lost_count) as lost_count,
        sum(won_amount) as won_amount
    from mrt_pipeline_by_source
    group by period_grain, period_start_date, segment

),

tier1 as (

    select
        coalesce(mrt_pipeline_created.period_grain, mrt_pipeline_closed_won.period_grain) as period_grain,
        coalesce(mrt_pipeline_created.period_start_date, mrt_pipeline_closed_won.period_start_date)
            as period_start_date,
        coalesce(mrt_pipeline_created.segment, mrt_pipeline_closed_won.segment) as segment,
        coalesce(mrt_pipeline_created.opportunity_count, 0) as opportunity_count,
        coalesce(mrt_pipeline_created.pipeline_amount, 0) as pipeline_amount,
        coalesce(mrt_pipeline_closed_won.closed_count, 0) as closed_count,
        coalesce(mrt_pipeline_closed_won.won_count, 0) as won_count,
        coalesce(mrt_pipeline_closed_won.lost_count, 0) as lost_count,
        coalesce(mrt_pipeline_closed_won.won_amount, 0) as won_amount
    from mrt_pipeline_created
    full outer join mrt_pipeline_closed_won
        on
            mrt_pipeline_created.period_grain = mrt_pipeline_closed_won.period_grain
            and mrt_pipeline_created.period_start_date = mrt_pipeline_closed_won.period_start_date
            and mrt_pipeline_created.segment = mrt_pipeline_closed_won.segment

),

final as (

    select
        coalesce(tier1.period_grain, split_summed.period_grain) as period_grain,
        coalesce(tier1.period_start_date, split_summed.period_start_date) as period_start_date,
        coalesce(tier1.segment, split_summed.segment) as segment
    from tier1
    full outer join split_summed
        on
            tier1.period_grain = split_summed.period_grain
            and tier1.period_start_date = split_summed.period_start_date
            and tier1.segment = split_summed.segment
    where
        tier1.period_grain is null
        or split_summed.period_grain is null
        or tier1.opportunity_count <> split_summed.opportunity_count
        or tier1.pipeline_amount <> split_summed.pipeline_amount
        or tier1.closed_count <> split_summed.closed_count
        or tier1.won_count <> split_summed.won_count
        or tier1.lost_count <> split_summed.lost_count
        or tier1.won_amount <> split_summed.won_amount

)

select * from final
