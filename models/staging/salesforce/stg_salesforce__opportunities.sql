{#- The trusted latest version of each opportunity, kept whatever its account or stage: an orphan account is flagged
    (is_account_missing, from base) and a stage outside opportunity_stage_mapping gets the category `unmapped`;
    fct_source_row_flags counts both. The seed's stage_name is unique (tested), so the join keeps one row each. -#}
with

base_salesforce__opportunities as (

    select * from {{ ref('base_salesforce__opportunities') }}

),

opportunity_stage_mapping as (

    select * from {{ ref('opportunity_stage_mapping') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('opportunity_id') }} as version_rank
    from base_salesforce__opportunities
    where quarantine_reason is null and is_current_version

),

latest_versions as (

    select * from trusted_versions
    where version_rank = 1 and not is_deleted

),

stages_mapped as (

    select
        latest_versions.*,
        coalesce(opportunity_stage_mapping.stage_category, 'unmapped') as stage_category
    from latest_versions
    left join opportunity_stage_mapping
        on latest_versions.stage_name = opportunity_stage_mapping.stage_name

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
        is_account_missing,
        synced_at,
        stage_category
    from stages_mapped

)

select * from final
