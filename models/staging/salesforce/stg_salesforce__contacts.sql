with

base_salesforce__contacts as (

    select * from {{ ref('base_salesforce__contacts') }}

),

free_email_domains as (

    select * from {{ ref('free_email_domains') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('contact_id') }} as version_rank
    from base_salesforce__contacts
    where quarantine_reason is null and is_current_version

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__contact_pass_through_columns') }}
        contact_id,
        account_id,
        owner_user_id,
        email,
        email_domain,
        first_name,
        last_name,
        title,
        department,
        mailing_country,
        lead_source,
        created_at,
        recorded_mql_date,
        has_opted_out_of_email,
        is_account_missing,
        synced_at,
        coalesce(
            email_domain in (select free_email_domains.email_domain from free_email_domains), false
        ) as is_free_email_domain
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final
