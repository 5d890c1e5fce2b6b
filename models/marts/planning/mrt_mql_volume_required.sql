{#- The MQL volume a period's targets need, back-solved from measured conversion: one row per month and quarter
    with a pipeline or bookings target (targets resolved as in mrt_pipeline_attainment).

    Measured inputs, over a trailing window that ends the day before the period starts, or on the as-of date
    (handoff.scoring_as_of_date) for a period that has not started: var handoff__backsolve_trailing_days (365) days.
    - avg_opportunity_amount: mean amount of the opportunities created in the window;
    - acv (average won amount) and win_rate (won / closed): opportunities closed in the window;
    - mql_to_opportunity_rate: of the MQLs of the cohort window - the trailing window moved back by the horizon
      (var handoff__mql_opportunity_horizon_days, 90), so that every MQL's horizon has closed by the window's
      end - the share whose account (fct_mqls.account_id, from int_persons_matched_to_accounts) had an opportunity created within the
      horizon from the MQL day. This is the same outcome rule as the Python commands (handoff.outcomes).
    MQLs needed: pipeline route = pipeline target / avg_opportunity_amount / mql_to_opportunity_rate; bookings
    route = bookings target / acv / win_rate / mql_to_opportunity_rate; each rounded up to a whole MQL (less a
    millionth first, so that floating-point noise on an exact quotient never adds one). A route is
    null, with the reason, when its target is missing or a measured input is unknown or zero. -#}

{%- set trailing_days = var('handoff__backsolve_trailing_days', 365) | int -%}
{%- set horizon_days = var('handoff__mql_opportunity_horizon_days', 90) | int %}

with

mrt_pipeline_attainment as (

    select * from {{ ref('mrt_pipeline_attainment') }}

),

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

targets as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        pipeline_target_amount,
        bookings_target_amount
    from mrt_pipeline_attainment
    where pipeline_target_amount is not null or bookings_target_amount is not null

),

measured_to as (

    select
        *,
        case
            when period_start_date <= {{ handoff.scoring_as_of_date() }}
                then cast({{ dbt.dateadd('day', -1, 'period_start_date') }} as date)
            else {{ handoff.scoring_as_of_date() }}
        end as measured_to_date
    from targets

),

windows as (

    select
        *,
        cast({{ dbt.dateadd('day', 1 - trailing_days, 'measured_to_date') }} as date) as measured_from_date,
        cast({{ dbt.dateadd('day', 1 - trailing_days - horizon_days, 'measured_to_date') }} as date)
            as mql_cohort_from_date,
        cast({{ dbt.dateadd('day', -horizon_days, 'measured_to_date') }} as date) as mql_cohort_to_date
    from measured_to

),

mql_outcomes as (

    select
        fct_mqls.mql_id,
        fct_mqls.mql_date,
        max(case when fct_opportunities.opportunity_id is not null then 1 else 0 end) as reached_opportunity
    from fct_mqls
    left join fct_opportunities
        on
            fct_mqls.account_id = fct_opportunities.account_id
            and fct_mqls.mql_date <= fct_opportunities.created_date
            and cast({{ dbt.dateadd('day', horizon_days, 'fct_mqls.mql_date') }} as date)
            >= fct_opportunities.created_date
    -- Handoff's own MQLs: an external definition's (crm) would count the same people twice
    where fct_mqls.definition_version is not null
    group by fct_mqls.mql_id, fct_mqls.mql_date

),

mql_rates as (

    select
        windows.period_grain,
        windows.period_start_date,
        count(mql_outcomes.mql_id) as mql_cohort_count,
        coalesce(sum(mql_outcomes.reached_opportunity), 0) as mqls_reaching_opportunity_count
    from windows
    left join mql_outcomes
        on
            windows.mql_cohort_from_date <= mql_outcomes.mql_date
            and windows.mql_cohort_to_date >= mql_outcomes.mql_date
    group by windows.period_grain, windows.period_start_date

),

created as (

    select
        windows.period_grain,
        windows.period_start_date,
        count(fct_opportunities.amount) as opportunities_created_count,
        avg(fct_opportunities.amount) as avg_opportunity_amount
    from windows
    left join fct_opportunities
        on
            windows.measured_from_date <= fct_opportunities.created_date
            and windows.measured_to_date >= fct_opportunities.created_date
    group by windows.period_grain, windows.period_start_date

),

closed as (

    select
        windows.period_grain,
        windows.period_start_date,
        count(fct_opportunities.opportunity_id) as closed_count,
        coalesce(sum(case when fct_opportunities.is_won then 1 else 0 end), 0) as won_count,
        avg(case when fct_opportunities.is_won then fct_opportunities.amount end) as acv
    from windows
    left join fct_opportunities
        on
            fct_opportunities.is_closed
            and windows.measured_from_date <= fct_opportunities.close_date
            and windows.measured_to_date >= fct_opportunities.close_date
    group by windows.period_grain, windows.period_start_date

),

measured as (

    select
        windows.period_grain,
        windows.period_start_date,
        windows.period_end_date,
        windows.pipeline_target_amount,
        windows.bookings_target_amount,
        windows.measured_from_date,
        windows.measured_to_date,
        windows.mql_cohort_from_date,
        windows.mql_cohort_to_date,
        created.opportunities_created_count,
        created.avg_opportunity_amount,
        closed.closed_count,
        closed.won_count,
        closed.acv,
        {{ handoff.safe_divide('closed.won_count', 'closed.closed_count') }} as win_rate,
        mql_rates.mql_cohort_count,
        mql_rates.mqls_reaching_opportunity_count,
        {{ handoff.safe_divide('mql_rates.mqls_reaching_opportunity_count', 'mql_rates.mql_cohort_count') }}
            as mql_to_opportunity_rate
    from windows
    inner join created
        on
            windows.period_grain = created.period_grain
            and windows.period_start_date = created.period_start_date
    inner join closed
        on
            windows.period_grain = closed.period_grain
            and windows.period_start_date = closed.period_start_date
    inner join mql_rates
        on
            windows.period_grain = mql_rates.period_grain
            and windows.period_start_date = mql_rates.period_start_date

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
    from measured

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
