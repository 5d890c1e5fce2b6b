{#- The SLA verdicts of fct_mql_handoffs are consistent: an MQL touched within the SLA was touched, no later than
    sla_due_at; an open SLA is untouched and not yet touched within it; an MQL touched after sla_due_at is a miss.
    Returns one row per MQL breaking a rule. -#}
with

fct_mql_handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}

),

final as (

    select
        mql_id,
        first_touch_at,
        sla_due_at,
        is_touched_within_sla,
        is_sla_open
    from fct_mql_handoffs
    where
        (is_touched_within_sla and (first_touch_at is null or first_touch_at > sla_due_at))
        or (is_sla_open and (first_touch_at is not null or is_touched_within_sla))
        or (first_touch_at > sla_due_at and (is_touched_within_sla or is_sla_open))
        or (first_touch_at is not null and first_touch_at < mql_at)

)

select * from final
