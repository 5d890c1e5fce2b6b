{#- Tier-2: MQAs by the week and the month of their MQA date, segment and definition version (fct_mqas), with
    the periods a definition change touches flagged as in mrt_handoff_health. -#}
with

fct_mqas as (

    select * from {{ ref('fct_mqas') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

in_periods as (

    {%- for grain in handoff.handoff_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'mqa_date') }} as period_start_date,
        {{ handoff.handoff_period_end(grain, handoff.period_start(grain, 'mqa_date')) }} as period_end_date,
        segment,
        definition_version
    from fct_mqas
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

aggregated as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        definition_version,
        count(*) as mqa_count
    from in_periods
    group by period_grain, period_start_date, period_end_date, segment, definition_version

),

change_periods as (

    select distinct
        periods.period_grain,
        periods.period_start_date
    from (
        select distinct
            period_grain,
            period_start_date,
            period_end_date
        from aggregated
    ) as periods
    inner join definition_versions
        on
            periods.period_start_date <= definition_versions.effective_from
            and periods.period_end_date >= definition_versions.effective_from
    where definition_versions.status = 'effective'

),

final as (

    select
        cast(aggregated.period_grain as {{ dbt.type_string() }}) as period_grain,
        aggregated.period_start_date,
        aggregated.period_end_date,
        cast(aggregated.segment as {{ dbt.type_string() }}) as segment,
        aggregated.definition_version,
        change_periods.period_start_date is not null as is_definition_change_period,
        cast(aggregated.mqa_count as {{ dbt.type_bigint() }}) as mqa_count
    from aggregated
    left join change_periods
        on
            aggregated.period_grain = change_periods.period_grain
            and aggregated.period_start_date = change_periods.period_start_date

)

select * from final
