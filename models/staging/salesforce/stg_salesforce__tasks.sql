with

base_salesforce__tasks as (

    select * from {{ ref('base_salesforce__tasks') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('task_id') }} as version_rank
    from base_salesforce__tasks
    where quarantine_reason is null and is_current_version

),

final as (

    select
        task_id,
        who_id,
        who_type,
        what_id,
        what_type,
        account_id,
        owner_user_id,
        subject,
        task_type,
        task_subtype,
        task_status,
        activity_date,
        created_at,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final
