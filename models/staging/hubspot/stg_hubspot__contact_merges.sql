{% if var('handoff__using_hubspot_contacts') %}

with

base_hubspot__contact_merges as (

    select * from {{ ref('base_hubspot__contact_merges') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('merged_hubspot_contact_id') }} as version_rank
    from base_hubspot__contact_merges
    where quarantine_reason is null and is_current_version

),

final as (

    select
        merged_hubspot_contact_id,
        canonical_hubspot_contact_id,
        merged_at,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
