{% if var('handoff__using_sales_events') %}

with

base_salesforce__events as (

    select * from {{ ref('base_salesforce__events') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('sales_event_id') }} as version_rank
    from base_salesforce__events
    where quarantine_reason is null and is_current_version

),

final as (

    select
        sales_event_id,
        who_id,
        who_type,
        what_id,
        what_type,
        account_id,
        owner_user_id,
        subject,
        event_type,
        event_subtype,
        started_at,
        ended_at,
        activity_date,
        activity_at,
        created_at,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
