{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync) and filters on synced_at push down.
    `location` keeps its agreed output name although sqlfluff counts it a keyword (noqa: RF04). -#}
{% if var('handoff__using_hubspot_email') %}

{%- set source_relation = source('hubspot', 'email_event_open') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as email_event_id,
        {{ handoff.try_cast('duration', dbt.type_bigint()) }} as duration_ms,
        nullif(trim(cast(user_agent as {{ dbt.type_string() }})), '') as user_agent,
        nullif(trim(cast(ip_address as {{ dbt.type_string() }})), '') as ip_address,
        nullif(trim(cast(browser as {{ dbt.type_string() }})), '') as browser,
        nullif(trim(cast(location as {{ dbt.type_string() }})), '') as location,  -- noqa: RF04
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        duration is not null
        and {{ handoff.try_cast('duration', dbt.type_bigint()) }} is null as has_uncastable_duration
    from source

),

checked as (

    select
        *,
        case
            when email_event_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when duration_ms < 0 then 'negative_amount'
            when has_uncastable_duration then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        email_event_id,
        duration_ms,
        user_agent,
        ip_address,
        browser,
        location,
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
