{#- Pipeline by lead source and campaign reconciles with fct_opportunities: for each grain, period and lead source,
    created count and amount (by creation date) and won count and amount (by close date) equal those computed
    straight from the opportunities. Returns one row per mismatch. -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

mrt_pipeline_by_lead_source as (

    select * from {{ ref('mrt_pipeline_by_lead_source') }}

),

expected as (

    {%- set measured = [] %}
    {%- for grain in handoff.pipeline_period_grains() %}
    {%- do measured.append((grain, 'created', 'created_date')) %}
    {%- do measured.append((grain, 'won', 'close_date')) %}
    {%- endfor %}
    {%- for grain, measure, day in measured %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, day) }} as period_start_date,
        {{ handoff.crm_source_label('lead_source') }} as lead_source,
        '{{ measure }}' as measure,
        count(*) as opportunity_count,
        sum(coalesce(amount, 0)) as amount
    from fct_opportunities
    {%- if measure == 'won' %}
    where is_won and close_date is not null
    {%- endif %}
    group by {{ handoff.period_start(grain, day) }}, {{ handoff.crm_source_label('lead_source') }}
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

from_mart as (

    select
        period_grain,
        period_start_date,
        lead_source,
        'created' as measure,
        sum(opportunity_count) as opportunity_count,
        sum(pipeline_amount) as amount
    from mrt_pipeline_by_lead_source
    group by period_grain, period_start_date, lead_source
    having sum(opportunity_count) > 0

    union all

    select
        period_grain,
        period_start_date,
        lead_source,
        'won' as measure,
        sum(won_count) as opportunity_count,
        sum(won_amount) as amount
    from mrt_pipeline_by_lead_source
    group by period_grain, period_start_date, lead_source
    having sum(won_count) > 0

),

final as (

    select
        expected.opportunity_count as expected_count,
        from_mart.opportunity_count as mart_count,
        expected.amount as expected_amount,
        from_mart.amount as mart_amount,
        coalesce(expected.period_grain, from_mart.period_grain) as period_grain,
        coalesce(expected.measure, from_mart.measure) as measure,
        coalesce(expected.period_start_date, from_mart.period_start_date) as period_start_date,
        coalesce(expected.lead_source, from_mart.lead_source) as lead_source
    from expected
    full outer join from_mart
        on
            expected.period_grain = from_mart.period_grain
            and expected.measure = from_mart.measure
            and expected.period_start_date = from_mart.period_start_date
            and expected.lead_source = from_mart.lead_source
    where
        expected.period_grain is null
        or from_mart.period_grain is null
        or expected.opportunity_count <> from_mart.opportunity_count
        or expected.amount <> from_mart.amount

)

select * from final
