{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync). -#}
{% if var('handoff__using_hubspot_email') %}

{%- set source_relation = source('hubspot', 'email_event_bounce') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as email_event_id,
        nullif(upper(trim(cast(category as {{ dbt.type_string() }}))), '') as bounce_category,
        nullif(trim(cast(status as {{ dbt.type_string() }})), '') as bounce_status,
        nullif(trim(cast(response as {{ dbt.type_string() }})), '') as bounce_response,
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
        bounce_category,
        bounce_status,
        bounce_response,
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
