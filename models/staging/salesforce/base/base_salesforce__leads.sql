{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    The status is checked against the mapping seed with a lookup, not a join, so no row is multiplied or lost. -#}
{%- set source_relation = source('salesforce', 'lead') -%}

with

source as (

    select * from {{ source_relation }}

),

lead_status_mapping as (

    select * from {{ ref('lead_status_mapping') }}

),

typed as (

    select
        {{ handoff.pass_through_select('salesforce__lead_pass_through_columns') }}
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as lead_id,
        nullif(trim(cast(master_record_id as {{ dbt.type_string() }})), '') as master_record_id,
        nullif(trim(cast(owner_id as {{ dbt.type_string() }})), '') as owner_user_id,
        nullif(trim(cast(converted_account_id as {{ dbt.type_string() }})), '') as converted_account_id,
        nullif(trim(cast(converted_contact_id as {{ dbt.type_string() }})), '') as converted_contact_id,
        nullif(trim(cast(converted_opportunity_id as {{ dbt.type_string() }})), '') as converted_opportunity_id,
        {{ handoff.normalize_email('email') }} as email,
        nullif(trim(cast(first_name as {{ dbt.type_string() }})), '') as first_name,
        nullif(trim(cast(last_name as {{ dbt.type_string() }})), '') as last_name,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as title,
        nullif(trim(cast(company as {{ dbt.type_string() }})), '') as company_name,
        cast(website as {{ dbt.type_string() }}) as website,
        {{ handoff.url_domain('website') }} as website_domain,
        nullif(trim(cast(industry as {{ dbt.type_string() }})), '') as industry,
        {{ handoff.try_cast('number_of_employees', dbt.type_int()) }} as employee_count,
        {{ handoff.try_cast('annual_revenue', dbt.type_numeric()) }} as annual_revenue,
        nullif(trim(cast(country as {{ dbt.type_string() }})), '') as country,
        nullif(trim(cast(lead_source as {{ dbt.type_string() }})), '') as lead_source,
        nullif(trim(cast(status as {{ dbt.type_string() }})), '') as lead_status,
        {{ handoff.try_cast('is_converted', dbt.type_boolean()) }} as is_converted,
        {{ handoff.try_cast('converted_date', 'date') }} as converted_date,
        {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ handoff.recorded_mql_date('salesforce.lead', source_relation) }} as recorded_mql_date,
        {{ handoff.try_cast('has_opted_out_of_email', dbt.type_boolean()) }} as has_opted_out_of_email,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        (
            number_of_employees is not null
            and {{ handoff.try_cast('number_of_employees', dbt.type_int()) }} is null
        )
        or (
            annual_revenue is not null
            and {{ handoff.try_cast('annual_revenue', dbt.type_numeric()) }} is null
        )
        or (
            is_converted is not null
            and {{ handoff.try_cast('is_converted', dbt.type_boolean()) }} is null
        )
        or (
            converted_date is not null
            and {{ handoff.try_cast('converted_date', 'date') }} is null
        )
        or (
            created_date is not null
            and {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} is null
        )
        or (
            has_opted_out_of_email is not null
            and {{ handoff.try_cast('has_opted_out_of_email', dbt.type_boolean()) }} is null
        ) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when lead_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_created_date then 'missing_event_timestamp'
            when email is not null and not {{ handoff.is_valid_email('email') }} then 'malformed_email'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when employee_count < 0 or annual_revenue < 0 then 'negative_amount'
            when
                lead_status is null
                or lead_status not in (select lead_status_mapping.lead_status from lead_status_mapping)
                then 'unknown_code'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__lead_pass_through_columns') }}
        lead_id,
        master_record_id,
        owner_user_id,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        email,
        {{ handoff.email_domain('email') }} as email_domain,
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
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
