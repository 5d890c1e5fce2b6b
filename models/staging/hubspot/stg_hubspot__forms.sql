{% if var('handoff__using_hubspot_forms') %}

with

base_hubspot__forms as (

    select * from {{ ref('base_hubspot__forms') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('form_id') }} as version_rank
    from base_hubspot__forms
    where quarantine_reason is null and is_current_version

),

final as (

    select
        form_id,
        form_name,
        form_type,
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
