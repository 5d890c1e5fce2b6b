{#- Grain: one row per account engaged or visited anonymously up to the build's as-of date
    (handoff.scoring_as_of_date). Method: within the MQA window of the definition version in force that day
    (int_definition_versions_resolved: the mqa_window_days days ending on the as-of date), its engaged people
    (each counted once, with their buying-committee role) and the roles they cover, and its unidentified page
    views and visitors (int_anonymous_visits_attributed); its last engaged day at any time up to the as-of date.
    Whether the account qualifies is decided once, in int_mqas_crossed: this model only describes. -#}
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

version_in_force as (

    select
        definition_version,
        cast({{ dbt.dateadd('day', '1 - mqa_window_days', handoff.scoring_as_of_date()) }} as date)
            as window_start_date
    from int_definition_versions_resolved
    where {{ handoff.is_in_force_on() }}

),

window_people as (

    select
        engaged.account_id,
        engaged.person_id,
        max(engaged.buying_committee_role) as buying_committee_role
    from int_account_person_days_engaged as engaged
    inner join version_in_force
        on
            engaged.engaged_date >= version_in_force.window_start_date
            and engaged.engaged_date <= {{ handoff.scoring_as_of_date() }}
    group by engaged.account_id, engaged.person_id

),

window_engagement as (

    select
        account_id,
        count(*) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        sum(case when buying_committee_role = '{{ role }}' then 1 else 0 end) as {{ role }}_people,
        {%- endfor %}
        count(distinct case when buying_committee_role <> 'unassigned' then buying_committee_role end)
            as roles_covered
    from window_people
    group by account_id

),

last_engagement as (

    select
        account_id,
        max(engaged_date) as last_engaged_date
    from int_account_person_days_engaged
    where engaged_date <= {{ handoff.scoring_as_of_date() }}
    group by account_id

),

window_anonymous as (

    select
        visits.account_id,
        count(*) as anonymous_page_views,
        count(distinct visits.anonymous_id) as anonymous_visitors
    from int_anonymous_visits_attributed as visits
    inner join version_in_force
        on
            visits.view_date >= version_in_force.window_start_date
            and visits.view_date <= {{ handoff.scoring_as_of_date() }}
    where visits.account_id is not null
    group by visits.account_id

),

accounts as (

    select account_id from last_engagement
    union
    select account_id from window_anonymous

),

final as (

    select
        accounts.account_id,
        coalesce(window_engagement.engaged_people, 0) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        coalesce(window_engagement.{{ role }}_people, 0) as {{ role }}_people,
        {%- endfor %}
        coalesce(window_engagement.roles_covered, 0) as roles_covered,
        coalesce(window_anonymous.anonymous_page_views, 0) as anonymous_page_views,
        coalesce(window_anonymous.anonymous_visitors, 0) as anonymous_visitors,
        last_engagement.last_engaged_date
    from accounts
    left join window_engagement
        on accounts.account_id = window_engagement.account_id
    left join window_anonymous
        on accounts.account_id = window_anonymous.account_id
    left join last_engagement
        on accounts.account_id = last_engagement.account_id

)

select * from final
