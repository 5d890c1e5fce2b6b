{% if var('handoff__using_hubspot_contacts') %}

with

base_hubspot__contacts as (

    select * from {{ ref('base_hubspot__contacts') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('hubspot_contact_id') }} as version_rank
    from base_hubspot__contacts
    where quarantine_reason is null and is_current_version

),

final as (

    select
        hubspot_contact_id,
        email,
        email_domain,
        first_name,
        last_name,
        job_title,
        company_name,
        created_at,
        merged_contact_ids,
        recorded_mql_date,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
