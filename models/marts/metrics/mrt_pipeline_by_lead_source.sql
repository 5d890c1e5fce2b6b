{#- Tier-1 by what the CRM credits: pipeline created (on the creation date) and closed-won (on the close date) by
    month and quarter, by the opportunity's lead source and primary campaign, beside the marketing-sourced
    attribution of mrt_pipeline_created (pipeline_source). A missing lead source or campaign is its own row
    (handoff.crm_source_label), so each grain sums to fct_opportunities (tests/pipeline). -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

labelled as (

    select
        created_date,
        close_date,
        is_won,
        {{ handoff.crm_source_label('lead_source') }} as lead_source,
        {{ handoff.crm_source_label('primary_campaign_name') }} as primary_campaign_name,
        coalesce(amount, 0) as amount
    from fct_opportunities

),

created_and_won as (

    select
        'created' as measure,
        created_date as measured_on,
        lead_source,
        primary_campaign_name,
        amount
    from labelled

    union all

    select
        'won' as measure,
        close_date as measured_on,
        lead_source,
        primary_campaign_name,
        amount
    from labelled
    where is_won and close_date is not null

),

in_periods as (

    {%- for grain in handoff.pipeline_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'measured_on') }} as period_start_date,
        measure,
        lead_source,
        primary_campaign_name,
        amount
    from created_and_won
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

aggregated as (

    select
        period_grain,
        period_start_date,
        lead_source,
        primary_campaign_name,
        sum(case when measure = 'created' then 1 else 0 end) as opportunity_count,
        sum(case when measure = 'created' then amount else 0 end) as pipeline_amount,
        sum(case when measure = 'won' then 1 else 0 end) as won_count,
        sum(case when measure = 'won' then amount else 0 end) as won_amount
    from in_periods
    group by period_grain, period_start_date, lead_source, primary_campaign_name

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
        cast(lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(primary_campaign_name as {{ dbt.type_string() }}) as primary_campaign_name,
        cast(opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(pipeline_amount as decimal(18, 2)) as pipeline_amount,
        cast(won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(won_amount as decimal(18, 2)) as won_amount
    from aggregated

)

select * from final
