{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    The future check applies to the booking time (`created_date`): a meeting's start may rightly lie ahead.
    A `who_id` naming no lead or contact the connector delivered is quarantined as orphan_reference: an activity is
    only ever read as a touch on a person (int_sales_activities_unioned), so kept it would be dropped there uncounted. -#}
{% if var('handoff__using_sales_events') %}
{%- set source_relation = source('salesforce', 'event') -%}

with

source as (

    select * from {{ source_relation }}

),

base_salesforce__leads as (

    select * from {{ ref('base_salesforce__leads') }}

),

base_salesforce__contacts as (

    select * from {{ ref('base_salesforce__contacts') }}

),

known_person_records as (

    select lead_id as known_person_record_id
    from base_salesforce__leads
    where lead_id is not null
    union
    select contact_id as known_person_record_id
    from base_salesforce__contacts
    where contact_id is not null

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as sales_event_id,
        nullif(trim(cast(who_id as {{ dbt.type_string() }})), '') as who_id,
        nullif(trim(cast(what_id as {{ dbt.type_string() }})), '') as what_id,
        nullif(trim(cast(account_id as {{ dbt.type_string() }})), '') as account_id,
        nullif(trim(cast(owner_id as {{ dbt.type_string() }})), '') as owner_user_id,
        cast(subject as {{ dbt.type_string() }}) as subject,
        nullif(trim(cast(type as {{ dbt.type_string() }})), '') as event_type,
        nullif(trim(cast(event_subtype as {{ dbt.type_string() }})), '') as event_subtype,
        {{ handoff.try_cast('start_date_time', dbt.type_timestamp()) }} as started_at,
        {{ handoff.try_cast('end_date_time', dbt.type_timestamp()) }} as ended_at,
        {{ handoff.try_cast('activity_date', 'date') }} as activity_date,
        {{ handoff.try_cast('activity_date_time', dbt.type_timestamp()) }} as activity_at,
        {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        (
            start_date_time is not null
            and {{ handoff.try_cast('start_date_time', dbt.type_timestamp()) }} is null
        )
        or (
            end_date_time is not null
            and {{ handoff.try_cast('end_date_time', dbt.type_timestamp()) }} is null
        )
        or (
            activity_date is not null
            and {{ handoff.try_cast('activity_date', 'date') }} is null
        )
        or (
            activity_date_time is not null
            and {{ handoff.try_cast('activity_date_time', dbt.type_timestamp()) }} is null
        )
        or (
            created_date is not null
            and {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} is null
        ) as has_uncastable_value
    from source

),

referenced as (

    select
        typed.*,
        known_person_records.known_person_record_id
    from typed
    left join known_person_records
        on typed.who_id = known_person_records.known_person_record_id

),

checked as (

    select
        *,
        {{ handoff.salesforce_object_type('who_id', {'00Q': 'lead', '003': 'contact'}) }} as who_type,
        {{ handoff.salesforce_object_type('what_id', {'006': 'opportunity', '001': 'account'}) }} as what_type,
        case
            when sales_event_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_created_date then 'missing_event_timestamp'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
            when {{ handoff.is_orphan_reference('who_id', 'known_person_record_id') }} then 'orphan_reference'
        end as quarantine_reason
    from referenced

),

final as (

    select
        sales_event_id,
        who_id,
        who_type,
        what_id,
        what_type,
        account_id,
        owner_user_id,
        subject,
        event_type,
        event_subtype,
        started_at,
        ended_at,
        activity_date,
        activity_at,
        created_at,
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
