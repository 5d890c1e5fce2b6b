with

int_opportunity_stages_historized as (

    select * from {{ ref('int_opportunity_stages_historized') }}

),

final as (

    select
        opportunity_stage_id,
        opportunity_id,
        stage_entry_number,
        stage_name,
        next_stage_name,
        is_closed_stage,
        is_won_stage,
        stage_entered_at,
        stage_exited_at,
        is_current_stage,
        hours_in_stage,
        days_in_stage,
        stage_history_source
    from int_opportunity_stages_historized

)

select * from final
