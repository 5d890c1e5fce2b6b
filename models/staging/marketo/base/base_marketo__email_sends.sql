{#- Row by row: rename, cast, flag (one row per email send activity (type 6)). No filtering and no dedupe here, so
    that every raw row is accounted for (staged, quarantined with a reason, or superseded by a newer sync).
    Columns other than the ids and times are read when the connector delivers them (optional_cast). A table
    without `_fivetran_synced` (older connector versions, exported samples) takes its activity_date as load time
    (synced_at_or). -#}
{% if var('handoff__using_marketo') %}

{%- set source_relation = source('marketo', 'activity_send_email') -%}
{%- set present = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as marketo_activity_id,
        nullif(trim(cast(lead_id as {{ dbt.type_string() }})), '') as marketo_lead_id,
        {{ handoff.try_cast('activity_date', dbt.type_timestamp()) }} as occurred_at,
        {{ handoff.optional_cast('campaign_id', present, dbt.type_bigint()) }} as marketo_campaign_id,
        {{ handoff.optional_cast('email_template_id', present, dbt.type_bigint()) }} as email_template_id,
        {{ handoff.optional_cast('campaign_run_id', present, dbt.type_bigint()) }} as campaign_run_id,
        {{ handoff.optional_cast('step_id', present, dbt.type_bigint()) }} as step_id,
        {{ handoff.optional_cast('choice_number', present, dbt.type_bigint()) }} as choice_number,
        {{ handoff.synced_at_or('activity_date', present) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        activity_date is null as activity_date_raw_is_null,
        {{ handoff.is_uncastable('activity_date', present, dbt.type_timestamp()) }}
        or {{ handoff.is_uncastable('campaign_id', present, dbt.type_bigint()) }}
        or {{ handoff.is_uncastable('email_template_id', present, dbt.type_bigint()) }}
        or {{ handoff.is_uncastable('campaign_run_id', present, dbt.type_bigint()) }}
        or {{ handoff.is_uncastable('step_id', present, dbt.type_bigint()) }}
        or {{ handoff.is_uncastable('choice_number', present, dbt.type_bigint()) }} as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when marketo_activity_id is null or marketo_lead_id is null then 'missing_id'
            when activity_date_raw_is_null then 'missing_event_timestamp'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when {{ handoff.engagement_is_future_timestamp('occurred_at') }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        marketo_activity_id,
        marketo_lead_id,
        occurred_at,
        marketo_campaign_id,
        email_template_id,
        campaign_run_id,
        step_id,
        choice_number,
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
