{#- Row by row: rename, cast, flag (one row per Marketo smart campaign). No filtering and no dedupe here, so that
    every raw row is accounted for (staged, quarantined with a reason, or superseded by a newer sync). Columns
    other than the ids and times are read when the connector delivers them (optional_cast). A table without
    `_fivetran_synced` (older connector versions, exported samples) takes its updated_at as load time
    (synced_at_or). -#}
{% if var('handoff__using_marketo') %}

{%- set source_relation = source('marketo', 'campaign') -%}
{%- set present = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.try_cast('id', dbt.type_bigint()) }} as marketo_campaign_id,
        {{ handoff.optional_cast('name', present, dbt.type_string()) }} as campaign_name,
        {{ handoff.optional_cast('type', present, dbt.type_string()) }} as campaign_type,
        {{ handoff.optional_cast('program_id', present, dbt.type_bigint()) }} as marketo_program_id,
        {{ handoff.optional_cast('active', present, dbt.type_boolean()) }} as is_active,
        {{ handoff.try_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ handoff.try_cast('updated_at', dbt.type_timestamp()) }} as updated_at,
        {{ handoff.synced_at_or('updated_at', present) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        {{ handoff.is_uncastable('id', present, dbt.type_bigint()) }}
        or {{ handoff.is_uncastable('program_id', present, dbt.type_bigint()) }}
        or {{ handoff.is_uncastable('active', present, dbt.type_boolean()) }}
        or {{ handoff.is_uncastable('created_at', present, dbt.type_timestamp()) }}
        or {{ handoff.is_uncastable('updated_at', present, dbt.type_timestamp()) }} as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when marketo_campaign_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        marketo_campaign_id,
        campaign_name,
        campaign_type,
        marketo_program_id,
        is_active,
        created_at,
        updated_at,
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
