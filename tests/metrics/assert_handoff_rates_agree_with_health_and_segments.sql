{#- mrt_handoff_rates defines the tier-2 rates; mrt_handoff_health is its cut by channel. For each grain, period and
    definition, the counts behind every rate agree three ways: the rates' `All` row, the sum of its segment rows,
    and the sum of mrt_handoff_health over channels and segments. Returns one row per disagreement. -#}
with

mrt_handoff_rates as (

    select * from {{ ref('mrt_handoff_rates') }}

),

mrt_handoff_health as (

    select * from {{ ref('mrt_handoff_health') }}

),

all_segments as (

    select
        definition_key,
        period_grain,
        period_start_date,
        mql_count,
        sql_count,
        sla_decided_count,
        touched_within_sla_count,
        meeting_count,
        meeting_opportunity_count
    from mrt_handoff_rates
    where segment = 'All'

),

{%- set counts = [
    'mql_count', 'sql_count', 'sla_decided_count', 'touched_within_sla_count', 'meeting_count',
    'meeting_opportunity_count',
] %}

by_segment as (

    select
        definition_key,
        period_grain,
        period_start_date,
        sum(mql_count) as mql_count,
        sum(sql_count) as sql_count,
        sum(sla_decided_count) as sla_decided_count,
        sum(touched_within_sla_count) as touched_within_sla_count,
        sum(meeting_count) as meeting_count,
        sum(meeting_opportunity_count) as meeting_opportunity_count
    from mrt_handoff_rates
    where segment <> 'All'
    group by definition_key, period_grain, period_start_date

),

by_channel as (

    select
        definition_key,
        period_grain,
        period_start_date,
        sum(mql_count) as mql_count,
        sum(sql_count) as sql_count,
        sum(sla_decided_count) as sla_decided_count,
        sum(touched_within_sla_count) as touched_within_sla_count,
        sum(meeting_count) as meeting_count,
        sum(meeting_opportunity_count) as meeting_opportunity_count
    from mrt_handoff_health
    group by definition_key, period_grain, period_start_date

),

compared as (

    select
        coalesce(all_segments.definition_key, by_segment.definition_key, by_channel.definition_key)
            as definition_key,
        coalesce(all_segments.period_grain, by_segment.period_grain, by_channel.period_grain) as period_grain,
        coalesce(all_segments.period_start_date, by_segment.period_start_date, by_channel.period_start_date)
            as period_start_date,
        all_segments.mql_count as rates_mql_count,
        by_channel.mql_count as health_mql_count,
        case
            when all_segments.definition_key is null or by_segment.definition_key is null then 1
            when by_channel.definition_key is null then 1
            {%- for column in counts %}
            when all_segments.{{ column }} <> by_segment.{{ column }} then 1
            when all_segments.{{ column }} <> by_channel.{{ column }} then 1
            {%- endfor %}
            else 0
        end as is_mismatch
    from all_segments
    full outer join by_segment
        on
            all_segments.definition_key = by_segment.definition_key
            and all_segments.period_grain = by_segment.period_grain
            and all_segments.period_start_date = by_segment.period_start_date
    full outer join by_channel
        on
            coalesce(all_segments.definition_key, by_segment.definition_key) = by_channel.definition_key
            and coalesce(all_segments.period_grain, by_segment.period_grain) = by_channel.period_grain
            and coalesce(all_segments.period_start_date, by_segment.period_start_date) = by_channel.period_start_date

),

final as (

    select * from compared
    where is_mismatch = 1

)

select * from final
