{% if var('handoff__using_marketo') %}

with

base_marketo__campaigns as (

    select * from {{ ref('base_marketo__campaigns') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('marketo_campaign_id') }} as version_rank
    from base_marketo__campaigns
    where
        quarantine_reason is null
        and is_current_version

),

final as (

    select
        marketo_campaign_id,
        campaign_name,
        campaign_type,
        marketo_program_id,
        is_active,
        created_at,
        updated_at,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
