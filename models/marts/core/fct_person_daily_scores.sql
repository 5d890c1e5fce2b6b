{#- A person's scores on each day they were evaluated (days with points, the first day of a new version) when
    their intent is not zero (int_person_scores_daily keeps only those). Between two rows a person's intent only
    decays, so a threshold is never crossed between them; dim_persons shows intent decayed to the as-of date. -#}
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

)

select * from final
