{#- One row per MQL: the first day of a scoring episode on which the person qualifies (fit at or above the
    gate and intent at or above the threshold of the version in effect that day). One MQL per episode: an MQL
    stays open until the person is recycled (rejected by sales, or gone cold: no positive points for the
    version's recycle_after_days), and only then can the person become an MQL again, as a new MQL with the
    next mql_sequence. mql_id is a hash of the person and the MQL date. -#}
with

int_person_scores_daily as (

    select * from {{ ref('int_person_scores_daily') }}

),

int_person_score_days_sequenced as (

    select * from {{ ref('int_person_score_days_sequenced') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

qualifying_days as (

    select
        *,
        row_number() over (partition by person_id, episode_number order by score_date) as qualifying_rank
    from int_person_scores_daily
    where qualifies_as_mql

),

crossings as (

    select
        *,
        row_number() over (partition by person_id order by score_date) as mql_sequence
    from qualifying_days
    where qualifying_rank = 1

),

episodes as (

    select
        intent_rule_set_version,
        person_id,
        episode_number,
        min(score_date) as started_on,
        max(episode_start_reason) as start_reason,
        max(case when has_positive_points then score_date end) as last_positive_date
    from int_person_score_days_sequenced
    where person_id in (select crossings.person_id from crossings)
    group by intent_rule_set_version, person_id, episode_number

),

episode_states as (

    select
        crossings.person_id,
        crossings.score_date,
        this_episode.started_on,
        this_episode.start_reason,
        this_episode.last_positive_date,
        next_episode.started_on as next_started_on,
        next_episode.start_reason as next_start_reason,
        versions.recycle_after_days,
        this_episode.last_positive_date is not null
        and (
            next_episode.start_reason = 'gone_cold'
            or {{ handoff.days_between('this_episode.last_positive_date', handoff.scoring_as_of_date()) }}
            >= versions.recycle_after_days
        ) as has_gone_cold
    from crossings
    inner join episodes as this_episode
        on
            crossings.intent_rule_set_version = this_episode.intent_rule_set_version
            and crossings.person_id = this_episode.person_id
            and crossings.episode_number = this_episode.episode_number
    left join episodes as next_episode
        on
            this_episode.intent_rule_set_version = next_episode.intent_rule_set_version
            and this_episode.person_id = next_episode.person_id
            and this_episode.episode_number + 1 = next_episode.episode_number
    inner join int_definition_versions_resolved as versions
        on crossings.definition_version = versions.definition_version

),

recycled as (

    select
        person_id,
        score_date,
        started_on,
        start_reason,
        case
            when next_start_reason = 'rejected'
                then cast({{ dbt.dateadd('day', -1, 'next_started_on') }} as date)
            when has_gone_cold
                then cast({{ dbt.dateadd('day', 'recycle_after_days', 'last_positive_date') }} as date)
        end as recycled_on,
        case
            when next_start_reason = 'rejected' then 'rejected'
            when has_gone_cold then 'gone_cold'
        end as recycle_reason
    from episode_states

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'crossings.person_id', "'|'", 'cast(crossings.score_date as ' ~ dbt.type_string() ~ ')'
        ])) }} as mql_id,
        crossings.person_id,
        crossings.score_date as mql_date,
        cast(crossings.mql_sequence as {{ dbt.type_int() }}) as mql_sequence,
        crossings.definition_version,
        crossings.intent_rule_set_version,
        crossings.episode_number,
        recycled.started_on as episode_started_on,
        recycled.start_reason as episode_start_reason,
        crossings.fit_score,
        crossings.intent_score,
        crossings.mql_threshold,
        crossings.fit_gate,
        crossings.quadrant,
        crossings.recommended_action,
        case
            when recycled.recycled_on < crossings.score_date then crossings.score_date
            else recycled.recycled_on
        end as recycled_on,
        recycled.recycle_reason,
        recycled.recycled_on is null as is_open
    from crossings
    inner join recycled
        on
            crossings.person_id = recycled.person_id
            and crossings.score_date = recycled.score_date

)

select * from final
