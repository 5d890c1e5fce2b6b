{#- Tier-2 MQL cohorts: for each month of MQL dates and definition version, the share of its MQLs that reached SQL,
    an opportunity and closed-won within N weeks of their MQL (N = 1 .. handoff__cohort_max_age_weeks). Only MQLs
    at least N weeks old at the as-of date are in the base of age N (observed_mql_count), so a young cohort is not
    read as a poor one; shares are null when no MQL of the cohort is that old yet. Reached within N weeks: SQL and
    opportunity at most 7N days after the MQL's clock start, closed-won when the won opportunity's close date is at
    most 7N days after the MQL date.
    Velocity, a property of the cohort (the same on each of its age rows): the median time between the handoff's
    stages over the cohort's MQLs that reached both ends (handoff.median, a dispatched percentile_cont) - MQL to
    first touch (hours), MQL to meeting, MQL to SQL, meeting to opportunity, MQL to opportunity, opportunity to
    closed-won (days); null when none did. -#}
with

int_mql_handoffs_joined as (

    select * from {{ ref('int_mql_handoffs_joined') }}

),

ages as (

    {%- for age in range(1, handoff.handoff_var('handoff__cohort_max_age_weeks') + 1) %}
    select {{ age }} as age_weeks{{ " union all" if not loop.last }}
    {%- endfor %}

),

mqls as (

    select
        {{ handoff.period_start('month', 'mql_date') }} as cohort_month,
        definition_key,
        definition_version,
        {{ handoff.days_between('mql_date', handoff.scoring_as_of_date()) }} as age_days,
        days_mql_to_sql,
        days_mql_to_opportunity,
        case
            when is_opportunity_won then {{ handoff.days_between('mql_date', 'opportunity_close_date') }}
        end as days_mql_to_won,
        hours_to_first_touch,
        days_mql_to_meeting,
        days_meeting_to_opportunity,
        days_opportunity_to_won
    from int_mql_handoffs_joined

),

cohort_sizes as (

    select
        cohort_month,
        definition_key,
        definition_version,
        count(*) as cohort_mql_count,
        {{ handoff.median('hours_to_first_touch') }} as median_hours_to_first_touch,
        {{ handoff.median('days_mql_to_meeting') }} as median_days_mql_to_meeting,
        {{ handoff.median('days_mql_to_sql') }} as median_days_mql_to_sql,
        {{ handoff.median('days_meeting_to_opportunity') }} as median_days_meeting_to_opportunity,
        {{ handoff.median('days_mql_to_opportunity') }} as median_days_mql_to_opportunity,
        {{ handoff.median('days_opportunity_to_won') }} as median_days_opportunity_to_won
    from mqls
    group by cohort_month, definition_key, definition_version

),

by_age as (

    select
        mqls.cohort_month,
        mqls.definition_key,
        mqls.definition_version,
        ages.age_weeks,
        sum(case when mqls.age_days >= 7 * ages.age_weeks then 1 else 0 end) as observed_mql_count,
        sum(
            case
                when mqls.age_days >= 7 * ages.age_weeks and mqls.days_mql_to_sql <= 7 * ages.age_weeks then 1
                else 0
            end
        ) as reached_sql_count,
        sum(
            case
                when mqls.age_days >= 7 * ages.age_weeks and mqls.days_mql_to_opportunity <= 7 * ages.age_weeks then 1
                else 0
            end
        ) as reached_opportunity_count,
        sum(
            case
                when mqls.age_days >= 7 * ages.age_weeks and mqls.days_mql_to_won <= 7 * ages.age_weeks then 1
                else 0
            end
        ) as reached_won_count
    from mqls
    cross join ages
    group by mqls.cohort_month, mqls.definition_key, mqls.definition_version, ages.age_weeks

),

final as (

    select
        by_age.cohort_month,
        by_age.definition_key,
        by_age.definition_version,
        cast(by_age.age_weeks as {{ dbt.type_int() }}) as age_weeks,
        cast(cohort_sizes.cohort_mql_count as {{ dbt.type_bigint() }}) as cohort_mql_count,
        cast(by_age.observed_mql_count as {{ dbt.type_bigint() }}) as observed_mql_count,
        cast(by_age.reached_sql_count as {{ dbt.type_bigint() }}) as reached_sql_count,
        cast(by_age.reached_opportunity_count as {{ dbt.type_bigint() }}) as reached_opportunity_count,
        cast(by_age.reached_won_count as {{ dbt.type_bigint() }}) as reached_won_count,
        {{ handoff.safe_divide('by_age.reached_sql_count', 'by_age.observed_mql_count') }} as sql_share,
        {{ handoff.safe_divide('by_age.reached_opportunity_count', 'by_age.observed_mql_count') }} as opportunity_share,
        {{ handoff.safe_divide('by_age.reached_won_count', 'by_age.observed_mql_count') }} as won_share,
        cohort_sizes.median_hours_to_first_touch,
        cohort_sizes.median_days_mql_to_meeting,
        cohort_sizes.median_days_mql_to_sql,
        cohort_sizes.median_days_meeting_to_opportunity,
        cohort_sizes.median_days_mql_to_opportunity,
        cohort_sizes.median_days_opportunity_to_won
    from by_age
    inner join cohort_sizes
        on
            by_age.cohort_month = cohort_sizes.cohort_month
            and by_age.definition_key = cohort_sizes.definition_key

)

select * from final
