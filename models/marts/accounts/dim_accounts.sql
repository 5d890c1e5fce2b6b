{#- One row per surviving Salesforce account, as of the build's as-of date (handoff.scoring_as_of_date): who it is,
    how its people were matched to it, its account fit and current engagement under the definition version in
    force that day (engaged people and buying-committee roles within the version's MQA window, first-party intent
    as the sum of its people's intent decayed to the as-of date, anonymous visits), its MQA state, its open MQLs,
    and third-party intent - shown for the sales priority queue's tie-break, never used to qualify. -#}
with

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

int_account_person_days_engaged as (

    select * from {{ ref('int_account_person_days_engaged') }}

),

int_anonymous_visits_attributed as (

    select * from {{ ref('int_anonymous_visits_attributed') }}

),

int_account_fit_scored as (

    select * from {{ ref('int_account_fit_scored') }}

),

int_mqas_crossed as (

    select * from {{ ref('int_mqas_crossed') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

dim_persons as (

    select * from {{ ref('dim_persons') }}

),

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

stg_intent__topic_scores as (

    select * from {{ ref('stg_intent__topic_scores') }}

),

version_in_force as (

    select
        int_definition_versions_resolved.definition_version,
        definition_versions.mqa_min_engaged_people,
        definition_versions.mqa_min_roles,
        definition_versions.mqa_window_days,
        definition_versions.mqa_account_fit_gate,
        cast({{ dbt.dateadd(
            'day', '1 - definition_versions.mqa_window_days', handoff.scoring_as_of_date()
        ) }} as date) as window_start_date
    from int_definition_versions_resolved
    inner join definition_versions
        on int_definition_versions_resolved.definition_version = definition_versions.definition_version
    where {{ handoff.is_in_force_on(versions='int_definition_versions_resolved') }}

),

match_counts as (

    select
        account_id,
        count(*) as matched_person_count,
        sum(case when account_match_method = 'converted_lead_account' then 1 else 0 end)
            as converted_lead_match_count,
        sum(case when account_match_method = 'contact_account' then 1 else 0 end) as contact_match_count,
        sum(case when account_match_method = 'email_domain' then 1 else 0 end) as email_domain_match_count,
        sum(case when is_shared_domain_match then 1 else 0 end) as shared_domain_match_count
    from int_persons_matched_to_accounts
    where account_id is not null
    group by account_id

),

window_people as (

    select
        engaged.account_id,
        engaged.person_id,
        max(engaged.buying_committee_role) as buying_committee_role,
        max(engaged.engaged_date) as last_engaged_date
    from int_account_person_days_engaged as engaged
    inner join version_in_force
        on
            engaged.engaged_date >= version_in_force.window_start_date
            and engaged.engaged_date <= {{ handoff.scoring_as_of_date() }}
    group by engaged.account_id, engaged.person_id

),

current_engagement as (

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

current_anonymous as (

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

people_intent as (

    select
        int_persons_matched_to_accounts.account_id,
        sum(dim_persons.intent_score) as account_intent_score
    from int_persons_matched_to_accounts
    inner join dim_persons
        on int_persons_matched_to_accounts.person_id = dim_persons.person_id
    where int_persons_matched_to_accounts.account_id is not null
    group by int_persons_matched_to_accounts.account_id

),

open_mqls as (

    select
        int_persons_matched_to_accounts.account_id,
        sum(case when fct_mqls.is_open then 1 else 0 end) as open_mql_count,
        sum(case when fct_mqls.is_open and fct_mqls.is_hot_mql then 1 else 0 end) as open_hot_mql_count
    from fct_mqls
    inner join int_persons_matched_to_accounts
        on fct_mqls.person_id = int_persons_matched_to_accounts.person_id
    where int_persons_matched_to_accounts.account_id is not null
    group by int_persons_matched_to_accounts.account_id

),

latest_mqas as (

    select
        *,
        count(*) over (partition by account_id) as mqa_count,
        row_number() over (partition by account_id order by mqa_date desc) as recency_rank
    from int_mqas_crossed

),

intent_weeks as (

    select
        int_account_domains_resolved.account_id,
        stg_intent__topic_scores.topic,
        stg_intent__topic_scores.week_start_date,
        stg_intent__topic_scores.surge_score
    from stg_intent__topic_scores
    inner join int_account_domains_resolved
        on stg_intent__topic_scores.account_domain = int_account_domains_resolved.website_domain
    where
        stg_intent__topic_scores.week_start_date <= {{ handoff.scoring_as_of_date() }}
        and stg_intent__topic_scores.week_start_date >= cast({{ dbt.dateadd(
            'day',
            -7 * (handoff.accounts_var('third_party_intent_lookback_weeks') | int - 1),
            dbt.date_trunc('week', handoff.scoring_as_of_date())
        ) }} as date)

),

third_party_ranked as (

    select
        account_id,
        topic,
        surge_score,
        row_number() over (
            partition by account_id
            order by surge_score desc, week_start_date desc, topic asc
        ) as surge_rank
    from intent_weeks

),

third_party_topics as (

    select
        account_id,
        count(distinct topic) as topic_count
    from intent_weeks
    group by account_id

),

third_party_intent as (

    select
        third_party_ranked.account_id,
        third_party_ranked.surge_score as third_party_intent_score,
        third_party_ranked.topic as third_party_top_topic,
        third_party_topics.topic_count as third_party_topic_count
    from third_party_ranked
    inner join third_party_topics
        on third_party_ranked.account_id = third_party_topics.account_id
    where third_party_ranked.surge_rank = 1

),

final as (

    select
        account_rows.account_id,
        account_rows.account_name,
        account_rows.parent_account_id,
        account_rows.owner_user_id,
        account_rows.website_domain,
        account_rows.account_type,
        coalesce(account_rows.is_customer, false) as is_customer,
        lower(account_rows.industry) as industry,
        account_rows.employee_count,
        {{ handoff.employee_segment('account_rows.employee_count') }} as segment,
        account_rows.annual_revenue,
        account_rows.billing_country,
        account_rows.billing_country_code,
        coalesce(domains.is_shared_domain, false) as is_shared_domain,
        coalesce(domains.account_id = account_rows.account_id, false) as is_domain_match_target,
        cast(coalesce(match_counts.matched_person_count, 0) as {{ dbt.type_int() }}) as matched_person_count,
        cast(coalesce(match_counts.converted_lead_match_count, 0) as {{ dbt.type_int() }})
            as converted_lead_match_count,
        cast(coalesce(match_counts.contact_match_count, 0) as {{ dbt.type_int() }}) as contact_match_count,
        cast(coalesce(match_counts.email_domain_match_count, 0) as {{ dbt.type_int() }})
            as email_domain_match_count,
        cast(coalesce(match_counts.shared_domain_match_count, 0) as {{ dbt.type_int() }})
            as shared_domain_match_count,
        {{ handoff.scoring_as_of_date() }} as as_of_date,
        version_in_force.definition_version,
        version_in_force.mqa_min_engaged_people,
        version_in_force.mqa_min_roles,
        version_in_force.mqa_window_days,
        version_in_force.mqa_account_fit_gate,
        fit.account_fit_points,
        fit.account_fit_exclusion,
        fit.account_fit_score,
        coalesce(fit.meets_account_fit_gate, false) as meets_account_fit_gate,
        cast(coalesce(current_engagement.engaged_people, 0) as {{ dbt.type_int() }}) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        cast(coalesce(current_engagement.{{ role }}_people, 0) as {{ dbt.type_int() }}) as {{ role }}_people,
        {%- endfor %}
        cast(coalesce(current_engagement.roles_covered, 0) as {{ dbt.type_int() }}) as roles_covered,
        {{ handoff.safe_divide(
            'coalesce(current_engagement.roles_covered, 0)', handoff.buying_committee_roles() | length
        ) }} as role_coverage_rate,
        {{ handoff.safe_divide('current_engagement.engaged_people', 'match_counts.matched_person_count') }}
            as engaged_share_of_matched_people,
        last_engagement.last_engaged_date,
        cast(coalesce(people_intent.account_intent_score, 0) as {{ handoff.type_score() }}) as account_intent_score,
        cast(coalesce(current_anonymous.anonymous_page_views, 0) as {{ dbt.type_int() }}) as anonymous_page_views,
        cast(coalesce(current_anonymous.anonymous_visitors, 0) as {{ dbt.type_int() }}) as anonymous_visitors,
        coalesce(
            coalesce(current_engagement.engaged_people, 0) >= version_in_force.mqa_min_engaged_people
            and coalesce(current_engagement.roles_covered, 0) >= version_in_force.mqa_min_roles
            and fit.meets_account_fit_gate,
            false
        ) as qualifies_as_mqa_now,
        cast(coalesce(latest_mqas.mqa_count, 0) as {{ dbt.type_int() }}) as mqa_count,
        latest_mqas.mqa_id as latest_mqa_id,
        latest_mqas.mqa_date as latest_mqa_date,
        latest_mqas.definition_version as latest_mqa_definition_version,
        coalesce(latest_mqas.is_open, false) as is_open_mqa,
        latest_mqas.lapsed_on as latest_mqa_lapsed_on,
        cast(coalesce(open_mqls.open_mql_count, 0) as {{ dbt.type_int() }}) as open_mql_count,
        cast(coalesce(open_mqls.open_hot_mql_count, 0) as {{ dbt.type_int() }}) as open_hot_mql_count,
        third_party_intent.third_party_intent_score,
        third_party_intent.third_party_top_topic,
        cast(coalesce(third_party_intent.third_party_topic_count, 0) as {{ dbt.type_int() }})
            as third_party_topic_count
    from stg_salesforce__accounts as account_rows
    left join int_account_domains_resolved as domains
        on account_rows.website_domain = domains.website_domain
    left join match_counts
        on account_rows.account_id = match_counts.account_id
    left join version_in_force
        on 1 = 1
    left join int_account_fit_scored as fit
        on
            account_rows.account_id = fit.account_id
            and version_in_force.definition_version = fit.definition_version
    left join current_engagement
        on account_rows.account_id = current_engagement.account_id
    left join last_engagement
        on account_rows.account_id = last_engagement.account_id
    left join people_intent
        on account_rows.account_id = people_intent.account_id
    left join current_anonymous
        on account_rows.account_id = current_anonymous.account_id
    left join latest_mqas
        on account_rows.account_id = latest_mqas.account_id and latest_mqas.recency_rank = 1
    left join open_mqls
        on account_rows.account_id = open_mqls.account_id
    left join third_party_intent
        on account_rows.account_id = third_party_intent.account_id

)

select * from final
