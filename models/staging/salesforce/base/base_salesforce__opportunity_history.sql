{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for.
    History mode: one row per version of an opportunity, keyed by the opportunity and the version's start.
    Superseded versions are the history and are kept downstream; only re-syncs of the same version are
    superseded (latest `synced_at` wins in staging). -#}
{% if var('handoff__using_opportunity_history') %}
{%- set source_relation = source('salesforce', 'opportunity_history') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as opportunity_id,
        nullif(trim(cast(account_id as {{ dbt.type_string() }})), '') as account_id,
        nullif(trim(cast(owner_id as {{ dbt.type_string() }})), '') as owner_user_id,
        nullif(trim(cast(stage_name as {{ dbt.type_string() }})), '') as stage_name,
        {{ handoff.try_cast('amount', 'decimal(18, 2)') }} as amount,
        {{ handoff.try_cast('probability', dbt.type_numeric()) }} as probability,
        nullif(trim(cast(forecast_category as {{ dbt.type_string() }})), '') as forecast_category,
        {{ handoff.try_cast('close_date', 'date') }} as close_date,
        {{ handoff.try_cast('is_closed', dbt.type_boolean()) }} as is_closed,
        {{ handoff.try_cast('is_won', dbt.type_boolean()) }} as is_won,
        {{ handoff.try_cast('_fivetran_start', dbt.type_timestamp()) }} as valid_from_at,
        {{ handoff.try_cast('_fivetran_end', dbt.type_timestamp()) }} as valid_to_at,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        _fivetran_start is null as is_missing_valid_from,
        (
            amount is not null
            and {{ handoff.try_cast('amount', 'decimal(18, 2)') }} is null
        )
        or (
            probability is not null
            and {{ handoff.try_cast('probability', dbt.type_numeric()) }} is null
        )
        or (
            close_date is not null
            and {{ handoff.try_cast('close_date', 'date') }} is null
        )
        or (
            is_closed is not null
            and {{ handoff.try_cast('is_closed', dbt.type_boolean()) }} is null
        )
        or (
            is_won is not null
            and {{ handoff.try_cast('is_won', dbt.type_boolean()) }} is null
        )
        or (
            _fivetran_start is not null
            and {{ handoff.try_cast('_fivetran_start', dbt.type_timestamp()) }} is null
        )
        or (
            _fivetran_end is not null
            and {{ handoff.try_cast('_fivetran_end', dbt.type_timestamp()) }} is null
        ) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when opportunity_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_valid_from then 'missing_event_timestamp'
            when valid_from_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when amount < 0 then 'negative_amount'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'opportunity_id', "'|'", 'cast(valid_from_at as ' ~ dbt.type_string() ~ ')'
        ])) }} as opportunity_version_id,
        opportunity_id,
        account_id,
        owner_user_id,
        stage_name,
        amount,
        probability,
        forecast_category,
        close_date,
        is_closed,
        is_won,
        valid_from_at,
        valid_to_at,
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
