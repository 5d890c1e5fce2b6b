{#- Tier-2: why sales turned MQLs down. One row per week or month of the MQL date, channel, segment, definition
    version and rejection reason code (lead statuses mapped through the lead_status_mapping seed; `unmapped` for a
    status the seed does not know, `unspecified` for a rejection without a reason), with the MQLs rejected for it
    and their share of that slice's rejections. -#}
with

fct_mql_handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}

),

rejected as (

    select
        mql_date,
        mql_channel as channel,
        segment,
        definition_key,
        definition_version,
        rejection_reason_code
    from fct_mql_handoffs
    where sales_disposition in ('rejected', 'unmapped')

),

in_periods as (

    {%- for grain in handoff.handoff_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'mql_date') }} as period_start_date,
        channel,
        segment,
        definition_key,
        definition_version,
        rejection_reason_code
    from rejected
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
        rejection_reason_code,
        count(*) as rejected_mql_count
    from in_periods
    group by
        period_grain, period_start_date, channel, segment, definition_key, definition_version, rejection_reason_code

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
        case
            {%- for grain in handoff.handoff_period_grains() %}
            when aggregated.period_grain = '{{ grain }}'
                then {{ handoff.handoff_period_end(grain, 'aggregated.period_start_date') }}
            {%- endfor %}
        end as period_end_date,
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
