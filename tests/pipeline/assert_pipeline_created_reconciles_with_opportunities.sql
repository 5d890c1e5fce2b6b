{#- Tier-1 pipeline created reconciles with the opportunities it comes from: for each grain (month, quarter) and
    period, the opportunity count and amount of mrt_pipeline_created (summed over segments) and of
    mrt_pipeline_attainment equal those computed straight from fct_opportunities, and each grain's total equals
    the total of fct_opportunities (every opportunity counted once). Returns one row per mismatch. -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

mrt_pipeline_created as (

    select * from {{ ref('mrt_pipeline_created') }}

),

mrt_pipeline_attainment as (

    select * from {{ ref('mrt_pipeline_attainment') }}

),

expected as (

    {%- for grain in handoff.pipeline_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'created_date') }} as period_start_date,
        count(*) as opportunity_count,
        sum(coalesce(amount, 0)) as pipeline_amount
    from fct_opportunities
    group by {{ handoff.period_start(grain, 'created_date') }}
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

from_created_mart as (

    select
        period_grain,
        period_start_date,
        sum(opportunity_count) as opportunity_count,
        sum(pipeline_amount) as pipeline_amount
    from mrt_pipeline_created
    group by period_grain, period_start_date

),

from_attainment_mart as (

    select
        period_grain,
        period_start_date,
        opportunity_count,
        pipeline_amount
    from mrt_pipeline_attainment
    where opportunity_count > 0 or pipeline_amount <> 0

),

period_mismatches as (

    {%- for mart in ['from_created_mart', 'from_attainment_mart'] %}

    select
        '{{ mart }}' as compared_with,
        coalesce(expected.period_grain, {{ mart }}.period_grain) as period_grain,
        coalesce(expected.period_start_date, {{ mart }}.period_start_date) as period_start_date,
        expected.opportunity_count as expected_count,
        {{ mart }}.opportunity_count as mart_count,
        expected.pipeline_amount as expected_amount,
        {{ mart }}.pipeline_amount as mart_amount
    from expected
    full outer join {{ mart }}
        on
            expected.period_grain = {{ mart }}.period_grain
            and expected.period_start_date = {{ mart }}.period_start_date
    where
        expected.period_grain is null
        or {{ mart }}.period_grain is null
        or expected.opportunity_count <> {{ mart }}.opportunity_count
        or expected.pipeline_amount <> {{ mart }}.pipeline_amount
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

fct_total as (

    select
        count(*) as opportunity_count,
        sum(coalesce(amount, 0)) as pipeline_amount
    from fct_opportunities

),

mart_totals as (

    select
        period_grain,
        sum(opportunity_count) as opportunity_count,
        sum(pipeline_amount) as pipeline_amount
    from mrt_pipeline_created
    group by period_grain

),

total_mismatches as (

    select
        'fct_opportunities total' as compared_with,
        mart_totals.period_grain,
        cast(null as date) as period_start_date,
        fct_total.opportunity_count as expected_count,
        mart_totals.opportunity_count as mart_count,
        fct_total.pipeline_amount as expected_amount,
        mart_totals.pipeline_amount as mart_amount
    from mart_totals
    cross join fct_total
    where
        mart_totals.opportunity_count <> fct_total.opportunity_count
        or mart_totals.pipeline_amount <> fct_total.pipeline_amount

),

final as (

    select * from period_mismatches
    union all
    select * from total_mismatches

)

select * from final
