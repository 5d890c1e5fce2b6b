{% if var('handoff__using_marketo') %}

with

base_marketo__programs as (

    select * from {{ ref('base_marketo__programs') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('marketo_program_id') }} as version_rank
    from base_marketo__programs
    where
        quarantine_reason is null
        and is_current_version

),

final as (

    select
        marketo_program_id,
        program_name,
        program_channel,
        program_type,
        salesforce_campaign_id,
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
