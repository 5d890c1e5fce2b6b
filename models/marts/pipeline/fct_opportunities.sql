{#- Tier-1 grain: one row per opportunity, CRM only (int_opportunities_enriched). Who the pipeline is credited to
    (marketing_mql, marketing_mqa, other) lives beside it in fct_opportunity_attribution, so a scoring failure never
    holds this mart back. -#}

with

int_opportunities_enriched as (

    select * from {{ ref('int_opportunities_enriched') }}

),

final as (

    select
        opportunity_id,
        opportunity_name,
        account_id,
        account_name,
        is_account_missing,
        account_employee_count,
        segment,
        owner_user_id,
        owner_name,
        opportunity_type,
        lead_source,
        primary_campaign_id,
        primary_campaign_name,
        stage_name,
        stage_category,
        is_closed,
        is_won,
        amount,
        created_at,
        created_date,
        close_date,
        sales_cycle_days,
        stage_entry_count,
        current_stage_entered_at
    from int_opportunities_enriched

)

select * from final
