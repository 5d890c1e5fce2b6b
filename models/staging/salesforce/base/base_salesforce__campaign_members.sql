{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, superseded by a newer sync, or deleted) and filters push down.
    A membership that names no campaign, a campaign the connector never delivered, or neither a lead nor a contact
    is quarantined as orphan_reference: a membership means nothing without its campaign (its type and channel come
    from there), so kept it would only be dropped uncounted where engagement is unioned. -#}
{% if var('handoff__using_campaigns') %}
{%- set source_relation = source('salesforce', 'campaign_member') -%}

with

source as (

    select * from {{ source_relation }}

),

base_salesforce__campaigns as (

    select * from {{ ref('base_salesforce__campaigns') }}

),

known_campaigns as (

    select distinct campaign_id as known_campaign_id
    from base_salesforce__campaigns
    where campaign_id is not null

),

typed as (

    select
        nullif(trim(cast(id as {{ dbt.type_string() }})), '') as campaign_member_id,
        nullif(trim(cast(campaign_id as {{ dbt.type_string() }})), '') as campaign_id,
        nullif(trim(cast(lead_id as {{ dbt.type_string() }})), '') as lead_id,
        nullif(trim(cast(contact_id as {{ dbt.type_string() }})), '') as contact_id,
        nullif(trim(cast(status as {{ dbt.type_string() }})), '') as member_status,
        {{ handoff.try_cast('has_responded', dbt.type_boolean()) }} as has_responded,
        {{ handoff.try_cast('first_responded_date', 'date') }} as first_responded_date,
        {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ handoff.try_cast('_fivetran_synced', dbt.type_timestamp()) }} as synced_at,
        {{ handoff.fivetran_is_deleted(source_relation) }} as is_deleted,
        {{ handoff.fivetran_is_active(source_relation) }} as is_current_version,
        created_date is null as is_missing_created_date,
        (
            has_responded is not null
            and {{ handoff.try_cast('has_responded', dbt.type_boolean()) }} is null
        )
        or (
            first_responded_date is not null
            and {{ handoff.try_cast('first_responded_date', 'date') }} is null
        )
        or (
            created_date is not null
            and {{ handoff.try_cast('created_date', dbt.type_timestamp()) }} is null
        ) as has_uncastable_value
    from source

),

referenced as (

    select
        typed.*,
        known_campaigns.known_campaign_id
    from typed
    left join known_campaigns
        on typed.campaign_id = known_campaigns.known_campaign_id

),

checked as (

    select
        *,
        case
            when campaign_member_id is null then 'missing_id'
            when synced_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('synced_at') }} then 'future_load_timestamp'
            when is_missing_created_date then 'missing_event_timestamp'
            when created_at > {{ handoff.future_timestamp_limit() }} then 'future_timestamp'
            when has_uncastable_value then 'uncastable_value'
            when campaign_id is null or (lead_id is null and contact_id is null) then 'orphan_reference'
            when {{ handoff.is_orphan_reference('campaign_id', 'known_campaign_id') }} then 'orphan_reference'
        end as quarantine_reason
    from referenced

),

final as (

    select
        campaign_member_id,
        campaign_id,
        lead_id,
        contact_id,
        member_status,
        has_responded,
        first_responded_date,
        created_at,
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
