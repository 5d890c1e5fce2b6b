with

base_salesforce__leads as (

    select * from {{ ref('base_salesforce__leads') }}

),

free_email_domains as (

    select * from {{ ref('free_email_domains') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('lead_id') }} as version_rank
    from base_salesforce__leads
    where quarantine_reason is null and is_current_version

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__lead_pass_through_columns') }}
        lead_id,
        owner_user_id,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        email,
        email_domain,
        first_name,
        last_name,
        title,
        company_name,
        website,
        website_domain,
        industry,
        employee_count,
        annual_revenue,
        country,
        lead_source,
        lead_status,
        is_converted,
        converted_date,
        created_at,
        recorded_mql_date,
        has_opted_out_of_email,
        synced_at,
        coalesce(
            email_domain in (select free_email_domains.email_domain from free_email_domains), false
        ) as is_free_email_domain
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final
