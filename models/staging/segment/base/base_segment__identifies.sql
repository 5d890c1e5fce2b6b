{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer load) and filters on synced_at push down.
    Traits are columns Segment creates once a call carried them: absent ones read as null. -#}
{% if var('handoff__using_segment') %}

{%- set source_relation = source('segment', 'identifies') -%}
{%- set source_columns = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as identify_id,
        nullif(trim(cast(anonymous_id as {{ dbt.type_string() }})), '') as anonymous_id,
        nullif(trim(cast({{ handoff.column_or_null('user_id', source_columns) }} as {{ dbt.type_string() }})), '')
            as user_id,
        {{ handoff.normalize_email(handoff.column_or_null('email', source_columns)) }} as email,
        nullif(trim(cast({{ handoff.column_or_null('name', source_columns) }} as {{ dbt.type_string() }})), '')
            as person_name,
        nullif(trim(cast({{ handoff.column_or_null('title', source_columns) }} as {{ dbt.type_string() }})), '')
            as job_title,
        nullif(trim(cast({{ handoff.column_or_null('company', source_columns) }} as {{ dbt.type_string() }})), '')
            as company_name,
        {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} as identified_at,
        {{ handoff.try_cast('received_at', dbt.type_timestamp()) }} as received_at,
        {{ handoff.try_cast('uuid_ts', dbt.type_timestamp()) }} as synced_at,
        timestamp is null as is_missing_event_timestamp,
        (timestamp is not null and {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} is null)
        or (received_at is not null and {{ handoff.try_cast('received_at', dbt.type_timestamp()) }} is null)
            as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when identify_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when
                {{ handoff.is_future_load_time('synced_at') }}
                or {{ handoff.engagement_is_future_timestamp('received_at') }}
                then 'future_load_timestamp'
            when is_missing_event_timestamp then 'missing_event_timestamp'
            when email is not null and not {{ handoff.is_valid_email('email') }} then 'malformed_email'
            when {{ handoff.engagement_is_future_timestamp('identified_at') }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        identify_id,
        anonymous_id,
        user_id,
        email,
        {{ handoff.email_domain('email') }} as email_domain,
        person_name,
        job_title,
        company_name,
        identified_at,
        received_at,
        synced_at,
        false as is_deleted,
        true as is_current_version,
        quarantine_reason
    from checked

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
