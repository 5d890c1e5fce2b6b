{#- Every MQA meets its version's bar, recomputed from the engaged days and the definition seed itself (not from
    the copies fct_mqas carries, nor through the coverage sweep int_mqas_crossed uses):
    - its version is the one in effect on the MQA date;
    - within the version's mqa_window_days up to the MQA date, at least mqa_min_engaged_people distinct people
      were engaged, covering at least mqa_min_roles buying-committee roles, and fct_mqas reports exactly those
      counts;
    - account fit under the version is at or above mqa_account_fit_gate, and matches fct_mqas;
    - the day before the MQA date the account did not qualify under the version in effect that day (the MQA is
      the first qualifying day).
    Returns the MQAs that break any of these. -#}
with

fct_mqas as (

    select * from {{ ref('fct_mqas') }}

),

engaged as (

    select * from {{ ref('int_account_person_days_engaged') }}

),

int_account_fit_scored as (

    select * from {{ ref('int_account_fit_scored') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

in_effect as (

    select
        definition_version,
        effective_from,
        lead(effective_from) over (order by effective_from) as effective_to
    from definition_versions
    where status = 'effective'

),

check_days as (

    select
        mqa_id,
        account_id,
        'mqa_date' as check_kind,
        mqa_date as check_date
    from fct_mqas

    union all

    select
        mqa_id,
        account_id,
        'day_before' as check_kind,
        cast({{ dbt.dateadd('day', -1, 'mqa_date') }} as date) as check_date
    from fct_mqas

),

check_versions as (

    select
        check_days.*,
        in_effect.definition_version,
        definition_versions.mqa_min_engaged_people,
        definition_versions.mqa_min_roles,
        definition_versions.mqa_window_days,
        definition_versions.mqa_account_fit_gate
    from check_days
    left join in_effect
        on
            check_days.check_date >= in_effect.effective_from
            and (in_effect.effective_to is null or check_days.check_date < in_effect.effective_to)
    left join definition_versions
        on in_effect.definition_version = definition_versions.definition_version

),

window_counts as (

    select
        check_versions.mqa_id,
        check_versions.check_kind,
        count(distinct engaged.person_id) as engaged_people,
        count(distinct case when engaged.buying_committee_role <> 'unassigned' then engaged.buying_committee_role end)
            as roles_covered
    from check_versions
    inner join engaged
        on
            check_versions.account_id = engaged.account_id
            and check_versions.check_date >= engaged.engaged_date
            and cast({{ dbt.dateadd('day', '-check_versions.mqa_window_days', 'check_versions.check_date') }} as date)
            < engaged.engaged_date
    group by check_versions.mqa_id, check_versions.check_kind

),

evaluated as (

    select
        check_versions.*,
        fit.account_fit_score as recomputed_account_fit_score,
        coalesce(window_counts.engaged_people, 0) as recomputed_engaged_people,
        coalesce(window_counts.roles_covered, 0) as recomputed_roles_covered,
        coalesce(
            coalesce(window_counts.engaged_people, 0) >= check_versions.mqa_min_engaged_people
            and coalesce(window_counts.roles_covered, 0) >= check_versions.mqa_min_roles
            and fit.account_fit_exclusion is null
            and fit.account_fit_score >= check_versions.mqa_account_fit_gate,
            false
        ) as qualifies
    from check_versions
    left join window_counts
        on
            check_versions.mqa_id = window_counts.mqa_id
            and check_versions.check_kind = window_counts.check_kind
    left join int_account_fit_scored as fit
        on
            check_versions.account_id = fit.account_id
            and check_versions.definition_version = fit.definition_version

)

select
    fct_mqas.mqa_id,
    fct_mqas.account_id,
    fct_mqas.mqa_date,
    fct_mqas.definition_version,
    on_date.definition_version as version_in_effect,
    fct_mqas.engaged_people,
    on_date.recomputed_engaged_people,
    fct_mqas.roles_covered,
    on_date.recomputed_roles_covered,
    fct_mqas.account_fit_score,
    on_date.recomputed_account_fit_score,
    on_date.qualifies as qualifies_on_mqa_date,
    day_before.qualifies as qualifies_day_before
from fct_mqas
inner join evaluated as on_date
    on fct_mqas.mqa_id = on_date.mqa_id and on_date.check_kind = 'mqa_date'
inner join evaluated as day_before
    on fct_mqas.mqa_id = day_before.mqa_id and day_before.check_kind = 'day_before'
where
    on_date.definition_version is null
    or fct_mqas.definition_version <> on_date.definition_version
    or not on_date.qualifies
    or fct_mqas.engaged_people <> on_date.recomputed_engaged_people
    or fct_mqas.roles_covered <> on_date.recomputed_roles_covered
    or fct_mqas.account_fit_score <> on_date.recomputed_account_fit_score
    or day_before.qualifies
