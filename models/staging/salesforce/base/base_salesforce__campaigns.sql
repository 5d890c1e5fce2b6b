{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    No future check: a planned campaign rightly starts ahead, and the table carries no creation time. -#}
{% if var('handoff__using_campaigns') %}
{%- set source_relation = source('salesforce', 'campaign') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as campaign_id,
        cast(name as {{ dbt.type_string() }}) as campaign_name,
        nullif(trim(cast(type as {{ dbt.type_string() }})), '') as campaign_type,
        nullif(trim(cast(status as {{ dbt.type_string() }})), '') as campaign_status,
        {{ handoff.try_cast('start_date', 'date') }} as start_date,
        {{ handoff.try_cast('end_date', 'date') }} as end_date,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        (
            start_date is not null
            and {{ handoff.try_cast('start_date', 'date') }} is null
        )
        or (
            end_date is not null
            and {{ handoff.try_cast('end_date', 'date') }} is null
        ) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when campaign_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        campaign_id,
        campaign_name,
        campaign_type,
        campaign_status,
        start_date,
        end_date,
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
