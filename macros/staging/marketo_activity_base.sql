{#- The body of a Marketo activity base model (`activity_*` tables of the Fivetran Marketo connector: email sends,
    deliveries, bounces, opens, clicks, unsubscribes, form fills, web visits). Every activity table has the same
    shape (activity id, lead id, activity date, campaign id, then the type's own attributes), so one macro holds the
    row-by-row contract and each model lists only its own columns. No hub macro replaced (Fivetran's
    dbt_marketo_source writes one staging model per table with `fill_staging_columns`).
      typed    the shared columns, then `columns` read with handoff.optional_cast (a connector creates a column only
               once some activity carries it, and `is_bot_activity` only on recent connectors); `synced_at` is
               `_fivetran_synced`, else the activity date (handoff.synced_at_or: exported samples lack it);
      checked  the first quarantine reason that applies; an event later than its own load time plus the tolerance
               is `future_timestamp` (handoff.engagement_is_future_timestamp), so incremental and full builds agree;
      final    the shared columns, `columns` in their order (a `derived` one computed there), the flags.
    `columns` follow handoff.staged_columns (macros/staging/column_lists.sql); each is `optional` here unless
    marked `required` (read as is). `with_campaign=false` for the lead-level activities (merges, deletions), whose
    tables carry no campaign. -#}
{% macro marketo_activity_base(source_relation, columns, with_campaign=true) -%}
{%- set present = handoff.relation_column_names(source_relation) -%}
{%- set own_columns = [] -%}
{%- for column in columns -%}
    {%- do own_columns.append(
        column if column.get('derived') or column.get('required') else dict(column, optional=true)) -%}
{%- endfor -%}
{%- set campaign_columns = [
    {'column': 'campaign_id', 'name': 'marketo_campaign_id', 'type': dbt.type_bigint(), 'optional': true},
] if with_campaign else [] -%}
{%- set checked_columns = [
    {'column': 'activity_date', 'type': dbt.type_timestamp(), 'optional': true},
] + campaign_columns + own_columns -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as marketo_activity_id,
        nullif(trim(cast(lead_id as {{ dbt.type_string() }})), '') as marketo_lead_id,
        {{ handoff.try_cast('activity_date', dbt.type_timestamp()) }} as occurred_at,
        {{- handoff.staged_columns(checked_columns[1:], present) }}
        {{ handoff.synced_at_or('activity_date', present) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation, none) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        activity_date is null as activity_date_raw_is_null,
        {{ handoff.uncastable_check(checked_columns, present) }} as has_uncastable_value
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
        {{- handoff.staged_column_names(campaign_columns + own_columns) }}
        synced_at,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
{%- endmacro %}


{#- The columns every email activity carries (send, delivery, bounce, open, click): the email and the smart campaign
    run and flow step that sent it. For marketo_activity_base's `columns`. -#}
{% macro marketo_email_activity_columns() -%}
    {{ return([
        {'column': 'email_template_id', 'type': dbt.type_bigint()},
        {'column': 'campaign_run_id', 'type': dbt.type_bigint()},
        {'column': 'step_id', 'type': dbt.type_bigint()},
        {'column': 'choice_number', 'type': dbt.type_bigint()},
    ]) }}
{%- endmacro %}


{#- The client columns of an email open or click: how Marketo saw the reader's device, and its own bot flag
    (`is_bot_activity`, `bot_activity_pattern`: only recent connectors deliver them). -#}
{% macro marketo_email_client_columns() -%}
    {{ return([
        {'column': 'user_agent'},
        {'column': 'device'},
        {'column': 'platform'},
        {'column': 'is_mobile_device', 'type': dbt.type_boolean()},
        {'column': 'is_bot_activity', 'type': dbt.type_boolean()},
        {'column': 'bot_activity_pattern'},
    ]) }}
{%- endmacro %}
