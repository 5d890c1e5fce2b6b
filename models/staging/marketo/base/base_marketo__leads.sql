{#- Row by row: rename, cast, flag (one row per Marketo lead (person record)). No filtering and no dedupe here, so
    that every raw row is accounted for (staged, quarantined with a reason, or superseded by a newer sync).
    Columns other than the ids and times are read when the connector delivers them (optional_cast). A table
    without `_fivetran_synced` (older connector versions, exported samples) takes its updated_at as load time
    (synced_at_or). -#}
{% if var('handoff__using_marketo') %}

{%- set source_relation = source('marketo', 'lead') -%}
{%- set present = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as marketo_lead_id,
        {{ handoff.normalize_email('email') }} as email,
        {{ handoff.optional_cast('first_name', present, dbt.type_string()) }} as first_name,
        {{ handoff.optional_cast('last_name', present, dbt.type_string()) }} as last_name,
        {{ handoff.optional_cast('sfdc_lead_id', present, dbt.type_string()) }} as sfdc_lead_id,
        {{ handoff.optional_cast('sfdc_contact_id', present, dbt.type_string()) }} as sfdc_contact_id,
        {{ handoff.optional_cast('sfdc_type', present, dbt.type_string()) }} as sfdc_type,
        {{ handoff.optional_cast('lead_source', present, dbt.type_string()) }} as lead_source,
        {{ handoff.recorded_mql_date('marketo.lead', source_relation) }} as recorded_mql_date,
        {{ handoff.try_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ handoff.try_cast('updated_at', dbt.type_timestamp()) }} as updated_at,
        {{ handoff.synced_at_or('updated_at', present) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        {{ handoff.is_uncastable('created_at', present, dbt.type_timestamp()) }}
        or {{ handoff.is_uncastable('updated_at', present, dbt.type_timestamp()) }} as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when marketo_lead_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when email is not null and not {{ handoff.is_valid_email('email') }} then 'malformed_email'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        marketo_lead_id,
        email,
        first_name,
        last_name,
        sfdc_lead_id,
        sfdc_contact_id,
        sfdc_type,
        lead_source,
        recorded_mql_date,
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
