{#- Stage history is a clean timeline: every opportunity of fct_opportunities with a stage has entries numbered 1..n,
    exactly one of them current and that one the last, and each exit is the next entry's start (no gap, no
    overlap) and never before its own entry. Returns one row per opportunity that breaks it. -#}

with

fct_opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

fct_opportunity_stages as (

    select * from {{ ref('fct_opportunity_stages') }}

),

with_next_entry as (

    select
        *,
        lead(stage_entered_at) over (
            partition by opportunity_id order by stage_entry_number
        ) as next_stage_entered_at,
        lead(stage_entry_number) over (
            partition by opportunity_id order by stage_entry_number
        ) as next_stage_entry_number
    from fct_opportunity_stages

),

per_opportunity as (

    select
        opportunity_id,
        count(*) as entry_count,
        max(stage_entry_number) as last_entry_number,
        sum(case when is_current_stage then 1 else 0 end) as current_entry_count,
        sum(
            case
                when is_current_stage and next_stage_entry_number is not null then 1
                when stage_exited_at < stage_entered_at then 1
                when not is_current_stage and stage_exited_at <> next_stage_entered_at then 1
                else 0
            end
        ) as broken_entry_count
    from with_next_entry
    group by opportunity_id

),

final as (

    select
        fct_opportunities.opportunity_id,
        per_opportunity.entry_count,
        per_opportunity.last_entry_number,
        per_opportunity.current_entry_count,
        per_opportunity.broken_entry_count
    from fct_opportunities
    left join per_opportunity
        on fct_opportunities.opportunity_id = per_opportunity.opportunity_id
    where
        (per_opportunity.opportunity_id is null and fct_opportunities.stage_name is not null)
        or per_opportunity.entry_count <> per_opportunity.last_entry_number
        or per_opportunity.current_entry_count <> 1
        or per_opportunity.broken_entry_count > 0

)

select * from final
