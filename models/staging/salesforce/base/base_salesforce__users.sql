{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    A user's identity is its id (owners are joined by id), so an email that is not a valid address is set to null
    rather than quarantining the rep, which would orphan every record they own. -#}
{%- set source_relation = source('salesforce', 'user') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as user_id,
        nullif(trim(cast(user_role_id as {{ dbt.type_string() }})), '') as user_role_id,
        nullif(trim(cast(name as {{ dbt.type_string() }})), '') as user_name,
        {{ handoff.normalize_email('email') }} as normalized_email,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as title,
        nullif(trim(cast(department as {{ dbt.type_string() }})), '') as department,
        nullif(trim(cast(user_type as {{ dbt.type_string() }})), '') as user_type,
        {{ handoff.try_cast('is_active', dbt.type_boolean()) }} as is_active,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        is_active is not null
        and {{ handoff.try_cast('is_active', dbt.type_boolean()) }} is null as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case when {{ handoff.is_valid_email('normalized_email') }} then normalized_email end as email,
        case
            when user_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        user_id,
        user_role_id,
        user_name,
        email,
        {{ handoff.email_domain('email') }} as email_domain,
        title,
        department,
        user_type,
        is_active,
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
