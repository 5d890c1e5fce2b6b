{#- History mode: every trusted version is kept (they are the history); re-syncs of the same version collapse to
    the latest sync, and versions recording a deletion are dropped. -#}
{% if var('handoff__using_lead_history') %}

with

base_salesforce__lead_history as (

    select * from {{ ref('base_salesforce__lead_history') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('lead_version_id') }} as sync_rank
    from base_salesforce__lead_history
    where quarantine_reason is null

),

final as (

    select
        lead_version_id,
        lead_id,
        lead_status,
        owner_user_id,
        is_converted,
        valid_from_at,
        valid_to_at,
        is_current_version,
        synced_at
    from trusted_versions
    where sync_rank = 1 and not is_deleted

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
