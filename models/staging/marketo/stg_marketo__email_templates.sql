{% if var('handoff__using_marketo') %}

with

base_marketo__email_templates as (

    select * from {{ ref('base_marketo__email_templates') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('email_template_version_id') }} as version_rank
    from base_marketo__email_templates
    where
        quarantine_reason is null
        and is_current_version

),

final as (

    select
        email_template_version_id,
        email_template_id,
        email_template_version,
        email_template_name,
        email_subject,
        marketo_program_id,
        email_template_status,
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
