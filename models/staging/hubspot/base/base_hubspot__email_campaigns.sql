{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted). -#}
{% if var('handoff__using_hubspot_email') %}

{%- set source_relation = source('hubspot', 'email_campaign') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.try_cast('id', dbt.type_bigint()) }} as email_campaign_id,
        nullif(trim(cast(name as {{ dbt.type_string() }})), '') as campaign_name,
        nullif(trim(cast(subject as {{ dbt.type_string() }})), '') as subject,
        nullif(upper(trim(cast(type as {{ dbt.type_string() }}))), '') as campaign_type,
        nullif(trim(cast(app_name as {{ dbt.type_string() }})), '') as app_name,
        {{ handoff.try_cast('app_id', dbt.type_bigint()) }} as app_id,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        id is null as is_missing_id,
        (id is not null and {{ handoff.try_cast('id', dbt.type_bigint()) }} is null)
        or (app_id is not null and {{ handoff.try_cast('app_id', dbt.type_bigint()) }} is null) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when is_missing_id then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        email_campaign_id,
        campaign_name,
        subject,
        campaign_type,
        app_name,
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
