with

base_salesforce__accounts as (

    select * from {{ ref('base_salesforce__accounts') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('account_id') }} as version_rank
    from base_salesforce__accounts
    where quarantine_reason is null and is_current_version

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__account_pass_through_columns') }}
        account_id,
        parent_account_id,
        owner_user_id,
        account_name,
        website,
        website_domain,
        industry,
        employee_count,
        annual_revenue,
        billing_country,
        billing_country_code,
        account_type,
        synced_at,
        account_type = 'Customer' as is_customer
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final
