{#- Grain: one row per MQA (int_mqas_crossed). Method: what lies behind it, as of the MQA date - the engaged
    people in the window (int_mqa_people_windowed: each with their buying-committee role, title and last engaged
    day), how many hold each role, the account fit rules matched, the account's first-party intent (the sum of
    those people's intent decayed to the MQA date: int_mqa_people_intent_decayed), the anonymous activity in the
    window, and all of it as readable text. Third-party intent is never part of an MQA. -#}
with

int_mqas_crossed as (

    select * from {{ ref('int_mqas_crossed') }}

),

int_mqa_people_windowed as (

    select * from {{ ref('int_mqa_people_windowed') }}

),

int_account_fit_rules_matched as (

    select * from {{ ref('int_account_fit_rules_matched') }}

),

int_anonymous_visits_attributed as (

    select * from {{ ref('int_anonymous_visits_attributed') }}

),

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

int_mqa_people_intent_decayed as (

    select * from {{ ref('int_mqa_people_intent_decayed') }}

),

{%- set text = dbt.type_string() %}

mqa_windows as (

    select
        mqa_id,
        account_id,
        mqa_date,
        definition_version,
        cast({{ dbt.dateadd('day', '1 - mqa_window_days', 'mqa_date') }} as date) as window_start_date
    from int_mqas_crossed

),

people_lines as (

    select
        int_mqa_people_windowed.mqa_id,
        int_mqa_people_windowed.person_id,
        int_mqa_people_windowed.buying_committee_role,
        int_mqa_people_windowed.last_engaged_date,
        coalesce(person_intent.intent_score, 0) as intent_score,
        {{ dbt.concat([
            "coalesce(nullif(trim(" ~ dbt.concat([
                "coalesce(int_persons_unified.first_name, '')", "' '", "coalesce(int_persons_unified.last_name, '')"
            ]) ~ "), ''), int_mqa_people_windowed.person_id)",
            "' ('", 'int_mqa_people_windowed.buying_committee_role',
            "case when int_persons_unified.title is not null then "
            ~ dbt.concat(["', '", 'int_persons_unified.title']) ~ " else '' end",
            "', last engaged '", 'cast(int_mqa_people_windowed.last_engaged_date as ' ~ text ~ ')',
            "', intent '", 'cast(coalesce(person_intent.intent_score, 0) as ' ~ text ~ ')', "')'"
        ]) }} as person_line
    from int_mqa_people_windowed
    left join int_mqa_people_intent_decayed as person_intent
        on
            int_mqa_people_windowed.mqa_id = person_intent.mqa_id
            and int_mqa_people_windowed.person_id = person_intent.person_id
    left join int_persons_unified
        on int_mqa_people_windowed.person_id = int_persons_unified.person_id

),

people_summary as (

    select
        mqa_id,
        count(*) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        sum(case when buying_committee_role = '{{ role }}' then 1 else 0 end) as {{ role }}_people,
        {%- endfor %}
        sum(intent_score) as account_intent_score,
        {{ handoff.string_agg_ordered('person_line', '; ', 'buying_committee_role') }} as people_lines
    from people_lines
    group by mqa_id

),

fit_lines as (

    select
        mqa_windows.mqa_id,
        {{ handoff.string_agg_ordered(
            dbt.concat([
                'rules.rule_id', "' +'", 'cast(rules.points as ' ~ text ~ ')'
            ]),
            '; ', '-rules.points'
        ) }} as fit_lines
    from mqa_windows
    inner join int_account_fit_rules_matched as rules
        on
            mqa_windows.account_id = rules.account_id
            and mqa_windows.definition_version = rules.definition_version
    group by mqa_windows.mqa_id

),

anonymous_activity as (

    select
        mqa_windows.mqa_id,
        count(*) as anonymous_page_views,
        count(distinct visits.anonymous_id) as anonymous_visitors
    from mqa_windows
    inner join int_anonymous_visits_attributed as visits
        on
            mqa_windows.account_id = visits.account_id
            and mqa_windows.window_start_date <= visits.view_date
            and mqa_windows.mqa_date >= visits.view_date
    group by mqa_windows.mqa_id

),

final as (

    select
        int_mqas_crossed.mqa_id,
        cast(coalesce(people_summary.engaged_people, 0) as {{ dbt.type_int() }}) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        cast(coalesce(people_summary.{{ role }}_people, 0) as {{ dbt.type_int() }}) as {{ role }}_people,
        {%- endfor %}
        cast(coalesce(people_summary.account_intent_score, 0) as {{ handoff.type_score() }}) as account_intent_score,
        cast(coalesce(anonymous_activity.anonymous_page_views, 0) as {{ dbt.type_int() }}) as anonymous_page_views,
        cast(coalesce(anonymous_activity.anonymous_visitors, 0) as {{ dbt.type_int() }}) as anonymous_visitors,
        {{ dbt.concat([
            "'MQA #'", 'cast(int_mqas_crossed.mqa_sequence as ' ~ text ~ ')',
            "' on '", 'cast(int_mqas_crossed.mqa_date as ' ~ text ~ ')',
            "' under definition v'", 'cast(int_mqas_crossed.definition_version as ' ~ text ~ ')',
            "' (at least '", 'cast(int_mqas_crossed.mqa_min_engaged_people as ' ~ text ~ ')',
            "' engaged people covering at least '", 'cast(int_mqas_crossed.mqa_min_roles as ' ~ text ~ ')',
            "' buying-committee roles within '", 'cast(int_mqas_crossed.mqa_window_days as ' ~ text ~ ')',
            "' days, account fit at least '", 'cast(int_mqas_crossed.mqa_account_fit_gate as ' ~ text ~ ')',
            "'). Engaged people: '", 'cast(int_mqas_crossed.engaged_people as ' ~ text ~ ')',
            "' - '", "coalesce(people_summary.people_lines, 'none')",
            "'. Roles covered: '", 'cast(int_mqas_crossed.roles_covered as ' ~ text ~ ')',
            "' ('",
            "'economic_buyer '", 'cast(coalesce(people_summary.economic_buyer_people, 0) as ' ~ text ~ ')',
            "', champion '", 'cast(coalesce(people_summary.champion_people, 0) as ' ~ text ~ ')',
            "', technical_evaluator '", 'cast(coalesce(people_summary.technical_evaluator_people, 0) as ' ~ text ~ ')',
            "', end_user '", 'cast(coalesce(people_summary.end_user_people, 0) as ' ~ text ~ ')',
            "'). Account fit '", 'cast(int_mqas_crossed.account_fit_score as ' ~ text ~ ')',
            "': '", "coalesce(fit_lines.fit_lines, 'no fit rule matched')",
            "'. Account intent '", 'cast(coalesce(people_summary.account_intent_score, 0) as ' ~ text ~ ')',
            "' (intent of the engaged people, decayed to the MQA date). Anonymous activity in the window: '",
            'cast(coalesce(anonymous_activity.anonymous_page_views, 0) as ' ~ text ~ ')',
            "' page views by '", 'cast(coalesce(anonymous_activity.anonymous_visitors, 0) as ' ~ text ~ ')',
            "' unidentified visitors (not counted towards the MQA). Third-party intent plays no part.'"
        ]) }} as explanation_text
    from int_mqas_crossed
    left join people_summary
        on int_mqas_crossed.mqa_id = people_summary.mqa_id
    left join fit_lines
        on int_mqas_crossed.mqa_id = fit_lines.mqa_id
    left join anonymous_activity
        on int_mqas_crossed.mqa_id = anonymous_activity.mqa_id

)

select * from final
