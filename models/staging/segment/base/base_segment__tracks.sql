{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer load) and filters on synced_at push down.
    Segment has no deletes and no history mode. -#}
{% if var('handoff__using_segment') %}

{%- set source_relation = source('segment', 'tracks') -%}
{%- set source_columns = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as track_id,
        nullif(trim(cast(anonymous_id as {{ dbt.type_string() }})), '') as anonymous_id,
        nullif(trim(cast({{ handoff.column_or_null('user_id', source_columns) }} as {{ dbt.type_string() }})), '')
            as user_id,
        nullif(trim(cast(event as {{ dbt.type_string() }})), '') as event_name,
        nullif(trim(cast(event_text as {{ dbt.type_string() }})), '') as event_text,
        {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} as tracked_at,
        {{ handoff.try_cast('received_at', dbt.type_timestamp()) }} as received_at,
        nullif(trim(cast({{ handoff.column_or_null('context_ip', source_columns) }} as {{ dbt.type_string() }})), '')
            as ip_address,
        nullif(trim(cast(
            {{ handoff.column_or_null('context_user_agent', source_columns) }} as {{ dbt.type_string() }}
        )), '') as user_agent,
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
            when track_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when
                {{ handoff.is_future_load_time('synced_at') }}
                or {{ handoff.engagement_is_future_timestamp('received_at') }}
                then 'future_load_timestamp'
            when is_missing_event_timestamp then 'missing_event_timestamp'
            when {{ handoff.engagement_is_future_timestamp('tracked_at') }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        track_id,
        anonymous_id,
        user_id,
        event_name,
        event_text,
        tracked_at,
        received_at,
        ip_address,
        user_agent,
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
