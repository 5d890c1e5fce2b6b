{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down. -#}
{% if var('handoff__using_user_roles') %}
{%- set source_relation = source('salesforce', 'user_role') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as user_role_id,
        nullif(trim(cast(parent_role_id as {{ dbt.type_string() }})), '') as parent_user_role_id,
        nullif(trim(cast(name as {{ dbt.type_string() }})), '') as user_role_name,
        nullif(trim(cast(developer_name as {{ dbt.type_string() }})), '') as developer_name,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version
    from source

),

checked as (

    select
        *,
        case
            when user_role_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
        end as quarantine_reason
    from typed

),

final as (

    select
        user_role_id,
        parent_user_role_id,
        user_role_name,
        developer_name,
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
