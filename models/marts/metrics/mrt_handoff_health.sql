{#- Tier-2 handoff health: MQLs by the week and the month of their MQL date, channel, segment and definition (key and
    version); the channel cut of mrt_handoff_rates, which defines each rate (a test holds the two equal), with
    what sales did with them (int_mql_handoffs_joined, the rows of fct_mql_handoffs). Tier-2 reads as the health
    of the handoff, never as marketing's output. Rates are null when their base is 0; re-aggregate them from the counts, never by averaging. A period
    that contains a definition version's effective_from is flagged. -#}
with

int_mql_handoffs_joined as (

    select * from {{ ref('int_mql_handoffs_joined') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

mql_sql_health_band as (

    select * from {{ ref('mql_sql_health_band') }}

),

flagged as (

    select
        mql_date,
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
    from int_mql_handoffs_joined

),

in_periods as (

    {{ handoff.in_handoff_periods('flagged', 'mql_date') }}

),

aggregated as (

    select
        period_grain,
        period_start_date,
        period_end_date,
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
    group by period_grain, period_start_date, period_end_date, channel, segment, definition_key, definition_version

),

change_periods as (

    {{ handoff.definition_change_periods('aggregated', 'definition_versions') }}

),

final as (

    select
        cast(aggregated.period_grain as {{ dbt.type_string() }}) as period_grain,
        aggregated.period_start_date,
        aggregated.period_end_date,
        cast(aggregated.channel as {{ dbt.type_string() }}) as channel,
        cast(aggregated.segment as {{ dbt.type_string() }}) as segment,
        cast(aggregated.definition_key as {{ dbt.type_string() }}) as definition_key,
        aggregated.definition_version,
        change_periods.period_start_date is not null as is_definition_change_period,
        cast(aggregated.mql_count as {{ dbt.type_bigint() }}) as mql_count,
        cast(aggregated.hot_mql_count as {{ dbt.type_bigint() }}) as hot_mql_count,
        cast(aggregated.sql_count as {{ dbt.type_bigint() }}) as sql_count,
        {{ handoff.safe_divide('aggregated.sql_count', 'aggregated.mql_count') }} as mql_sql_rate,
        cast(
            {{ handoff.mql_sql_health_band(
                handoff.safe_divide('aggregated.sql_count', 'aggregated.mql_count'), 'mql_sql_health_band'
            ) }}
            as {{ dbt.type_string() }}
        ) as mql_sql_health_band,
        cast(aggregated.rejected_count as {{ dbt.type_bigint() }}) as rejected_count,
        cast(aggregated.unmapped_disposition_count as {{ dbt.type_bigint() }}) as unmapped_disposition_count,
        cast(aggregated.sla_open_count as {{ dbt.type_bigint() }}) as sla_open_count,
        cast(aggregated.mql_count - aggregated.sla_open_count as {{ dbt.type_bigint() }}) as sla_decided_count,
        cast(aggregated.touched_within_sla_count as {{ dbt.type_bigint() }}) as touched_within_sla_count,
        {{ handoff.safe_divide(
            'aggregated.touched_within_sla_count', 'aggregated.mql_count - aggregated.sla_open_count'
        ) }} as touched_within_sla_rate,
        cast(aggregated.meeting_count as {{ dbt.type_bigint() }}) as meeting_count,
        {{ handoff.safe_divide('aggregated.meeting_count', 'aggregated.mql_count') }} as meeting_rate,
        cast(aggregated.meeting_opportunity_count as {{ dbt.type_bigint() }}) as meeting_opportunity_count,
        {{ handoff.safe_divide('aggregated.meeting_opportunity_count', 'aggregated.meeting_count') }}
            as meeting_to_opportunity_rate,
        cast(aggregated.opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(aggregated.won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(aggregated.opportunity_amount as decimal(18, 2)) as opportunity_amount,
        cast(aggregated.won_amount as decimal(18, 2)) as won_amount
    from aggregated
    left join change_periods
        on
            aggregated.period_grain = change_periods.period_grain
            and aggregated.period_start_date = change_periods.period_start_date
    cross join mql_sql_health_band

)

select * from final
