{#- The counterfactual MQLs of each definition change: one row per change, person and scoring episode that would
    have become an MQL in the period after the change had the previous version stayed in force (the period of
    int_definition_changes_windowed, only for changes that are re-scored exactly: both versions share an intent
    rule set).

    How, re-scoring only the period after the change and never the whole chain: under a shared rule set the
    evaluated days, the daily intent scores and the episodes (recycling after a rejection or going cold does not
    depend on the definition's threshold) are the same under both versions, so int_person_scores_daily's rows of
    the period are re-judged with the previous version's fit score (int_person_fit_scored under that version),
    fit gate and threshold. The MQL rule is int_mqls_crossed's: one MQL per episode, on its first qualifying day.
    History before the change is real under both scenarios (the previous version was in force), so an episode
    that already produced an MQL before the change - an MQL still open when the definition changed - carries over
    in both and produces no second one here. This is what `handoff backtest` computes by rebuilding the project
    with the previous version in force from the change date. -#}
with

int_definition_changes_windowed as (

    select * from {{ ref('int_definition_changes_windowed') }}

),

int_person_scores_daily as (

    select * from {{ ref('int_person_scores_daily') }}

),

int_person_fit_scored as (

    select * from {{ ref('int_person_fit_scored') }}

),

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

changes as (

    select
        to_definition_version,
        from_definition_version,
        period_start_date,
        period_end_date,
        from_mql_threshold,
        from_fit_gate
    from int_definition_changes_windowed
    where is_rescored_exactly

),

period_scores as (

    select
        changes.to_definition_version,
        changes.from_definition_version,
        changes.period_start_date,
        changes.from_mql_threshold,
        changes.from_fit_gate,
        scores.person_id,
        scores.score_date,
        scores.episode_number,
        scores.intent_score
    from int_person_scores_daily as scores
    inner join changes
        on
            scores.score_date >= changes.period_start_date
            and scores.score_date <= changes.period_end_date
    where scores.intent_score >= changes.from_mql_threshold

),

requalified as (

    select
        period_scores.*,
        previous_fit.fit_score,
        row_number() over (
            partition by period_scores.to_definition_version, period_scores.person_id, period_scores.episode_number
            order by period_scores.score_date
        ) as qualifying_rank
    from period_scores
    inner join int_person_fit_scored as previous_fit
        on
            period_scores.person_id = previous_fit.person_id
            and period_scores.from_definition_version = previous_fit.definition_version
    where previous_fit.fit_score >= period_scores.from_fit_gate

),

crossings as (

    select * from requalified
    where qualifying_rank = 1

),

carried_over as (

    select
        crossings.to_definition_version,
        crossings.person_id,
        crossings.episode_number
    from crossings
    inner join int_mqls_crossed
        on
            crossings.person_id = int_mqls_crossed.person_id
            and crossings.episode_number = int_mqls_crossed.episode_number
            and crossings.period_start_date > int_mqls_crossed.mql_date

),

final as (

    select
        crossings.to_definition_version,
        crossings.from_definition_version,
        crossings.person_id,
        crossings.episode_number,
        crossings.score_date as mql_date,
        crossings.fit_score,
        crossings.intent_score,
        crossings.from_mql_threshold as mql_threshold,
        crossings.from_fit_gate as fit_gate
    from crossings
    left join carried_over
        on
            crossings.to_definition_version = carried_over.to_definition_version
            and crossings.person_id = carried_over.person_id
            and crossings.episode_number = carried_over.episode_number
    where carried_over.person_id is null

)

select * from final
