{#- Tier-2 grain: one row per MQL and what happened after marketing handed it to sales, published under a contract
    from int_mql_handoffs_joined (which says how each step is measured), with the person's lead source
    (int_persons_unified, as in fct_mqls) so handoff quality cuts by lead source. -#}

with

int_mql_handoffs_joined as (

    select * from {{ ref('int_mql_handoffs_joined') }}

),

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

final as (

    select
        int_mql_handoffs_joined.mql_id,
        int_mql_handoffs_joined.person_id,
        int_mql_handoffs_joined.account_id,
        int_mql_handoffs_joined.segment,
        int_persons_unified.lead_source,
        int_mql_handoffs_joined.mql_channel,
        int_mql_handoffs_joined.definition_key,
        int_mql_handoffs_joined.definition_version,
        int_mql_handoffs_joined.is_hot_mql,
        int_mql_handoffs_joined.mql_date,
        int_mql_handoffs_joined.mql_at,
        int_mql_handoffs_joined.mql_clock_rule,
        int_mql_handoffs_joined.sla_hours,
        int_mql_handoffs_joined.sla_due_at,
        int_mql_handoffs_joined.touch_count,
        int_mql_handoffs_joined.first_touch_at,
        int_mql_handoffs_joined.first_touch_source,
        int_mql_handoffs_joined.first_touch_type,
        int_mql_handoffs_joined.first_touch_user_id,
        int_mql_handoffs_joined.hours_to_first_touch,
        int_mql_handoffs_joined.is_touched,
        int_mql_handoffs_joined.is_touched_within_sla,
        int_mql_handoffs_joined.is_sla_open,
        int_mql_handoffs_joined.first_meeting_at,
        int_mql_handoffs_joined.has_meeting,
        int_mql_handoffs_joined.sales_disposition,
        int_mql_handoffs_joined.decision_lead_status,
        int_mql_handoffs_joined.rejection_reason_code,
        int_mql_handoffs_joined.decided_at,
        int_mql_handoffs_joined.is_sql,
        int_mql_handoffs_joined.sql_at,
        int_mql_handoffs_joined.opportunity_id,
        int_mql_handoffs_joined.opportunity_created_at,
        int_mql_handoffs_joined.has_opportunity,
        int_mql_handoffs_joined.is_opportunity_won,
        int_mql_handoffs_joined.is_opportunity_closed,
        int_mql_handoffs_joined.opportunity_amount,
        int_mql_handoffs_joined.won_amount,
        int_mql_handoffs_joined.opportunity_close_date,
        int_mql_handoffs_joined.days_mql_to_meeting,
        int_mql_handoffs_joined.days_mql_to_sql,
        int_mql_handoffs_joined.days_meeting_to_opportunity,
        int_mql_handoffs_joined.days_mql_to_opportunity,
        int_mql_handoffs_joined.days_opportunity_to_won
    from int_mql_handoffs_joined
    left join int_persons_unified
        on int_mql_handoffs_joined.person_id = int_persons_unified.person_id

)

select * from final
