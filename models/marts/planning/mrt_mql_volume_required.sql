{#- The MQL volume a period's targets need, back-solved from the conversion measured before it: one row per month
    and quarter with a pipeline or bookings target (int_pipeline_targets_measured, which says how each input is
    measured).
    MQLs needed: pipeline route = pipeline target / avg_opportunity_amount / mql_to_opportunity_rate; bookings
    route = bookings target / acv / win_rate / mql_to_opportunity_rate; each rounded up to a whole MQL (less a
    millionth first, so that floating-point noise on an exact quotient never adds one). A route is
    null, with the reason, when its target is missing or a measured input is unknown or zero. -#}

with

int_pipeline_targets_measured as (

    select * from {{ ref('int_pipeline_targets_measured') }}

),

reasons as (

    select
        *,
        case
            when pipeline_target_amount is null then 'no_pipeline_target'
            when opportunities_created_count = 0 then 'no_opportunities_created'
            when avg_opportunity_amount <= 0 then 'opportunity_amount_zero'
            when mql_cohort_count = 0 then 'no_mqls_measured'
            when mqls_reaching_opportunity_count = 0 then 'mql_to_opportunity_rate_zero'
        end as pipeline_route_null_reason,
        case
            when bookings_target_amount is null then 'no_bookings_target'
            when closed_count = 0 then 'no_closed_opportunities'
            when won_count = 0 then 'win_rate_zero'
            when acv <= 0 then 'acv_zero'
            when mql_cohort_count = 0 then 'no_mqls_measured'
            when mqls_reaching_opportunity_count = 0 then 'mql_to_opportunity_rate_zero'
        end as bookings_route_null_reason
    from int_pipeline_targets_measured

),

final as (

    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start_date,
        period_end_date,
        cast(pipeline_target_amount as decimal(18, 2)) as pipeline_target_amount,
        cast(bookings_target_amount as decimal(18, 2)) as bookings_target_amount,
        measured_from_date,
        measured_to_date,
        mql_cohort_from_date,
        mql_cohort_to_date,
        cast(opportunities_created_count as {{ dbt.type_bigint() }}) as opportunities_created_count,
        cast(avg_opportunity_amount as decimal(18, 2)) as avg_opportunity_amount,
        cast(closed_count as {{ dbt.type_bigint() }}) as closed_count,
        cast(won_count as {{ dbt.type_bigint() }}) as won_count,
        cast(acv as decimal(18, 2)) as acv,
        win_rate,
        cast(mql_cohort_count as {{ dbt.type_bigint() }}) as mql_cohort_count,
        cast(mqls_reaching_opportunity_count as {{ dbt.type_bigint() }}) as mqls_reaching_opportunity_count,
        mql_to_opportunity_rate,
        cast(
            case
                when pipeline_route_null_reason is null
                    then ceil(
                        cast(pipeline_target_amount as {{ handoff.type_double() }})
                        / cast(avg_opportunity_amount as {{ handoff.type_double() }})
                        / mql_to_opportunity_rate
                        - 0.000001
                    )
            end as {{ dbt.type_bigint() }}
        ) as mqls_required_for_pipeline,
        cast(pipeline_route_null_reason as {{ dbt.type_string() }}) as pipeline_route_null_reason,
        cast(
            case
                when bookings_route_null_reason is null
                    then ceil(
                        cast(bookings_target_amount as {{ handoff.type_double() }})
                        / cast(acv as {{ handoff.type_double() }})
                        / win_rate
                        / mql_to_opportunity_rate
                        - 0.000001
                    )
            end as {{ dbt.type_bigint() }}
        ) as mqls_required_for_bookings,
        cast(bookings_route_null_reason as {{ dbt.type_string() }}) as bookings_route_null_reason
    from reasons

)

select * from final
