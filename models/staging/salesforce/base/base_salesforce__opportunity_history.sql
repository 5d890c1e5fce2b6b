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
        {{ handoff.staged_columns(handoff.salesforce_opportunity_columns(history=true)) }}
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        _fivetran_start is null as is_missing_valid_from,
        {{ handoff.uncastable_check(handoff.salesforce_opportunity_columns(history=true)) }} as has_uncastable_value
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
