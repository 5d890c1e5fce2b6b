{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync). -#}
{% if var('handoff__using_hubspot_email') %}

{%- set source_relation = source('hubspot', 'email_event_status_change') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as email_event_id,
        nullif(upper(trim(cast(portal_subscription_status as {{ dbt.type_string() }}))), '') as subscription_status,
        nullif(trim(cast(subscriptions as {{ dbt.type_string() }})), '') as subscriptions,
        nullif(upper(trim(cast(source as {{ dbt.type_string() }}))), '') as change_source,
        nullif(trim(cast(requested_by as {{ dbt.type_string() }})), '') as requested_by,
        {{ handoff.try_cast('bounced', dbt.type_boolean()) }} as is_bounced,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        bounced is not null
        and {{ handoff.try_cast('bounced', dbt.type_boolean()) }} is null as has_uncastable_bounced
    from source

),

checked as (

    select
        *,
        case
            when email_event_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when subscription_status not in ('SUBSCRIBED', 'UNSUBSCRIBED') then 'unknown_code'
            when has_uncastable_bounced then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        email_event_id,
        subscription_status,
        subscriptions,
        change_source,
        requested_by,
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason,
        coalesce(is_bounced, false) as is_bounced
    from checked

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
