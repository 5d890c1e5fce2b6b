{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down. -#}
{%- set source_relation = source('salesforce', 'account') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.pass_through_select('salesforce__account_pass_through_columns') }}
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as account_id,
        nullif(trim(cast(master_record_id as {{ dbt.type_string() }})), '') as master_record_id,
        nullif(trim(cast(parent_id as {{ dbt.type_string() }})), '') as parent_account_id,
        nullif(trim(cast(owner_id as {{ dbt.type_string() }})), '') as owner_user_id,
        cast(name as {{ dbt.type_string() }}) as account_name,
        cast(website as {{ dbt.type_string() }}) as website,
        {{ handoff.url_domain('website') }} as website_domain,
        nullif(trim(cast(industry as {{ dbt.type_string() }})), '') as industry,
        {{ handoff.try_cast('number_of_employees', dbt.type_int()) }} as employee_count,
        {{ handoff.try_cast('annual_revenue', dbt.type_numeric()) }} as annual_revenue,
        nullif(trim(cast(billing_country as {{ dbt.type_string() }})), '') as billing_country,
        nullif(upper(trim(cast(billing_country_code as {{ dbt.type_string() }}))), '') as billing_country_code,
        nullif(trim(cast(type as {{ dbt.type_string() }})), '') as account_type,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        number_of_employees is not null
        and {{ handoff.try_cast('number_of_employees', dbt.type_int()) }} is null as has_uncastable_employees,
        annual_revenue is not null
        and {{ handoff.try_cast('annual_revenue', dbt.type_numeric()) }} is null as has_uncastable_revenue
    from source

),

checked as (

    select
        *,
        case
            when account_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when employee_count < 0 or annual_revenue < 0 then 'negative_amount'
            when has_uncastable_employees or has_uncastable_revenue then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__account_pass_through_columns') }}
        account_id,
        master_record_id,
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
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
