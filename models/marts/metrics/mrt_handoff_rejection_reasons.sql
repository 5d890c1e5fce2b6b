{#- Tier-2: why sales turned MQLs down. One row per week or month of the MQL date, channel, segment, definition
    version and rejection reason code (lead statuses mapped through the lead_status_mapping seed; `unmapped` for a
    status the seed does not know, `unspecified` for a rejection without a reason), with the MQLs rejected for it
    and their share of that slice's rejections. -#}
with

int_mql_handoffs_joined as (

    select * from {{ ref('int_mql_handoffs_joined') }}

),

rejected as (

    select
        mql_date,
        mql_channel as channel,
        segment,
        definition_key,
        definition_version,
        rejection_reason_code
    from int_mql_handoffs_joined
    where sales_disposition in ('rejected', 'unmapped')

),

in_periods as (

    {{ handoff.in_handoff_periods('rejected', 'mql_date') }}

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
        rejection_reason_code,
        count(*) as rejected_mql_count
    from in_periods
    group by
        period_grain,
        period_start_date,
        period_end_date,
        channel,
        segment,
        definition_key,
        definition_version,
        rejection_reason_code

),

slice_totals as (

    select
        period_grain,
        period_start_date,
        channel,
        segment,
        definition_key,
        definition_version,
        sum(rejected_mql_count) as slice_rejected_mql_count
    from aggregated
    group by period_grain, period_start_date, channel, segment, definition_key, definition_version

),

final as (

    select
        cast(aggregated.period_grain as {{ dbt.type_string() }}) as period_grain,
        aggregated.period_start_date,
        aggregated.period_end_date,
        cast(aggregated.channel as {{ dbt.type_string() }}) as channel,
        cast(aggregated.segment as {{ dbt.type_string() }}) as segment,
        aggregated.definition_key,
        aggregated.definition_version,
        cast(aggregated.rejection_reason_code as {{ dbt.type_string() }}) as rejection_reason_code,
        cast(aggregated.rejected_mql_count as {{ dbt.type_bigint() }}) as rejected_mql_count,
        {{ handoff.safe_divide('aggregated.rejected_mql_count', 'slice_totals.slice_rejected_mql_count') }}
            as share_of_rejections
    from aggregated
    inner join slice_totals
        on
            aggregated.period_grain = slice_totals.period_grain
            and aggregated.period_start_date = slice_totals.period_start_date
            and aggregated.channel = slice_totals.channel
            and aggregated.segment = slice_totals.segment
            and aggregated.definition_key = slice_totals.definition_key

)

select * from final
