{#- One row per MQA and person engaged on its account within the MQA's window (up to the MQA date): their
    buying-committee role and last engaged day, with the MQA date and the rule set that scores their intent.
    Its own model, not a CTE of int_mqas_explained: a grouped non-equi join whose size a planner cannot guess
    (Postgres estimated 18 rows for ~1,200 at the demo preset and nested a loop over the people's decayed intent);
    as a table (analysed where the engine needs it) the explanation's joins are planned on its real size. -#}
with

int_mqas_crossed as (

    select * from {{ ref('int_mqas_crossed') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

int_account_person_days_engaged as (

    select * from {{ ref('int_account_person_days_engaged') }}

),

mqa_windows as (

    select
        int_mqas_crossed.mqa_id,
        int_mqas_crossed.account_id,
        int_mqas_crossed.mqa_date,
        int_definition_versions_resolved.intent_rule_set_version,
        cast({{ dbt.dateadd('day', '1 - int_mqas_crossed.mqa_window_days', 'int_mqas_crossed.mqa_date') }} as date)
            as window_start_date
    from int_mqas_crossed
    inner join int_definition_versions_resolved
        on int_mqas_crossed.definition_version = int_definition_versions_resolved.definition_version

),

final as (

    select
        mqa_windows.mqa_id,
        mqa_windows.mqa_date,
        mqa_windows.intent_rule_set_version,
        engaged.person_id,
        max(engaged.buying_committee_role) as buying_committee_role,
        max(engaged.engaged_date) as last_engaged_date
    from mqa_windows
    inner join int_account_person_days_engaged as engaged
        on
            mqa_windows.account_id = engaged.account_id
            and mqa_windows.window_start_date <= engaged.engaged_date
            and mqa_windows.mqa_date >= engaged.engaged_date
    group by mqa_windows.mqa_id, mqa_windows.mqa_date, mqa_windows.intent_rule_set_version, engaged.person_id

)

select * from final
