{#- Tier-2 handoff health: MQLs by the week and the month of their MQL date, channel, segment and definition (key and
    version); the channel cut of mrt_handoff_rates, which defines each rate (a test holds the two equal),
    with what sales did with them (fct_mql_handoffs). Tier-2 reads as the health of the handoff, never as marketing's
    output. Rates are null when their base is 0; re-aggregate them from the counts, never by averaging. A period
    that contains a definition version's effective_from is flagged. -#}
with

fct_mql_handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

mql_sql_health_band as (

    select * from {{ ref('mql_sql_health_band') }}

),

in_periods as (

    {%- for grain in handoff.handoff_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'mql_date') }} as period_start_date,
        mql_channel as channel,
        segment,
        definition_key,
        definition_version,
        case when is_hot_mql then 1 else 0 end as is_hot,
        case when is_sql then 1 else 0 end as is_sql_flag,
        case when sales_disposition = 'rejected' then 1 else 0 end as is_rejected,
        case when sales_disposition = 'unmapped' then 1 else 0 end as is_unmapped,
        case when is_sla_open then 1 else 0 end as is_open_sla,
        case when is_touched_within_sla then 1 else 0 end as is_in_sla,
        case when has_meeting then 1 else 0 end as is_met,
        case when has_meeting and has_opportunity then 1 else 0 end as is_met_to_opportunity,
        case when has_opportunity then 1 else 0 end as is_opportunity,
        case when is_opportunity_won then 1 else 0 end as is_won,
        coalesce(opportunity_amount, 0) as opportunity_amount,
        coalesce(won_amount, 0) as won_amount
    from fct_mql_handoffs
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

aggregated as (

    select
        period_grain,
        period_start_date,
        channel,
        segment,
        definition_key,
        definition_version,
        count(*) as mql_count,
        sum(is_hot) as hot_mql_count,
        sum(is_sql_flag) as sql_count,
        sum(is_rejected) as rejected_count,
        sum(is_unmapped) as unmapped_disposition_count,
        sum(is_open_sla) as sla_open_count,
        sum(is_in_sla) as touched_within_sla_count,
        sum(is_met) as meeting_count,
        sum(is_met_to_opportunity) as meeting_opportunity_count,
        sum(is_opportunity) as opportunity_count,
        sum(is_won) as won_count,
        sum(opportunity_amount) as opportunity_amount,
        sum(won_amount) as won_amount
    from in_periods
    group by period_grain, period_start_date, channel, segment, definition_key, definition_version

),

with_end as (

    select
        *,
        case
            {%- for grain in handoff.handoff_period_grains() %}
            when period_grain = '{{ grain }}' then {{ handoff.handoff_period_end(grain, 'period_start_date') }}
            {%- endfor %}
        end as period_end_date
    from aggregated

),

change_periods as (

    select
        with_end.period_grain,
        with_end.period_start_date,
        count(*) as change_count
    from (
        select distinct
            period_grain,
            period_start_date,
            period_end_date
        from with_end
    ) as with_end
    inner join definition_versions
        on
            with_end.period_start_date <= definition_versions.effective_from
            and with_end.period_end_date >= definition_versions.effective_from
    where definition_versions.status = 'effective'
    group by with_end.period_grain, with_end.period_start_date

),

final as (

    select
        cast(with_end.period_grain as {{ dbt.type_string() }}) as period_grain,
        with_end.period_start_date,
        with_end.period_end_date,
        cast(with_end.channel as {{ dbt.type_string() }}) as channel,
        cast(with_end.segment as {{ dbt.type_string() }}) as segment,
        cast(with_end.definition_key as {{ dbt.type_string() }}) as definition_key,
        with_end.definition_version,
        change_periods.period_start_date is not null as is_definition_change_period,
        cast(with_end.mql_count as {{ dbt.type_bigint() }}) as mql_count,
        cast(with_end.hot_mql_count as {{ dbt.type_bigint() }}) as hot_mql_count,
        cast(with_end.sql_count as {{ dbt.type_bigint() }}) as sql_count,
        {{ handoff.safe_divide('with_end.sql_count', 'with_end.mql_count') }} as mql_sql_rate,
        cast(
            {{ handoff.mql_sql_health_band(
                handoff.safe_divide('with_end.sql_count', 'with_end.mql_count'), 'mql_sql_health_band'
            ) }}
            as {{ dbt.type_string() }}
        ) as mql_sql_health_band,
        cast(with_end.rejected_count as {{ dbt.type_bigint() }}) as rejected_count,
        cast(with_end.unmapped_disposition_count as {{ dbt.type_bigint() }}) as unmapped_disposition_count,
        cast(with_end.sla_open_count as {{ dbt.type_bigint() }}) as sla_open_count,
        cast(with_end.mql_count - with_end.sla_open_count as {{ dbt.type_bigint() }}) as sla_decided_count,
        cast(with_end.touched_within_sla_count as {{ dbt.type_bigint() }}) as touched_within_sla_count,
        {{ handoff.safe_divide(
            'with_end.touched_within_sla_count', 'with_end.mql_count - with_end.sla_open_count'
        ) }} as touched_within_sla_rate,
        cast(with_end.meeting_count as {{ dbt.type_bigint() }}) as meeting_count,
        {{ handoff.safe_divide('with_end.meeting_count', 'with_end.mql_count') }} as meeting_rate,
        cast(with_end.meeting_opportunity_count as {{ dbt.type_bigint() }}) as meeting_opportunity_count,
        {{ handoff.safe_divide('with_end.meeting_opportunity_count', 'with_end.meeting_count') }}
            as meeting_to_opportunity_rate,
        cast(with_end.opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(with_end.won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(with_end.opportunity_amount as decimal(18, 2)) as opportunity_amount,
        cast(with_end.won_amount as decimal(18, 2)) as won_amount
    from with_end
    left join change_periods
        on
            with_end.period_grain = change_periods.period_grain
            and with_end.period_start_date = change_periods.period_start_date
    cross join mql_sql_health_band

)

select * from final
