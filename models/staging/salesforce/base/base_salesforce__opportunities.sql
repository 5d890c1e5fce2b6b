{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    An opportunity whose account_id names an account the connector never delivered is kept and flagged
    (is_account_missing): dropping it would hide tier-1 pipeline. -#}
{%- set source_relation = source('salesforce', 'opportunity') -%}

with

source as (

    select * from {{ source_relation }}

),

base_salesforce__accounts as (

    select * from {{ ref('base_salesforce__accounts') }}

),

known_accounts as (

    select distinct account_id as known_account_id
    from base_salesforce__accounts
    where account_id is not null

),

typed as (

    select
        {{ handoff.pass_through_select('salesforce__opportunity_pass_through_columns') }}
        {{ handoff.staged_columns(handoff.salesforce_opportunity_columns()) }}
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        {{ handoff.uncastable_check(handoff.salesforce_opportunity_columns()) }} as has_uncastable_value
    from source

),

referenced as (

    select
        typed.*,
        known_accounts.known_account_id
    from typed
    left join known_accounts
        on typed.account_id = known_accounts.known_account_id

),

checked as (

    select
        *,
        {{ handoff.is_orphan_reference('account_id', 'known_account_id') }} as is_account_missing,
        case
            when opportunity_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_created_date then 'missing_event_timestamp'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when amount < 0 then 'negative_amount'
            when has_uncastable_value then 'uncastable_value'
        end as quarantine_reason
    from referenced

),

final as (

    select
        {{ handoff.pass_through_leading('salesforce__opportunity_pass_through_columns') }}
        opportunity_id,
        account_id,
        owner_user_id,
        campaign_id,
        opportunity_name,
        amount,
        stage_name,
        is_closed,
        is_won,
        close_date,
        created_at,
        lead_source,
        opportunity_type,
        probability,
        forecast_category,
        synced_at,
        is_account_missing,
        is_deleted,
        is_current_version,
        quarantine_reason
    from checked

)

select * from final
