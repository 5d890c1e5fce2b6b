{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer load) and filters on synced_at push down.
    Segment creates a column only once a call carried it (UTM parameters, the reverse-IP company domain):
    absent optional columns read as null. Segment has no deletes and no history mode. -#}
{% if var('handoff__using_segment') %}

{%- set source_relation = source('segment', 'pages') -%}
{%- set source_columns = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as page_view_id,
        nullif(trim(cast(anonymous_id as {{ dbt.type_string() }})), '') as anonymous_id,
        nullif(trim(cast({{ handoff.column_or_null('user_id', source_columns) }} as {{ dbt.type_string() }})), '')
            as user_id,
        {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} as viewed_at,
        {{ handoff.try_cast('received_at', dbt.type_timestamp()) }} as received_at,
        {{ handoff.try_cast('sent_at', dbt.type_timestamp()) }} as sent_at,
        nullif(trim(cast(url as {{ dbt.type_string() }})), '') as url,
        nullif(lower(trim(cast(path as {{ dbt.type_string() }}))), '') as raw_path,
        nullif(trim(cast(title as {{ dbt.type_string() }})), '') as page_title,
        nullif(trim(cast(referrer as {{ dbt.type_string() }})), '') as referrer,
        nullif(trim(cast({{ handoff.column_or_null('search', source_columns) }} as {{ dbt.type_string() }})), '')
            as search_query,
        nullif(trim(cast(context_ip as {{ dbt.type_string() }})), '') as ip_address,
        nullif(trim(cast(context_user_agent as {{ dbt.type_string() }})), '') as user_agent,
        {%- for utm, column_name in [
            ('utm_source', 'context_campaign_source'),
            ('utm_medium', 'context_campaign_medium'),
            ('utm_campaign', 'context_campaign_name'),
            ('utm_term', 'context_campaign_term'),
            ('utm_content', 'context_campaign_content'),
        ] %}
        nullif(trim(cast({{ handoff.column_or_null(column_name, source_columns) }} as {{ dbt.type_string() }})), '')
            as {{ utm }},
        {%- endfor %}
        {{ handoff.url_domain(handoff.column_or_null('context_company_domain', source_columns)) }} as company_domain,
        {{ handoff.try_cast('uuid_ts', dbt.type_timestamp()) }} as synced_at,
        timestamp is null as is_missing_event_timestamp,
        (timestamp is not null and {{ handoff.try_cast('timestamp', dbt.type_timestamp()) }} is null)
        or (received_at is not null and {{ handoff.try_cast('received_at', dbt.type_timestamp()) }} is null)
        or (sent_at is not null and {{ handoff.try_cast('sent_at', dbt.type_timestamp()) }} is null)
            as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when page_view_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when
                {{ handoff.is_future_load_time('synced_at') }}
                or {{ handoff.engagement_is_future_timestamp('received_at') }}
                then 'future_load_timestamp'
            when is_missing_event_timestamp then 'missing_event_timestamp'
            when {{ handoff.engagement_is_future_timestamp('viewed_at') }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        page_view_id,
        anonymous_id,
        user_id,
        viewed_at,
        received_at,
        sent_at,
        url,
        coalesce(
            {{ handoff.regexp_replace_all('raw_path', '[?#].*$', '') }},
            {{ handoff.regexp_replace_all(
                handoff.regexp_replace_all('lower(url)', '^[a-z][a-z0-9+.-]*://[^/?#]*', ''),
                '[?#].*$', '') }}
        ) as page_path,
        page_title,
        referrer,
        search_query,
        ip_address,
        user_agent,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_term,
        utm_content,
        company_domain,
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
