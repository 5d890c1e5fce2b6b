{#- The body of a Salesforce activity base model (`task`, `event`): the two objects share Salesforce's activity
    fields, checks and outcomes, and differ only in their id's name and their own columns. No hub macro replaced.
      source     the raw activity table;
      typed      the shared fields (ids, subject, activity date, booking time) and the object's `columns`
                 (handoff.staged_columns), the Fivetran flags and the uncastable check;
      referenced the `who_id` looked up among the lead and contact ids the connector delivered (base models,
                 distinct ids: at most one match, so every raw row stays once);
      checked    `who_type` / `what_type` from the ids' key prefixes, and the first quarantine reason that
                 applies. The future check applies to the booking time (`created_date`): a meeting's start may
                 rightly lie ahead. A `who_id` naming no delivered lead or contact is an orphan_reference (an
                 activity is only ever read as a touch on a person);
      final      the id, the shared fields, the object's columns in their order, the flags.
    `columns` follow handoff.staged_columns (macros/staging/column_lists.sql). -#}
{% macro salesforce_activity_base(source_relation, activity_id, columns) -%}
{%- set shared_columns = [
    {'column': 'id', 'name': activity_id},
    {'column': 'who_id'},
    {'column': 'what_id'},
    {'column': 'account_id'},
    {'column': 'owner_id', 'name': 'owner_user_id'},
    {'column': 'subject', 'type': 'text'},
] -%}
{%- set booked_at = [{'column': 'created_date', 'name': 'created_at', 'type': dbt.type_timestamp()}] -%}
{%- set all_columns = shared_columns + columns + booked_at -%}

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
        {{ handoff.staged_columns(all_columns) }}
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        {{ handoff.uncastable_check(all_columns) }} as has_uncastable_value
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
            when {{ activity_id }} is null then 'missing_id'
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
        {{ activity_id }},
        who_id,
        who_type,
        what_id,
        what_type,
        account_id,
        owner_user_id,
        subject,
        {{- handoff.staged_column_names(columns) }}
        created_at,
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
{%- endmacro %}
