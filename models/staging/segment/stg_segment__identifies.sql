{{ config(**handoff.engagement_incremental_config('identify_id', var('handoff__using_segment'))) }}

{% if var('handoff__using_segment') %}

with

base_segment__identifies as (

    select * from {{ ref('base_segment__identifies') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('identify_id') }} as version_rank
    from base_segment__identifies
    where
        quarantine_reason is null
        and is_current_version
        and {{ handoff.engagement_lookback_filter() }}

),

final as (

    select
        identify_id,
        anonymous_id,
        user_id,
        email,
        email_domain,
        person_name,
        job_title,
        company_name,
        identified_at,
        received_at,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
