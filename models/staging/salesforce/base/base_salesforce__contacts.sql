{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    A contact whose account_id names an account the connector never delivered is kept and flagged
    (is_account_missing): a person stays a person, and account matching falls back to the email domain. -#}
{%- set source_relation = source('salesforce', 'contact') -%}

with

source as (

    select * from {{ source_relation }}

),

base_salesforce__accounts as (

    select * from {{ ref('base_salesforce__accounts') }}

),

known_accounts as (

    select distinct account_id as known_account_id
    from base_salesforce__accounts
    where account_id is not null

),

typed as (

    select
        {{ handoff.pass_through_select('salesforce__contact_pass_through_columns') }}
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as contact_id,
        nullif(trim(cast(master_record_id as {{ dbt.type_string() }})), '') as master_record_id,
        nullif(trim(cast(account_id as {{ dbt.type_string() }})), '') as account_id,
        nullif(trim(cast(owner_id as {{ dbt.type_string() }})), '') as owner_user_id,
        {{ handoff.normalize_email('email') }} as email,
        nullif(trim(cast(first_name as {{ dbt.type_string() }})), '') as first_name,
        nullif(trim(cast(last_name as {{ dbt.type_string() }})), '') as last_name,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as title,
        nullif(trim(cast(department as {{ dbt.type_string() }})), '') as department,
        nullif(trim(cast(mailing_country as {{ dbt.type_string() }})), '') as mailing_country,
        nullif(trim(cast(lead_source as {{ dbt.type_string() }})), '') as lead_source,
        {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ handoff.recorded_mql_date('salesforce.contact', source_relation) }} as recorded_mql_date,
        {{ handoff.try_cast('has_opted_out_of_email', dbt.type_boolean()) }} as has_opted_out_of_email,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        (
            created_date is not null
            and {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} is null
        )
        or (
            has_opted_out_of_email is not null
            and {{ handoff.try_cast('has_opted_out_of_email', dbt.type_boolean()) }} is null
        ) as has_uncastable_value
    from source

),

referenced as (

    select
        typed.*,
        known_accounts.known_account_id
    from typed
    left join known_accounts
        on typed.account_id = known_accounts.known_account_id

),

checked as (

    select
        *,
        {{ handoff.is_orphan_reference('account_id', 'known_account_id') }} as is_account_missing,
        case
            when contact_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_created_date then 'missing_event_timestamp'
            when email is not null and not {{ handoff.is_valid_email('email') }} then 'malformed_email'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from referenced

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__contact_pass_through_columns') }}
        contact_id,
        master_record_id,
        account_id,
        owner_user_id,
        email,
        {{ handoff.email_domain('email') }} as email_domain,
        first_name,
        last_name,
        title,
        department,
        mailing_country,
        lead_source,
        created_at,
        recorded_mql_date,
        has_opted_out_of_email,
        synced_at,
        is_account_missing,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
