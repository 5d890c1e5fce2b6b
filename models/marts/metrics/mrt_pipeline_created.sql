{#- Tier-1: pipeline created. Opportunities by the period they were created in (month and quarter), segment and
    pipeline source. Every opportunity counts once per grain, so each grain sums to fct_opportunities. -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

opportunities as (

    select
        created_date,
        segment,
        pipeline_source,
        coalesce(amount, 0) as amount
    from fct_opportunities

),

in_periods as (

    {%- for grain in handoff.pipeline_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'created_date') }} as period_start_date,
        segment,
        pipeline_source,
        amount
    from opportunities
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
        count(*) as opportunity_count,
        sum(amount) as pipeline_amount
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
        cast(opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(pipeline_amount as decimal(18, 2)) as pipeline_amount
    from aggregated

)

select * from final
