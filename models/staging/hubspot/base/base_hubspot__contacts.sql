{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted). -#}
{% if var('handoff__using_hubspot_contacts') %}

{%- set source_relation = source('hubspot', 'contact') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.try_cast('id', dbt.type_bigint()) }} as hubspot_contact_id,
        {{ handoff.normalize_email('property_email') }} as email,
        nullif(trim(cast(property_firstname as {{ dbt.type_string() }})), '') as first_name,
        nullif(trim(cast(property_lastname as {{ dbt.type_string() }})), '') as last_name,
        nullif(trim(cast(property_jobtitle as {{ dbt.type_string() }})), '') as job_title,
        nullif(trim(cast(property_company as {{ dbt.type_string() }})), '') as company_name,
        {{ handoff.try_cast('property_createdate', dbt.type_timestamp()) }} as created_at,
        nullif(trim(cast(property_hs_merged_object_ids as {{ dbt.type_string() }})), '') as merged_contact_ids,
        {{ handoff.recorded_mql_date('hubspot.contact', source_relation) }} as recorded_mql_date,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        id is null as is_missing_id,
        (id is not null and {{ handoff.try_cast('id', dbt.type_bigint()) }} is null)
        or (
            property_createdate is not null
            and {{ handoff.try_cast('property_createdate', dbt.type_timestamp()) }} is null
        ) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when is_missing_id then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when email is not null and not {{ handoff.is_valid_email('email') }} then 'malformed_email'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        hubspot_contact_id,
        email,
        {{ handoff.email_domain('email') }} as email_domain,
        first_name,
        last_name,
        job_title,
        company_name,
        created_at,
        merged_contact_ids,
        recorded_mql_date,
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
