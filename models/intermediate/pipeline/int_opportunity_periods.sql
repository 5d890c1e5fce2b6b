{#- The period scaffolding of every pipeline mart, written once: one row per opportunity, date it is counted on
    (`dated_by`: created_date for pipeline created, close_date for closed and won) and period grain (month,
    quarter), with the period it falls in and the attributes the marts cut by. CRM only
    (int_opportunities_enriched), so the tier-1 marts that aggregate it never wait on scoring. An opportunity
    without a close date has no close_date rows; open opportunities keep theirs (their expected close date), and
    each mart says which outcome it counts (is_closed, is_won). -#}

with

int_opportunities_enriched as (

    select * from {{ ref('int_opportunities_enriched') }}

),

dated as (

    {%- for dated_by in ['created_date', 'close_date'] %}

    select
        opportunity_id,
        '{{ dated_by }}' as dated_by,
        {{ dated_by }} as dated_on,
        segment,
        lead_source,
        primary_campaign_name,
        is_closed,
        is_won,
        amount,
        sales_cycle_days
    from int_opportunities_enriched
    where {{ dated_by }} is not null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

in_periods as (

    {%- for grain in handoff.pipeline_period_grains() %}

    select
        opportunity_id,
        dated_by,
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'dated_on') }} as period_start_date,
        {{ handoff.period_end(grain, handoff.period_start(grain, 'dated_on')) }} as period_end_date,
        segment,
        lead_source,
        primary_campaign_name,
        is_closed,
        is_won,
        amount,
        sales_cycle_days
    from dated
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        opportunity_id,
        cast(dated_by as {{ dbt.type_string() }}) as dated_by,
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start_date,
        period_end_date,
        segment,
        lead_source,
        primary_campaign_name,
        is_closed,
        is_won,
        coalesce(amount, 0) as amount,
        sales_cycle_days
    from in_periods

)

select * from final
