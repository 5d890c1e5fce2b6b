{% if var('handoff__using_intent') %}

with

base_intent__topic_scores as (

    select * from {{ ref('base_intent__topic_scores') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('topic_score_id') }} as version_rank
    from base_intent__topic_scores
    where quarantine_reason is null and is_current_version

),

final as (

    select
        topic_score_id,
        account_domain,
        topic,
        week_start_date,
        surge_score,
        provider,
        loaded_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
