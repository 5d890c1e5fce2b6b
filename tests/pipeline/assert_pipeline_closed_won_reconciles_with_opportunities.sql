{#- Tier-1 pipeline closed-won reconciles with the opportunities it comes from: for each grain and close period,
    the won amount, won count and closed count of mrt_pipeline_closed_won (summed over segments) and
    the bookings of mrt_pipeline_attainment equal those computed straight from fct_opportunities, and each grain's
    won total equals the won total of fct_opportunities (no won opportunity lost or counted twice). Returns one row
    per mismatch. -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

mrt_pipeline_closed_won as (

    select * from {{ ref('mrt_pipeline_closed_won') }}

),

mrt_pipeline_attainment as (

    select * from {{ ref('mrt_pipeline_attainment') }}

),

expected as (

    {%- for grain in handoff.pipeline_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'close_date') }} as period_start_date,
        sum(case when is_won then coalesce(amount, 0) else 0 end) as won_amount,
        sum(case when is_won then 1 else 0 end) as won_count,
        count(*) as closed_count
    from fct_opportunities
    where is_closed
    group by {{ handoff.period_start(grain, 'close_date') }}
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

from_closed_won_mart as (

    select
        period_grain,
        period_start_date,
        sum(won_amount) as won_amount,
        sum(won_count) as won_count,
        sum(closed_count) as closed_count
    from mrt_pipeline_closed_won
    group by period_grain, period_start_date

),

period_mismatches as (

    select
        'mrt_pipeline_closed_won' as compared_with,
        coalesce(expected.period_grain, from_closed_won_mart.period_grain) as period_grain,
        coalesce(expected.period_start_date, from_closed_won_mart.period_start_date) as period_start_date,
        expected.won_amount as expected_won_amount,
        from_closed_won_mart.won_amount as mart_won_amount,
        expected.won_count as expected_won_count,
        from_closed_won_mart.won_count as mart_won_count
    from expected
    full outer join from_closed_won_mart
        on
            expected.period_grain = from_closed_won_mart.period_grain
            and expected.period_start_date = from_closed_won_mart.period_start_date
    where
        expected.period_grain is null
        or from_closed_won_mart.period_grain is null
        or expected.won_amount <> from_closed_won_mart.won_amount
        or expected.won_count <> from_closed_won_mart.won_count
        or expected.closed_count <> from_closed_won_mart.closed_count

),

bookings_mismatches as (

    select
        'mrt_pipeline_attainment' as compared_with,
        coalesce(expected.period_grain, mrt_pipeline_attainment.period_grain) as period_grain,
        coalesce(expected.period_start_date, mrt_pipeline_attainment.period_start_date) as period_start_date,
        expected.won_amount as expected_won_amount,
        mrt_pipeline_attainment.bookings_amount as mart_won_amount,
        expected.won_count as expected_won_count,
        mrt_pipeline_attainment.won_count as mart_won_count
    from expected
    inner join mrt_pipeline_attainment
        on
            expected.period_grain = mrt_pipeline_attainment.period_grain
            and expected.period_start_date = mrt_pipeline_attainment.period_start_date
    where
        expected.won_amount <> mrt_pipeline_attainment.bookings_amount
        or expected.won_count <> mrt_pipeline_attainment.won_count

),

fct_total as (

    select
        sum(case when is_won then coalesce(amount, 0) else 0 end) as won_amount,
        sum(case when is_won then 1 else 0 end) as won_count
    from fct_opportunities

),

mart_totals as (

    select
        period_grain,
        sum(won_amount) as won_amount,
        sum(won_count) as won_count
    from mrt_pipeline_closed_won
    group by period_grain

),

total_mismatches as (

    select
        'fct_opportunities total' as compared_with,
        mart_totals.period_grain,
        cast(null as date) as period_start_date,
        fct_total.won_amount as expected_won_amount,
        mart_totals.won_amount as mart_won_amount,
        fct_total.won_count as expected_won_count,
        mart_totals.won_count as mart_won_count
    from mart_totals
    cross join fct_total
    where
        mart_totals.won_amount <> fct_total.won_amount
        or mart_totals.won_count <> fct_total.won_count

),

final as (

    select * from period_mismatches
    union all
    select * from bookings_mismatches
    union all
    select * from total_mismatches

)

select * from final
