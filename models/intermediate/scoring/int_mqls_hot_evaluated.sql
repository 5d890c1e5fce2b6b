{#- One row per MQL: is it a Hot MQL? Sustained intent, not one burst: within the version's window (the
    hot_window_days up to and including the MQL date, inside the MQL's episode) the person's positive signals
    must span at least hot_min_signal_types distinct signal types, across at least hot_min_channels channels,
    active in at least hot_min_active_weeks distinct weeks (7-day blocks counted back from the MQL date). -#}
with

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_person_daily_points as (

    select * from {{ ref('int_person_daily_points') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

window_points as (

    select
        int_mqls_crossed.mql_id,
        int_person_daily_points.signal_type,
        int_person_daily_points.channel,
        floor(
            cast(
                {{ handoff.days_between('int_person_daily_points.activity_date', 'int_mqls_crossed.mql_date') }}
                as {{ handoff.type_double() }}
            ) / 7
        ) as weeks_before_mql
    from int_mqls_crossed
    inner join int_definition_versions_resolved as versions
        on int_mqls_crossed.definition_version = versions.definition_version
    inner join int_person_daily_points
        on
            int_mqls_crossed.intent_rule_set_version = int_person_daily_points.intent_rule_set_version
            and int_mqls_crossed.person_id = int_person_daily_points.person_id
            and int_mqls_crossed.mql_date >= int_person_daily_points.activity_date
            and int_mqls_crossed.episode_started_on <= int_person_daily_points.activity_date
            and {{ handoff.days_between('int_person_daily_points.activity_date', 'int_mqls_crossed.mql_date') }}
            < versions.hot_window_days
    where int_person_daily_points.daily_points > 0

),

breadth as (

    select
        mql_id,
        count(distinct signal_type) as signal_type_count,
        count(distinct channel) as channel_count,
        count(distinct weeks_before_mql) as active_week_count
    from window_points
    group by mql_id

),

final as (

    select
        int_mqls_crossed.mql_id,
        cast(coalesce(breadth.signal_type_count, 0) as {{ dbt.type_int() }}) as hot_signal_type_count,
        cast(coalesce(breadth.channel_count, 0) as {{ dbt.type_int() }}) as hot_channel_count,
        cast(coalesce(breadth.active_week_count, 0) as {{ dbt.type_int() }}) as hot_active_week_count,
        versions.hot_min_signal_types,
        versions.hot_min_channels,
        versions.hot_min_active_weeks,
        versions.hot_window_days,
        coalesce(
            breadth.signal_type_count >= versions.hot_min_signal_types
            and breadth.channel_count >= versions.hot_min_channels
            and breadth.active_week_count >= versions.hot_min_active_weeks,
            false
        ) as is_hot_mql
    from int_mqls_crossed
    inner join int_definition_versions_resolved as versions
        on int_mqls_crossed.definition_version = versions.definition_version
    left join breadth
        on int_mqls_crossed.mql_id = breadth.mql_id

)

select * from final
