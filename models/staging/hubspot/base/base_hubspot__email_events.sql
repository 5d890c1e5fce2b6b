{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer sync) and filters on synced_at push down. -#}
{% if var('handoff__using_hubspot_email') %}

{%- set source_relation = source('hubspot', 'email_event') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as email_event_id,
        nullif(upper(trim(cast(type as {{ dbt.type_string() }}))), '') as email_event_type,
        {{ handoff.normalize_email('recipient') }} as recipient_email,
        {{ handoff.try_cast('created', dbt.type_timestamp()) }} as occurred_at,
        {{ handoff.try_cast('email_campaign_id', dbt.type_bigint()) }} as email_campaign_id,
        nullif(trim(cast(sent_by_id as {{ dbt.type_string() }})), '') as sent_by_event_id,
        {{ handoff.try_cast('sent_by_created', dbt.type_timestamp()) }} as sent_by_occurred_at,
        nullif(trim(cast(caused_by_id as {{ dbt.type_string() }})), '') as caused_by_event_id,
        {{ handoff.try_cast('filtered_event', dbt.type_boolean()) }} as is_filtered_by_hubspot,
        {{ handoff.try_cast('portal_id', dbt.type_bigint()) }} as portal_id,
        {{ handoff.try_cast('app_id', dbt.type_bigint()) }} as app_id,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created is null as is_missing_event_timestamp,
        (created is not null and {{ handoff.try_cast('created', dbt.type_timestamp()) }} is null)
        or (
            email_campaign_id is not null
            and {{ handoff.try_cast('email_campaign_id', dbt.type_bigint()) }} is null
        )
        or (
            sent_by_created is not null
            and {{ handoff.try_cast('sent_by_created', dbt.type_timestamp()) }} is null
        )
        or (
            filtered_event is not null
            and {{ handoff.try_cast('filtered_event', dbt.type_boolean()) }} is null
        )
        or (portal_id is not null and {{ handoff.try_cast('portal_id', dbt.type_bigint()) }} is null)
        or (app_id is not null and {{ handoff.try_cast('app_id', dbt.type_bigint()) }} is null) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when email_event_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_event_timestamp then 'missing_event_timestamp'
            when not {{ handoff.is_valid_email('recipient_email') }} then 'malformed_email'
            when {{ handoff.engagement_is_future_timestamp('occurred_at') }} then 'future_timestamp'
            when
                email_event_type is null
                or email_event_type not in (
                    'SENT', 'DROPPED', 'PROCESSED', 'DELIVERED', 'DEFERRED', 'BOUNCE', 'OPEN', 'CLICK', 'PRINT',
                    'FORWARD', 'STATUSCHANGE', 'SPAMREPORT', 'SUPPRESSED'
                )
                then 'unknown_code'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        email_event_id,
        email_event_type,
        recipient_email,
        {{ handoff.email_domain('recipient_email') }} as recipient_email_domain,
        occurred_at,
        email_campaign_id,
        sent_by_event_id,
        sent_by_occurred_at,
        caused_by_event_id,
        coalesce(is_filtered_by_hubspot, false) as is_filtered_by_hubspot,
        portal_id,
        app_id,
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
