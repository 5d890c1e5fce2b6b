{#- A person's scores on each day they were evaluated (days with points, the first day of a new version, the
    day after a rejection) when their intent is not zero: the scores can be read back for any past date from
    the latest row on or before it (intent decays between rows). -#}
with

int_person_scores_daily as (

    select * from {{ ref('int_person_scores_daily') }}

),

final as (

    select
        {{ dbt.hash(dbt.concat(['person_id', "'|'", 'cast(score_date as ' ~ dbt.type_string() ~ ')'])) }}
            as person_score_id,
        person_id,
        score_date,
        definition_version,
        episode_number,
        is_active_day,
        fit_score,
        fit_exclusion,
        intent_score,
        points_today,
        scored_signal_count,
        meets_fit_gate,
        meets_mql_threshold,
        qualifies_as_mql,
        quadrant,
        recommended_action
    from int_person_scores_daily
    where intent_score <> 0

)

select * from final
