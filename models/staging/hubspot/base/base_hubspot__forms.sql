{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer version, or deleted). The connector's form table
    may lack `_fivetran_synced` (the real sample does): a form's version time is then its `updated_at`. -#}
{% if var('handoff__using_hubspot_forms') %}

{%- set source_relation = source('hubspot', 'form') -%}
{%- set source_columns = handoff.relation_column_names(source_relation) -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(guid as {{ dbt.type_string() }})), '') as form_id,
        nullif(trim(cast(name as {{ dbt.type_string() }})), '') as form_name,
        nullif(upper(trim(cast(form_type as {{ dbt.type_string() }}))), '') as form_type,
        {{ handoff.try_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ handoff.try_cast('updated_at', dbt.type_timestamp()) }} as updated_at,
        coalesce(
            {{ handoff.try_cast(handoff.column_or_null('_fivetran_synced', source_columns), dbt.type_timestamp()) }},
            {{ handoff.try_cast('updated_at', dbt.type_timestamp()) }}
        ) as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        (created_at is not null and {{ handoff.try_cast('created_at', dbt.type_timestamp()) }} is null)
        or (updated_at is not null and {{ handoff.try_cast('updated_at', dbt.type_timestamp()) }} is null)
            as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when form_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        form_id,
        form_name,
        form_type,
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
