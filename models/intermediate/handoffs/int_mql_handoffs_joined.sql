{#- One row per MQL: what happened after marketing handed it to sales. fct_mql_handoffs publishes it under a
    contract; the tier-2 metric marts (handoff health, rates, rejection reasons, cohorts) read it here. The SLA
    clock starts at mql_at (int_mqls_defined: the event that made the score cross; for the external definition
    `crm`, the recorded date); the first sales touch and meeting come from int_mql_sales_touches_matched, the
    decision from int_mql_dispositions_mapped (lead statuses through the lead_status_mapping seed), the
    opportunity from int_mql_opportunities_first. Everything is as of
    handoff.handoff_as_of_at: an MQL untouched whose SLA window (handoff__handoff_sla_hours) has not ended yet is
    open, not a miss. -#}
with

int_mqls_hot_evaluated as (

    select * from {{ ref('int_mqls_hot_evaluated') }}

),

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

int_mql_sales_touches_matched as (

    select * from {{ ref('int_mql_sales_touches_matched') }}

),

int_mql_dispositions_mapped as (

    select * from {{ ref('int_mql_dispositions_mapped') }}

),

int_mqls_segmented as (

    select * from {{ ref('int_mqls_segmented') }}

),

int_mql_opportunities_first as (

    select * from {{ ref('int_mql_opportunities_first') }}

),

joined as (

    select
        int_mqls_defined.mql_id,
        int_mqls_defined.person_id,
        int_mqls_segmented.account_id,
        int_mqls_segmented.segment,
        int_mqls_defined.mql_channel,
        int_mqls_defined.definition_key,
        int_mqls_defined.definition_version,
        int_mqls_hot_evaluated.is_hot_mql,
        int_mqls_defined.mql_date,
        int_mqls_defined.mql_at,
        int_mqls_defined.mql_clock_rule,
        touches.sla_hours,
        touches.sla_due_at,
        touches.is_touched_within_sla,
        touches.is_sla_open,
        touches.touch_count,
        touches.first_touch_at,
        touches.first_touch_source,
        touches.first_touch_type,
        touches.first_touch_user_id,
        touches.hours_to_first_touch,
        touches.first_meeting_at,
        dispositions.status_disposition,
        dispositions.decision_lead_status,
        dispositions.rejection_reason_code,
        dispositions.decided_at,
        int_mql_opportunities_first.opportunity_id,
        int_mql_opportunities_first.created_at as opportunity_created_at,
        int_mql_opportunities_first.amount as opportunity_amount,
        int_mql_opportunities_first.is_closed as is_opportunity_closed,
        int_mql_opportunities_first.is_won as is_opportunity_won,
        int_mql_opportunities_first.close_date as opportunity_close_date
    from int_mqls_defined
    -- Hot MQLs are Handoff's notion: an external definition's MQLs are never hot
    left join int_mqls_hot_evaluated
        on int_mqls_defined.mql_id = int_mqls_hot_evaluated.mql_id
    inner join int_mql_sales_touches_matched as touches
        on int_mqls_defined.mql_id = touches.mql_id
    inner join int_mql_dispositions_mapped as dispositions
        on int_mqls_defined.mql_id = dispositions.mql_id
    inner join int_mqls_segmented
        on int_mqls_defined.mql_id = int_mqls_segmented.mql_id
    left join int_mql_opportunities_first
        on int_mqls_defined.mql_id = int_mql_opportunities_first.mql_id

),

decided as (

    select
        *,
        case
            when status_disposition = 'accepted' and opportunity_created_at is not null
                then case when decided_at <= opportunity_created_at then decided_at else opportunity_created_at end
            when status_disposition = 'accepted' then decided_at
            else opportunity_created_at
        end as sql_at
    from joined

),

final as (

    select
        mql_id,
        person_id,
        account_id,
        cast(coalesce(segment, 'Unknown') as {{ dbt.type_string() }}) as segment,
        mql_channel,
        definition_key,
        definition_version,
        coalesce(is_hot_mql, false) as is_hot_mql,
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
        first_touch_at is not null as is_touched,
        is_touched_within_sla,
        is_sla_open,
        first_meeting_at,
        first_meeting_at is not null as has_meeting,
        cast(
            case
                when sql_at is not null then 'accepted_sql'
                when status_disposition in ('rejected', 'unmapped') then status_disposition
                else 'open'
            end as {{ dbt.type_string() }}
        ) as sales_disposition,
        decision_lead_status,
        case when sql_at is null then rejection_reason_code end as rejection_reason_code,
        decided_at,
        sql_at is not null as is_sql,
        sql_at,
        opportunity_id,
        opportunity_created_at,
        opportunity_id is not null as has_opportunity,
        coalesce(is_opportunity_won, false) as is_opportunity_won,
        coalesce(is_opportunity_closed, false) as is_opportunity_closed,
        cast(opportunity_amount as decimal(18, 2)) as opportunity_amount,
        cast(case when is_opportunity_won then opportunity_amount end as decimal(18, 2)) as won_amount,
        opportunity_close_date,
        cast(
            {{ handoff.seconds_between('mql_at', 'first_meeting_at') }} / 86400.0 as {{ handoff.type_double() }}
        ) as days_mql_to_meeting,
        cast(
            {{ handoff.seconds_between('mql_at', 'sql_at') }} / 86400.0 as {{ handoff.type_double() }}
        ) as days_mql_to_sql,
        cast(
            {{ handoff.seconds_between('first_meeting_at', 'opportunity_created_at') }} / 86400.0
            as {{ handoff.type_double() }}
        ) as days_meeting_to_opportunity,
        cast(
            {{ handoff.seconds_between('mql_at', 'opportunity_created_at') }} / 86400.0
            as {{ handoff.type_double() }}
        ) as days_mql_to_opportunity,
        case
            when is_opportunity_won
                then cast(
                    {{ handoff.days_between('opportunity_created_at', 'opportunity_close_date') }}
                    as {{ dbt.type_int() }}
                )
        end as days_opportunity_to_won
    from decided

)

select * from final
