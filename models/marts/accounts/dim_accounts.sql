{#- Grain: one row per surviving Salesforce account, as of the build's as-of date (handoff.scoring_as_of_date).
    Method: assembles one-job intermediate models, each at most one row per account - who it is (staging) and its
    domain (int_account_domains_resolved), its people rolled up (int_account_people_summarized: matches, their
    intent decayed to the as-of date, open MQLs), the definition version in force with its MQA settings
    (int_definition_versions_resolved) and the account fit under it (int_account_fit_scored), its engagement in
    that version's MQA window (int_account_engagement_current), its MQAs (int_account_mqas_latest: it qualifies
    now exactly when its latest MQA is open) and third-party intent (int_account_third_party_intent_summarized),
    shown for the sales priority queue's tie-break, never used to qualify. Eight parents, all joined one to one
    on account_id: that is a dimension's assembly, not several jobs. -#}
with

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

int_account_people_summarized as (

    select * from {{ ref('int_account_people_summarized') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

int_account_fit_scored as (

    select * from {{ ref('int_account_fit_scored') }}

),

int_account_engagement_current as (

    select * from {{ ref('int_account_engagement_current') }}

),

int_account_mqas_latest as (

    select * from {{ ref('int_account_mqas_latest') }}

),

int_account_third_party_intent_summarized as (

    select * from {{ ref('int_account_third_party_intent_summarized') }}

),

version_in_force as (

    select
        definition_version,
        mqa_min_engaged_people,
        mqa_min_roles,
        mqa_window_days,
        mqa_account_fit_gate
    from int_definition_versions_resolved
    where {{ handoff.is_in_force_on() }}

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
        cast(coalesce(people.matched_person_count, 0) as {{ dbt.type_int() }}) as matched_person_count,
        cast(coalesce(people.converted_lead_match_count, 0) as {{ dbt.type_int() }})
            as converted_lead_match_count,
        cast(coalesce(people.contact_match_count, 0) as {{ dbt.type_int() }}) as contact_match_count,
        cast(coalesce(people.email_domain_match_count, 0) as {{ dbt.type_int() }}) as email_domain_match_count,
        cast(coalesce(people.shared_domain_match_count, 0) as {{ dbt.type_int() }}) as shared_domain_match_count,
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
        cast(coalesce(engagement.engaged_people, 0) as {{ dbt.type_int() }}) as engaged_people,
        {%- for role in handoff.buying_committee_roles() %}
        cast(coalesce(engagement.{{ role }}_people, 0) as {{ dbt.type_int() }}) as {{ role }}_people,
        {%- endfor %}
        cast(coalesce(engagement.roles_covered, 0) as {{ dbt.type_int() }}) as roles_covered,
        {{ handoff.safe_divide(
            'coalesce(engagement.roles_covered, 0)', handoff.buying_committee_roles() | length
        ) }} as role_coverage_rate,
        -- null, not 0, when nobody is engaged in the window
        {{ handoff.safe_divide('nullif(engagement.engaged_people, 0)', 'people.matched_person_count') }}
            as engaged_share_of_matched_people,
        engagement.last_engaged_date,
        cast(coalesce(people.account_intent_score, 0) as {{ handoff.type_score() }}) as account_intent_score,
        cast(coalesce(engagement.anonymous_page_views, 0) as {{ dbt.type_int() }}) as anonymous_page_views,
        cast(coalesce(engagement.anonymous_visitors, 0) as {{ dbt.type_int() }}) as anonymous_visitors,
        coalesce(mqas.is_latest_mqa_open, false) as qualifies_as_mqa_now,
        cast(coalesce(mqas.mqa_count, 0) as {{ dbt.type_int() }}) as mqa_count,
        mqas.latest_mqa_id,
        mqas.latest_mqa_date,
        mqas.latest_mqa_definition_version,
        coalesce(mqas.is_latest_mqa_open, false) as is_open_mqa,
        mqas.latest_mqa_lapsed_on,
        cast(coalesce(people.open_mql_count, 0) as {{ dbt.type_int() }}) as open_mql_count,
        cast(coalesce(people.open_hot_mql_count, 0) as {{ dbt.type_int() }}) as open_hot_mql_count,
        third_party.third_party_intent_score,
        third_party.third_party_top_topic,
        cast(coalesce(third_party.third_party_topic_count, 0) as {{ dbt.type_int() }}) as third_party_topic_count
    from stg_salesforce__accounts as account_rows
    left join int_account_domains_resolved as domains
        on account_rows.website_domain = domains.website_domain
    left join int_account_people_summarized as people
        on account_rows.account_id = people.account_id
    left join version_in_force
        on 1 = 1
    left join int_account_fit_scored as fit
        on
            account_rows.account_id = fit.account_id
            and version_in_force.definition_version = fit.definition_version
    left join int_account_engagement_current as engagement
        on account_rows.account_id = engagement.account_id
    left join int_account_mqas_latest as mqas
        on account_rows.account_id = mqas.account_id
    left join int_account_third_party_intent_summarized as third_party
        on account_rows.account_id = third_party.account_id

)

select * from final
