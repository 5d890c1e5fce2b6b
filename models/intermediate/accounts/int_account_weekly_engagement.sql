{#- One row per account and week (Monday start) with any engaged person or any attributed anonymous visit - no
    account x calendar grid. Per week: engaged people (positive intent points that week, int_account_person_days_engaged),
    how many of them hold each buying-committee role and how many of the four roles are covered, the account's
    first-party intent (the sum of its engaged people's intent, each as of their last engaged day of the week:
    decayed intent as the scoring layer computes it), and anonymous activity (page views of never-identified
    visitors attributed to the account by reverse-IP domain; intent page views are those whose signal scores
    positive points under the definition version in effect that day). Third-party intent is not here: it only
    breaks ties in the sales priority queue. -#}
with

int_account_person_days_engaged as (

    select * from {{ ref('int_account_person_days_engaged') }}

),

int_anonymous_visits_attributed as (

    select * from {{ ref('int_anonymous_visits_attributed') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

intent_rules as (

    select * from {{ ref('intent_rules') }}

),

engaged_days as (

    select
        account_id,
        person_id,
        engaged_date,
        buying_committee_role,
        intent_score,
        cast({{ dbt.date_trunc('week', 'engaged_date') }} as date) as week_start_date
    from int_account_person_days_engaged

),

person_weeks as (

    select
        *,
        row_number() over (
            partition by account_id, person_id, week_start_date
            order by engaged_date desc
        ) as recency_rank
    from engaged_days

),

engagement_weeks as (

    select
        account_id,
        week_start_date,
        count(*) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        sum(case when buying_committee_role = '{{ role }}' then 1 else 0 end) as {{ role }}_people,
        {%- endfor %}
        count(distinct case when buying_committee_role <> 'unassigned' then buying_committee_role end)
            as roles_covered,
        sum(intent_score) as account_intent_score
    from person_weeks
    where recency_rank = 1
    group by account_id, week_start_date

),

anonymous_views as (

    select
        int_anonymous_visits_attributed.account_id,
        int_anonymous_visits_attributed.anonymous_id,
        cast({{ dbt.date_trunc('week', 'int_anonymous_visits_attributed.view_date') }} as date) as week_start_date,
        coalesce(intent_rules.points > 0, false) as is_intent_page_view
    from int_anonymous_visits_attributed
    left join int_definition_versions_resolved as versions
        on {{ handoff.is_in_force_on('int_anonymous_visits_attributed.view_date', 'versions') }}
    left join intent_rules
        on
            versions.definition_version = intent_rules.definition_version
            and int_anonymous_visits_attributed.signal_type = intent_rules.signal_type
    where int_anonymous_visits_attributed.account_id is not null

),

anonymous_weeks as (

    select
        account_id,
        week_start_date,
        count(*) as anonymous_page_views,
        sum(case when is_intent_page_view then 1 else 0 end) as anonymous_intent_page_views,
        count(distinct anonymous_id) as anonymous_visitors
    from anonymous_views
    group by account_id, week_start_date

),

final as (

    select
        coalesce(engagement_weeks.account_id, anonymous_weeks.account_id) as account_id,
        coalesce(engagement_weeks.week_start_date, anonymous_weeks.week_start_date) as week_start_date,
        cast(coalesce(engagement_weeks.engaged_people, 0) as {{ dbt.type_int() }}) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        cast(coalesce(engagement_weeks.{{ role }}_people, 0) as {{ dbt.type_int() }}) as {{ role }}_people,
        {%- endfor %}
        cast(coalesce(engagement_weeks.roles_covered, 0) as {{ dbt.type_int() }}) as roles_covered,
        cast(coalesce(engagement_weeks.account_intent_score, 0) as {{ handoff.type_score() }}) as account_intent_score,
        cast(coalesce(anonymous_weeks.anonymous_page_views, 0) as {{ dbt.type_int() }}) as anonymous_page_views,
        cast(coalesce(anonymous_weeks.anonymous_intent_page_views, 0) as {{ dbt.type_int() }})
            as anonymous_intent_page_views,
        cast(coalesce(anonymous_weeks.anonymous_visitors, 0) as {{ dbt.type_int() }}) as anonymous_visitors
    from engagement_weeks
    full outer join anonymous_weeks
        on
            engagement_weeks.account_id = anonymous_weeks.account_id
            and engagement_weeks.week_start_date = anonymous_weeks.week_start_date

)

select * from final
