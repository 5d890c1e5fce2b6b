{#- One row per MQL: who, at which account, when, under which definition version, with which scores, whether
    it is a Hot MQL, its quadrant and action, whether it is still open or was recycled, and why it happened in
    words. -#}
with

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_mqls_hot_evaluated as (

    select * from {{ ref('int_mqls_hot_evaluated') }}

),

int_mqls_explained as (

    select * from {{ ref('int_mqls_explained') }}

),

int_mqls_recorded as (

    select * from {{ ref('int_mqls_recorded') }}

),

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

scored as (

    select
        int_mqls_crossed.mql_id,
        int_mqls_crossed.person_id,
        int_persons_matched_to_accounts.account_id,
        int_persons_matched_to_accounts.account_match_method,
        int_persons_unified.lead_source,
        int_mqls_crossed.mql_date,
        int_mqls_crossed.mql_sequence,
        cast({{ handoff.definition_key('int_mqls_crossed.definition_version') }} as {{ dbt.type_string() }})
            as definition_key,
        int_mqls_crossed.definition_version,
        int_mqls_crossed.mql_threshold,
        int_mqls_crossed.fit_gate,
        int_mqls_crossed.fit_score,
        int_mqls_crossed.intent_score,
        int_mqls_hot_evaluated.is_hot_mql,
        int_mqls_hot_evaluated.hot_signal_type_count,
        int_mqls_hot_evaluated.hot_channel_count,
        int_mqls_hot_evaluated.hot_active_week_count,
        int_mqls_crossed.quadrant,
        int_mqls_crossed.recommended_action,
        int_mqls_crossed.episode_start_reason,
        int_mqls_crossed.is_open,
        int_mqls_crossed.recycled_on,
        int_mqls_crossed.recycle_reason,
        int_mqls_explained.explanation_text
    from int_mqls_crossed
    inner join int_mqls_hot_evaluated
        on int_mqls_crossed.mql_id = int_mqls_hot_evaluated.mql_id
    inner join int_mqls_explained
        on int_mqls_crossed.mql_id = int_mqls_explained.mql_id
    -- every person has a row there (matched or not); a left join still keeps an MQL if that ever stops holding
    left join int_persons_matched_to_accounts
        on int_mqls_crossed.person_id = int_persons_matched_to_accounts.person_id
    left join int_persons_unified
        on int_mqls_crossed.person_id = int_persons_unified.person_id

),

-- the external definition (the MQL dates the company records): who and when, nothing scored
recorded as (

    select
        int_mqls_recorded.mql_id,
        int_mqls_recorded.person_id,
        int_persons_matched_to_accounts.account_id,
        int_persons_matched_to_accounts.account_match_method,
        int_persons_unified.lead_source,
        int_mqls_recorded.mql_date,
        int_mqls_recorded.mql_sequence,
        int_mqls_recorded.definition_key,
        int_mqls_recorded.definition_version,
        cast(null as {{ dbt.type_int() }}) as mql_threshold,
        cast(null as {{ dbt.type_int() }}) as fit_gate,
        cast(null as {{ dbt.type_int() }}) as fit_score,
        cast(null as decimal(18, 1)) as intent_score,
        false as is_hot_mql,
        cast(null as {{ dbt.type_int() }}) as hot_signal_type_count,
        cast(null as {{ dbt.type_int() }}) as hot_channel_count,
        cast(null as {{ dbt.type_int() }}) as hot_active_week_count,
        cast(null as {{ dbt.type_string() }}) as quadrant,
        cast(null as {{ dbt.type_string() }}) as recommended_action,
        cast(null as {{ dbt.type_string() }}) as episode_start_reason,
        cast(null as {{ dbt.type_boolean() }}) as is_open,
        cast(null as date) as recycled_on,
        cast(null as {{ dbt.type_string() }}) as recycle_reason,
        cast('Recorded as an MQL in the CRM on this date (external definition crm).' as {{ dbt.type_string() }})
            as explanation_text
    from int_mqls_recorded
    left join int_persons_matched_to_accounts
        on int_mqls_recorded.person_id = int_persons_matched_to_accounts.person_id
    left join int_persons_unified
        on int_mqls_recorded.person_id = int_persons_unified.person_id

),

final as (

    select * from scored
    union all
    select * from recorded

)

select * from final
