with

base_salesforce__opportunities as (

    select * from {{ ref('base_salesforce__opportunities') }}

),

trusted_versions as (

    select
        *,
        row_number() over (partition by opportunity_id order by synced_at desc) as version_rank
    from base_salesforce__opportunities
    where quarantine_reason is null and is_current_version

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
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final
