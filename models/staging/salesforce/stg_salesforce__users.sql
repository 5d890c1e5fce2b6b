with

base_salesforce__users as (

    select * from {{ ref('base_salesforce__users') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('user_id') }} as version_rank
    from base_salesforce__users
    where quarantine_reason is null and is_current_version

),

final as (

    select
        user_id,
        user_role_id,
        user_name,
        email,
        email_domain,
        title,
        department,
        user_type,
        is_active,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final
