{#- Tier-2 grain: one row per MQL and what happened after marketing handed it to sales, published under a contract
    from int_mql_handoffs_joined (which says how each step is measured). -#}

with

int_mql_handoffs_joined as (

    select * from {{ ref('int_mql_handoffs_joined') }}

),

final as (

    select
        mql_id,
        person_id,
        account_id,
        segment,
        mql_channel,
        definition_key,
        definition_version,
        is_hot_mql,
        mql_date,
        mql_at,
        mql_clock_rule,
        sla_hours,
        sla_due_at,
        touch_count,
        first_touch_at,
        first_touch_source,
        first_touch_type,
        first_touch_user_id,
        hours_to_first_touch,
        is_touched,
        is_touched_within_sla,
        is_sla_open,
        first_meeting_at,
        has_meeting,
        sales_disposition,
        decision_lead_status,
        rejection_reason_code,
        decided_at,
        is_sql,
        sql_at,
        opportunity_id,
        opportunity_created_at,
        has_opportunity,
        is_opportunity_won,
        is_opportunity_closed,
        opportunity_amount,
        won_amount,
        opportunity_close_date,
        days_mql_to_meeting,
        days_mql_to_sql,
        days_meeting_to_opportunity,
        days_mql_to_opportunity,
        days_opportunity_to_won
    from int_mql_handoffs_joined

)

select * from final
