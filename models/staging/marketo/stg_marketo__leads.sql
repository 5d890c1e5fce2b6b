{% if var('handoff__using_marketo') %}

with

base_marketo__leads as (

    select * from {{ ref('base_marketo__leads') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('marketo_lead_id') }} as version_rank
    from base_marketo__leads
    where
        quarantine_reason is null
        and is_current_version

),

final as (

    select
        marketo_lead_id,
        email,
        first_name,
        last_name,
        sfdc_lead_id,
        sfdc_contact_id,
        sfdc_type,
        lead_source,
        recorded_mql_date,
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
