{#- Tier-2: MQAs by the week and the month of their MQA date, segment and definition version, with the periods a
    definition change touches flagged as in mrt_handoff_health. Reads the fct_mqas mart rather than an intermediate
    model on purpose: the MQA's segment is assigned there, and no intermediate model carries it. -#}
with

fct_mqas as (

    select * from {{ ref('fct_mqas') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

in_periods as (

    {{ handoff.in_handoff_periods('fct_mqas', 'mqa_date') }}

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

    {{ handoff.definition_change_periods('aggregated', 'definition_versions') }}

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
