{#- Each period with a pipeline or bookings target (int_pipeline_targets_resolved) beside the conversion measured
    before it: over a trailing window that ends the day before the period starts, or on the as-of date
    (handoff.scoring_as_of_date) for a period that has not started, of var handoff__backsolve_trailing_days (365)
    days.
    - avg_opportunity_amount: mean amount of the opportunities created in the window;
    - acv (average won amount) and win_rate (won / closed): opportunities closed in the window;
    - mql_to_opportunity_rate: of the MQLs of the cohort window - the trailing window moved back by the horizon
      (var handoff__mql_opportunity_horizon_days, 90), so that every MQL's horizon has closed by the window's
      end - the share that reached an opportunity (int_mql_outcomes_measured).
    mrt_mql_volume_required back-solves the MQLs needed from these. Averages are doubles on every engine, as the
    rates are (PostgreSQL's avg of a numeric carries a dozen decimals its unit test cannot expect). -#}

{%- set trailing_days = var('handoff__backsolve_trailing_days', 365) | int -%}
{%- set horizon_days = var('handoff__mql_opportunity_horizon_days', 90) | int %}

with

int_pipeline_targets_resolved as (

    select * from {{ ref('int_pipeline_targets_resolved') }}

),

int_mql_outcomes_measured as (

    select * from {{ ref('int_mql_outcomes_measured') }}

),

int_opportunities_enriched as (

    select * from {{ ref('int_opportunities_enriched') }}

),

targets as (

    select
        period_grain,
        period_start_date,
        period_end_date,
        pipeline_target_amount,
        bookings_target_amount
    from int_pipeline_targets_resolved
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

mql_rates as (

    select
        windows.period_grain,
        windows.period_start_date,
        count(int_mql_outcomes_measured.mql_id) as mql_cohort_count,
        coalesce(sum(int_mql_outcomes_measured.reached_opportunity), 0) as mqls_reaching_opportunity_count
    from windows
    left join int_mql_outcomes_measured
        on
            windows.mql_cohort_from_date <= int_mql_outcomes_measured.mql_date
            and windows.mql_cohort_to_date >= int_mql_outcomes_measured.mql_date
    group by windows.period_grain, windows.period_start_date

),

created as (

    select
        windows.period_grain,
        windows.period_start_date,
        count(int_opportunities_enriched.amount) as opportunities_created_count,
        avg(cast(int_opportunities_enriched.amount as {{ handoff.type_double() }})) as avg_opportunity_amount
    from windows
    left join int_opportunities_enriched
        on
            windows.measured_from_date <= int_opportunities_enriched.created_date
            and windows.measured_to_date >= int_opportunities_enriched.created_date
    group by windows.period_grain, windows.period_start_date

),

closed as (

    select
        windows.period_grain,
        windows.period_start_date,
        count(int_opportunities_enriched.opportunity_id) as closed_count,
        coalesce(sum(case when int_opportunities_enriched.is_won then 1 else 0 end), 0) as won_count,
        avg(
            case
                when int_opportunities_enriched.is_won
                    then cast(int_opportunities_enriched.amount as {{ handoff.type_double() }})
            end
        ) as acv
    from windows
    left join int_opportunities_enriched
        on
            int_opportunities_enriched.is_closed
            and windows.measured_from_date <= int_opportunities_enriched.close_date
            and windows.measured_to_date >= int_opportunities_enriched.close_date
    group by windows.period_grain, windows.period_start_date

),

final as (

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

)

select * from final
