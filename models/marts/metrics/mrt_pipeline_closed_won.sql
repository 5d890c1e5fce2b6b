{#- Tier-1: pipeline closed-won. Closed opportunities by the period of their close date (month and quarter) and
    segment: won amount and count, closed count, win rate, sales cycle. From CRM data only
    (int_opportunity_periods): it builds even when scoring fails. Open opportunities (whose close date is only
    expected) are left out. The marketing-sourced split is mrt_pipeline_by_source. -#}

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
        count(*) as closed_count,
        sum(case when is_won then 1 else 0 end) as won_count,
        sum(case when is_won then amount else 0 end) as won_amount,
        sum(case when is_won then sales_cycle_days end) as won_sales_cycle_days_total,
        count(case when is_won then sales_cycle_days end) as won_with_sales_cycle_count
    from int_opportunity_periods
    where dated_by = 'close_date' and is_closed
    group by period_grain, period_start_date, period_end_date, segment

),

final as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        cast(won_amount as decimal(18, 2)) as won_amount,
        cast(won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(closed_count - won_count as {{ dbt.type_bigint() }}) as lost_count,
        cast(closed_count as {{ dbt.type_bigint() }}) as closed_count,
        {{ handoff.safe_divide('won_count', 'closed_count') }} as win_rate,
        cast(won_sales_cycle_days_total as {{ dbt.type_bigint() }}) as won_sales_cycle_days_total,
        {{ handoff.safe_divide('won_sales_cycle_days_total', 'won_with_sales_cycle_count') }} as avg_sales_cycle_days
    from aggregated

)

select * from final
