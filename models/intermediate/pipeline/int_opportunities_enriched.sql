{#- One row per opportunity (deleted ones excluded), from CRM staging only: the account resolved through merges,
    its name and segment, the owner, the primary campaign, outcome, sales cycle and stage summary. Nothing here
    depends on scoring, so the tier-1 marts (fct_opportunities, mrt_pipeline_created, mrt_pipeline_closed_won)
    build even when the scoring chain fails; marketing sourcing is attributed afterwards, in
    int_opportunities_attributed. -#}

with

stg_salesforce__opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

stg_salesforce__users as (

    select * from {{ ref('stg_salesforce__users') }}

),

stg_salesforce__campaigns as (

    select * from {{ ref('stg_salesforce__campaigns') }}

),

stg_salesforce__record_merges as (

    select * from {{ ref('stg_salesforce__record_merges') }}

),

int_opportunity_stages_historized as (

    select * from {{ ref('int_opportunity_stages_historized') }}

),

account_merges as (

    select
        merged_record_id,
        surviving_record_id
    from stg_salesforce__record_merges
    where record_type = 'account'

),

-- an opportunity on a merged-away account counts for the account that survived the merge
opportunities as (

    select
        stg_salesforce__opportunities.*,
        cast(stg_salesforce__opportunities.created_at as date) as created_date,
        coalesce(account_merges.surviving_record_id, stg_salesforce__opportunities.account_id) as resolved_account_id,
        coalesce(stg_salesforce__opportunities.is_closed, false) as is_closed_or_false,
        coalesce(stg_salesforce__opportunities.is_won, false) as is_won_or_false
    from stg_salesforce__opportunities
    left join account_merges
        on stg_salesforce__opportunities.account_id = account_merges.merged_record_id

),

stage_summary as (

    select
        opportunity_id,
        count(*) as stage_entry_count,
        max(case when is_current_stage then stage_entered_at end) as current_stage_entered_at
    from int_opportunity_stages_historized
    group by opportunity_id

),

final as (

    select
        opportunities.opportunity_id,
        opportunities.opportunity_name,
        opportunities.resolved_account_id as account_id,
        opportunity_accounts.account_name,
        opportunities.is_account_missing,
        opportunity_accounts.employee_count as account_employee_count,
        {{ handoff.employee_segment('opportunity_accounts.employee_count') }} as segment,
        opportunities.owner_user_id,
        owners.user_name as owner_name,
        opportunities.opportunity_type,
        opportunities.lead_source,
        opportunities.campaign_id as primary_campaign_id,
        primary_campaigns.campaign_name as primary_campaign_name,
        opportunities.stage_name,
        opportunities.stage_category,
        opportunities.is_closed_or_false as is_closed,
        opportunities.is_won_or_false as is_won,
        cast(opportunities.amount as decimal(18, 2)) as amount,
        opportunities.created_at,
        opportunities.created_date,
        opportunities.close_date,
        case
            when opportunities.is_closed_or_false
                then cast(
                    {{ dbt.datediff('opportunities.created_date', 'opportunities.close_date', 'day') }}
                    as {{ dbt.type_int() }}
                )
        end as sales_cycle_days,
        cast(stage_summary.stage_entry_count as {{ dbt.type_int() }}) as stage_entry_count,
        stage_summary.current_stage_entered_at
    from opportunities
    left join stg_salesforce__accounts as opportunity_accounts
        on opportunities.resolved_account_id = opportunity_accounts.account_id
    left join stg_salesforce__users as owners
        on opportunities.owner_user_id = owners.user_id
    left join stg_salesforce__campaigns as primary_campaigns
        on opportunities.campaign_id = primary_campaigns.campaign_id
    left join stage_summary
        on opportunities.opportunity_id = stage_summary.opportunity_id

)

select * from final
