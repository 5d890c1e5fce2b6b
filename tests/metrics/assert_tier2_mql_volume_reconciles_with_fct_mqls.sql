{#- Tier-2 MQL volume reconciles with the MQLs it comes from: for each grain (week, month), period and definition
    version, the MQL and Hot MQL counts of mrt_handoff_health (summed over channels and segments) equal those
    counted straight from fct_mqls, and the MQL cohorts hold each version's MQLs once. Returns one row per
    mismatch. -#}
with

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

mrt_handoff_health as (

    select * from {{ ref('mrt_handoff_health') }}

),

mrt_mql_cohorts as (

    select * from {{ ref('mrt_mql_cohorts') }}

),

expected as (

    {%- for grain in handoff.handoff_period_grains() %}

    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, 'mql_date') }} as period_start_date,
        definition_key,
        count(*) as mql_count,
        sum(case when is_hot_mql then 1 else 0 end) as hot_mql_count
    from fct_mqls
    group by {{ handoff.period_start(grain, 'mql_date') }}, definition_key
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

from_health as (

    select
        period_grain,
        period_start_date,
        definition_key,
        sum(mql_count) as mql_count,
        sum(hot_mql_count) as hot_mql_count
    from mrt_handoff_health
    group by period_grain, period_start_date, definition_key

),

period_mismatches as (

    select
        coalesce(expected.period_grain, from_health.period_grain) as period_grain,
        coalesce(expected.period_start_date, from_health.period_start_date) as period_start_date,
        coalesce(expected.definition_key, from_health.definition_key) as definition_key,
        expected.mql_count as expected_mql_count,
        from_health.mql_count as mart_mql_count,
        expected.hot_mql_count as expected_hot_mql_count,
        from_health.hot_mql_count as mart_hot_mql_count
    from expected
    full outer join from_health
        on
            expected.period_grain = from_health.period_grain
            and expected.period_start_date = from_health.period_start_date
            and expected.definition_key = from_health.definition_key
    where
        expected.period_grain is null
        or from_health.period_grain is null
        or expected.mql_count <> from_health.mql_count
        or expected.hot_mql_count <> from_health.hot_mql_count

),

version_totals as (

    select
        definition_key,
        count(*) as mql_count
    from fct_mqls
    group by definition_key

),

cohort_totals as (

    select
        definition_key,
        sum(cohort_mql_count) as mql_count
    from mrt_mql_cohorts
    where age_weeks = 1
    group by definition_key

),

cohort_mismatches as (

    select
        'cohorts' as period_grain,
        cast(null as date) as period_start_date,
        coalesce(version_totals.definition_key, cohort_totals.definition_key) as definition_key,
        version_totals.mql_count as expected_mql_count,
        cohort_totals.mql_count as mart_mql_count,
        cast(null as {{ dbt.type_bigint() }}) as expected_hot_mql_count,
        cast(null as {{ dbt.type_bigint() }}) as mart_hot_mql_count
    from version_totals
    full outer join cohort_totals
        on version_totals.definition_key = cohort_totals.definition_key
    where
        version_totals.definition_key is null
        or cohort_totals.definition_key is null
        or version_totals.mql_count <> cohort_totals.mql_count

),

final as (

    select * from period_mismatches
    union all
    select * from cohort_mismatches

)

select * from final
