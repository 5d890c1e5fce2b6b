{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync) and filters on synced_at push down.
    `location` keeps its agreed output name although sqlfluff counts it a keyword (noqa: RF04). -#}
{% if var('handoff__using_hubspot_email') %}

{%- set source_relation = source('hubspot', 'email_event_click') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as email_event_id,
        nullif(trim(cast(url as {{ dbt.type_string() }})), '') as clicked_url,
        nullif(trim(cast(user_agent as {{ dbt.type_string() }})), '') as user_agent,
        nullif(trim(cast(ip_address as {{ dbt.type_string() }})), '') as ip_address,
        nullif(trim(cast(browser as {{ dbt.type_string() }})), '') as browser,
        nullif(trim(cast(location as {{ dbt.type_string() }})), '') as location,  -- noqa: RF04
        nullif(trim(cast(referer as {{ dbt.type_string() }})), '') as referer,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version
    from source

),

checked as (

    select
        *,
        case
            when email_event_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
        end as quarantine_reason
    from typed

),

final as (

    select
        email_event_id,
        clicked_url,
        user_agent,
        ip_address,
        browser,
        location,
        referer,
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
