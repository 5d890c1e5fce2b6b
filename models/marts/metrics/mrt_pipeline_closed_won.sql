{#- Tier-1: pipeline closed-won. Closed opportunities by the period of their close date (month and quarter),
    segment and pipeline source: won amount and count, closed count, win rate, sales cycle. Open opportunities
    (whose close date is only expected) are left out. -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

closed_opportunities as (

    select
        close_date,
        segment,
        pipeline_source,
        case when is_won then 1 else 0 end as is_won_count,
        case when is_won then coalesce(amount, 0) else 0 end as won_amount,
        case when is_won then sales_cycle_days end as won_sales_cycle_days
    from fct_opportunities
    where is_closed and close_date is not null

),

in_periods as (

    {%- for grain in handoff.pipeline_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'close_date') }} as period_start_date,
        segment,
        pipeline_source,
        is_won_count,
        won_amount,
        won_sales_cycle_days
    from closed_opportunities
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

aggregated as (

    select
        period_grain,
        period_start_date,
        segment,
        pipeline_source,
        count(*) as closed_count,
        sum(is_won_count) as won_count,
        sum(won_amount) as won_amount,
        sum(won_sales_cycle_days) as won_sales_cycle_days_total,
        count(won_sales_cycle_days) as won_with_sales_cycle_count
    from in_periods
    group by period_grain, period_start_date, segment, pipeline_source

),

final as (

    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start_date,
        case
            {%- for grain in handoff.pipeline_period_grains() %}
            when period_grain = '{{ grain }}' then {{ handoff.period_end(grain, 'period_start_date') }}
            {%- endfor %}
        end as period_end_date,
        segment,
        pipeline_source,
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
