{#- History mode: every trusted version is kept (they are the history); re-syncs of the same version collapse to
    the latest sync, and versions recording a deletion are dropped. -#}
{% if var('handoff__using_opportunity_history') %}

with

base_salesforce__opportunity_history as (

    select * from {{ ref('base_salesforce__opportunity_history') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('opportunity_version_id') }} as sync_rank
    from base_salesforce__opportunity_history
    where quarantine_reason is null

),

final as (

    select
        opportunity_version_id,
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
        is_current_version,
        synced_at
    from trusted_versions
    where sync_rank = 1 and not is_deleted

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
