{#- One row per MQA (marketing-qualified account). Under the definition version in effect on a day, an account
    qualifies when, within the version's mqa_window_days up to and including that day, at least
    mqa_min_engaged_people of its people were engaged (int_account_person_days_engaged) and they cover at least
    mqa_min_roles of the four buying-committee roles, and its account fit (int_account_fit_scored, under the same
    version) is at or above mqa_account_fit_gate. One very active person is never enough: people are counted
    once however active, and roles only through different people's titles.

    How, without an account x calendar grid: an engaged day e keeps a person (and their role) in the window from
    e to e + window - 1. Each person's and each role's engaged days merge into coverage spans (a new span when
    two engaged days are more than a window apart), every span adds +1 on its first day and -1 the day after it
    ends, and a running sum over those change days gives, per account, the engaged people and roles covered on
    every day until the next change. Each effective version's first day is a change day too, so the version
    (and its window, thresholds and fit gate) is constant within each state.

    The MQA is the first qualifying day. It stays open while the account qualifies; after it stops qualifying, a
    requalification counts as a new MQA (next mqa_sequence) only once the account has been below the bar for at
    least the version's window (a shorter dip is the same buying cycle). States are read up to the as-of date
    (handoff.scoring_as_of_date); is_open means the account qualifies on it. mqa_id hashes the account and
    the MQA date.
    Why one model of ~350 lines: the coverage sweep and the MQA episodes are one rule, pinned end to end from
    engaged days by its unit tests (people counted once, short and long dips, the version in effect that day);
    each CTE is one step of it. -#}
with

int_account_person_days_engaged as (

    select * from {{ ref('int_account_person_days_engaged') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

int_account_fit_scored as (

    select * from {{ ref('int_account_fit_scored') }}

),

versions as (

    select
        definition_version,
        is_effective,
        effective_from,
        effective_to,
        mqa_min_engaged_people,
        mqa_min_roles,
        mqa_window_days,
        mqa_account_fit_gate
    from int_definition_versions_resolved
    where
        is_effective
        and mqa_window_days is not null

),

window_lengths as (

    select distinct mqa_window_days as window_days
    from versions

),

members as (

    select distinct
        account_id,
        'person' as member_kind,
        person_id as member_id,
        engaged_date
    from int_account_person_days_engaged

    union all

    select distinct
        account_id,
        'role' as member_kind,
        buying_committee_role as member_id,
        engaged_date
    from int_account_person_days_engaged
    where buying_committee_role <> 'unassigned'

),

member_days as (

    select
        window_lengths.window_days,
        members.account_id,
        members.member_kind,
        members.member_id,
        members.engaged_date,
        lag(members.engaged_date) over (
            partition by window_lengths.window_days, members.account_id, members.member_kind, members.member_id
            order by members.engaged_date
        ) as previous_engaged_date
    from members
    cross join window_lengths

),

member_islands as (

    select
        *,
        sum(
            case
                when previous_engaged_date is null then 1
                when {{ handoff.days_between('previous_engaged_date', 'engaged_date') }} > window_days then 1
                else 0
            end
        ) over (
            partition by window_days, account_id, member_kind, member_id
            order by engaged_date
            rows between unbounded preceding and current row
        ) as island_number
    from member_days

),

coverage_spans as (

    select
        window_days,
        account_id,
        member_kind,
        member_id,
        min(engaged_date) as covered_from,
        cast({{ dbt.dateadd('day', 'window_days', 'max(engaged_date)') }} as date) as covered_until
    from member_islands
    group by window_days, account_id, member_kind, member_id, island_number

),

engaged_accounts as (

    select distinct account_id
    from int_account_person_days_engaged

),

coverage_changes as (

    select
        window_days,
        account_id,
        covered_from as change_date,
        case when member_kind = 'person' then 1 else 0 end as people_delta,
        case when member_kind = 'role' then 1 else 0 end as roles_delta
    from coverage_spans

    union all

    select
        window_days,
        account_id,
        covered_until as change_date,
        case when member_kind = 'person' then -1 else 0 end as people_delta,
        case when member_kind = 'role' then -1 else 0 end as roles_delta
    from coverage_spans

    union all

    select
        versions.mqa_window_days as window_days,
        engaged_accounts.account_id,
        versions.effective_from as change_date,
        0 as people_delta,
        0 as roles_delta
    from engaged_accounts
    cross join versions

),

change_days as (

    select
        window_days,
        account_id,
        change_date,
        sum(people_delta) as people_delta,
        sum(roles_delta) as roles_delta
    from coverage_changes
    group by window_days, account_id, change_date

),

states as (

    select
        window_days,
        account_id,
        change_date as state_from,
        lead(change_date) over (partition by window_days, account_id order by change_date) as next_change_date,
        sum(people_delta) over (
            partition by window_days, account_id
            order by change_date
            rows between unbounded preceding and current row
        ) as engaged_people,
        sum(roles_delta) over (
            partition by window_days, account_id
            order by change_date
            rows between unbounded preceding and current row
        ) as roles_covered
    from change_days

),

versioned_states as (

    select
        states.account_id,
        states.state_from,
        states.engaged_people,
        states.roles_covered,
        versions.definition_version,
        versions.mqa_min_engaged_people,
        versions.mqa_min_roles,
        versions.mqa_window_days,
        versions.mqa_account_fit_gate,
        int_account_fit_scored.account_fit_score,
        int_account_fit_scored.meets_account_fit_gate,
        case
            when
                versions.effective_to is not null
                and (states.next_change_date is null or versions.effective_to < states.next_change_date)
                then versions.effective_to
            else states.next_change_date
        end as state_to
    from states
    inner join versions
        on
            states.window_days = versions.mqa_window_days
            and {{ handoff.is_in_force_on('states.state_from', 'versions') }}
    inner join int_account_fit_scored
        on
            states.account_id = int_account_fit_scored.account_id
            and versions.definition_version = int_account_fit_scored.definition_version
    where states.state_from <= {{ handoff.scoring_as_of_date() }}

),

qualifying_states as (

    select
        account_id,
        state_from,
        case when state_to <= {{ handoff.scoring_as_of_date() }} then state_to end as state_to,
        engaged_people,
        roles_covered,
        definition_version,
        mqa_min_engaged_people,
        mqa_min_roles,
        mqa_window_days,
        mqa_account_fit_gate,
        account_fit_score,
        lag(state_to) over (partition by account_id order by state_from) as previous_state_to
    from versioned_states
    where
        engaged_people >= mqa_min_engaged_people
        and roles_covered >= mqa_min_roles
        and meets_account_fit_gate

),

grouped_states as (

    select
        *,
        sum(
            case
                when previous_state_to is null then 1
                when {{ handoff.days_between('previous_state_to', 'state_from') }} >= mqa_window_days then 1
                else 0
            end
        ) over (
            partition by account_id
            order by state_from
            rows between unbounded preceding and current row
        ) as mqa_sequence
    from qualifying_states

),

ordered_states as (

    select
        *,
        row_number() over (partition by account_id, mqa_sequence order by state_from asc) as first_rank,
        row_number() over (partition by account_id, mqa_sequence order by state_from desc) as last_rank,
        max(engaged_people) over (partition by account_id, mqa_sequence) as peak_engaged_people,
        max(roles_covered) over (partition by account_id, mqa_sequence) as peak_roles_covered
    from grouped_states

),

first_states as (

    select *
    from ordered_states
    where first_rank = 1

),

last_states as (

    select
        account_id,
        mqa_sequence,
        state_to as lapsed_on
    from ordered_states
    where last_rank = 1

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'first_states.account_id', "'|'", 'cast(first_states.state_from as ' ~ dbt.type_string() ~ ')'
        ])) }} as mqa_id,
        first_states.account_id,
        first_states.state_from as mqa_date,
        cast(first_states.mqa_sequence as {{ dbt.type_int() }}) as mqa_sequence,
        first_states.definition_version,
        first_states.mqa_min_engaged_people,
        first_states.mqa_min_roles,
        first_states.mqa_window_days,
        first_states.mqa_account_fit_gate,
        cast(first_states.engaged_people as {{ dbt.type_int() }}) as engaged_people,
        cast(first_states.roles_covered as {{ dbt.type_int() }}) as roles_covered,
        first_states.account_fit_score,
        cast(first_states.peak_engaged_people as {{ dbt.type_int() }}) as peak_engaged_people,
        cast(first_states.peak_roles_covered as {{ dbt.type_int() }}) as peak_roles_covered,
        last_states.lapsed_on,
        last_states.lapsed_on is null as is_open
    from first_states
    inner join last_states
        on
            first_states.account_id = last_states.account_id
            and first_states.mqa_sequence = last_states.mqa_sequence

)

select * from final
