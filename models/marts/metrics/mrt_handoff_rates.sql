{#- The tier-2 rates, each defined here and nowhere else: one row per definition (definition_key), period (week
    starting Monday, month of the MQL date) and segment, plus an `All` segment row per definition and period.
    `handoff review`, `calibrate`, `backtest`, the nightly expectations and BI read the rates from this model;
    MetricFlow's ratio metrics divide the same counts of fct_mql_handoffs and a test holds them equal.
    - MQL->SQL (mql_sql_rate): SQLs / MQLs, as of the build (fct_mql_handoffs.is_sql), with its health band
      from the mql_sql_health_band seed.
    - mql_sql_rate_within_horizon: the review's horizon-bounded variant, SQLs reached within
      handoff__outcome_horizon_days of the MQL clock start / MQLs; is_horizon_complete says whether every MQL
      of the period has had its whole horizon by the as-of moment.
    - touched_within_sla_rate (open SLAs left out of the base), meeting_rate, meeting_to_opportunity_rate,
      mql_opportunity_rate, opportunity_win_rate.
    Rates are null when their base is 0; re-aggregate them from the counts, never by averaging. -#}
{%- set horizon_days = handoff.handoff_var('handoff__outcome_horizon_days') | int %}
with

int_mql_handoffs_joined as (

    select * from {{ ref('int_mql_handoffs_joined') }}

),

mql_sql_health_band as (

    select * from {{ ref('mql_sql_health_band') }}

),

flagged as (

    select
        definition_key,
        definition_version,
        segment,
        mql_date,
        case when is_sql then 1 else 0 end as is_sql_flag,
        case
            when is_sql and sql_at <= {{ dbt.dateadd('day', horizon_days, 'mql_at') }} then 1 else 0
        end as is_sql_within_horizon,
        case when is_sla_open then 1 else 0 end as is_open_sla,
        case when is_touched_within_sla then 1 else 0 end as is_in_sla,
        case when has_meeting then 1 else 0 end as is_met,
        case when has_meeting and has_opportunity then 1 else 0 end as is_met_to_opportunity,
        case when has_opportunity then 1 else 0 end as is_opportunity,
        case when is_opportunity_won then 1 else 0 end as is_won
    from int_mql_handoffs_joined

),

in_segments as (

    select * from flagged

    union all

    select
        definition_key,
        definition_version,
        'All' as segment,
        mql_date,
        is_sql_flag,
        is_sql_within_horizon,
        is_open_sla,
        is_in_sla,
        is_met,
        is_met_to_opportunity,
        is_opportunity,
        is_won
    from flagged

),

in_periods as (

    {{ handoff.in_handoff_periods('in_segments', 'mql_date') }}

),

aggregated as (

    select
        definition_key,
        period_grain,
        period_start_date,
        period_end_date,
        segment,
        max(definition_version) as definition_version,
        count(*) as mql_count,
        sum(is_sql_flag) as sql_count,
        sum(is_sql_within_horizon) as sql_within_horizon_count,
        sum(is_open_sla) as sla_open_count,
        sum(is_in_sla) as touched_within_sla_count,
        sum(is_met) as meeting_count,
        sum(is_met_to_opportunity) as meeting_opportunity_count,
        sum(is_opportunity) as opportunity_count,
        sum(is_won) as won_count
    from in_periods
    group by definition_key, period_grain, period_start_date, period_end_date, segment

),

with_rate as (

    select
        *,
        {{ handoff.safe_divide('sql_count', 'mql_count') }} as mql_sql_rate
    from aggregated

),

final as (

    select
        cast(with_rate.definition_key as {{ dbt.type_string() }}) as definition_key,
        with_rate.definition_version,
        cast(with_rate.period_grain as {{ dbt.type_string() }}) as period_grain,
        with_rate.period_start_date,
        with_rate.period_end_date,
        cast(with_rate.segment as {{ dbt.type_string() }}) as segment,
        cast(with_rate.mql_count as {{ dbt.type_bigint() }}) as mql_count,
        cast(with_rate.sql_count as {{ dbt.type_bigint() }}) as sql_count,
        with_rate.mql_sql_rate,
        cast(
            {{ handoff.mql_sql_health_band('with_rate.mql_sql_rate', 'mql_sql_health_band') }}
            as {{ dbt.type_string() }}
        ) as mql_sql_health_band,
        cast({{ horizon_days }} as {{ dbt.type_int() }}) as outcome_horizon_days,
        cast(with_rate.sql_within_horizon_count as {{ dbt.type_bigint() }}) as sql_within_horizon_count,
        {{ handoff.safe_divide('with_rate.sql_within_horizon_count', 'with_rate.mql_count') }}
            as mql_sql_rate_within_horizon,
        {{ dbt.dateadd('day', horizon_days + 1, 'with_rate.period_end_date') }}
        <= {{ handoff.handoff_as_of_at() }} as is_horizon_complete,
        cast(with_rate.sla_open_count as {{ dbt.type_bigint() }}) as sla_open_count,
        cast(with_rate.mql_count - with_rate.sla_open_count as {{ dbt.type_bigint() }}) as sla_decided_count,
        cast(with_rate.touched_within_sla_count as {{ dbt.type_bigint() }}) as touched_within_sla_count,
        {{ handoff.safe_divide(
            'with_rate.touched_within_sla_count', 'with_rate.mql_count - with_rate.sla_open_count'
        ) }} as touched_within_sla_rate,
        cast(with_rate.meeting_count as {{ dbt.type_bigint() }}) as meeting_count,
        {{ handoff.safe_divide('with_rate.meeting_count', 'with_rate.mql_count') }} as meeting_rate,
        cast(with_rate.meeting_opportunity_count as {{ dbt.type_bigint() }}) as meeting_opportunity_count,
        {{ handoff.safe_divide('with_rate.meeting_opportunity_count', 'with_rate.meeting_count') }}
            as meeting_to_opportunity_rate,
        cast(with_rate.opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        {{ handoff.safe_divide('with_rate.opportunity_count', 'with_rate.mql_count') }} as mql_opportunity_rate,
        cast(with_rate.won_count as {{ dbt.type_bigint() }}) as won_count,
        {{ handoff.safe_divide('with_rate.won_count', 'with_rate.opportunity_count') }} as opportunity_win_rate
    from with_rate
    cross join mql_sql_health_band

)

select * from final
