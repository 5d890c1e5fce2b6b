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
        {{ handoff.staged_columns(handoff.salesforce_lead_columns()) }}
        {{ handoff.url_domain('website') }} as website_domain,
        {{ handoff.recorded_mql_date('salesforce.lead', source_relation) }} as recorded_mql_date,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        {{ handoff.uncastable_check(handoff.salesforce_lead_columns()) }} as has_uncastable_value
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
