{#- One row per person, as of the build's as-of date (handoff.scoring_as_of_date): who they are
    (int_persons_unified), their fit and intent under the definition version in force that day (intent decayed
    from their last evaluated day to the as-of date: int_person_intent_current), the quadrant and action, their
    latest MQL (int_person_mqls_latest), and how many of their events were filtered as bots or ignored. -#}
with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

int_person_fit_scored as (

    select * from {{ ref('int_person_fit_scored') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

int_person_intent_current as (

    select * from {{ ref('int_person_intent_current') }}

),

int_person_engagement_summarized as (

    select * from {{ ref('int_person_engagement_summarized') }}

),

int_person_mqls_latest as (

    select * from {{ ref('int_person_mqls_latest') }}

),

version_in_force as (

    select *
    from int_definition_versions_resolved
    where {{ handoff.is_in_force_on() }}

),

scored as (

    select
        int_persons_unified.*,
        version_in_force.definition_version,
        version_in_force.fit_gate,
        version_in_force.fit_high_cutoff,
        version_in_force.intent_high_cutoff,
        int_person_fit_scored.fit_points,
        int_person_fit_scored.fit_exclusion,
        int_person_fit_scored.fit_score,
        cast(coalesce(intent_current.intent_score, 0) as {{ handoff.type_score() }}) as intent_score,
        intent_current.last_scored_date
    from int_persons_unified
    left join version_in_force
        on 1 = 1
    left join int_person_fit_scored
        on
            int_persons_unified.person_id = int_person_fit_scored.person_id
            and version_in_force.definition_version = int_person_fit_scored.definition_version
    left join int_person_intent_current as intent_current
        on int_persons_unified.person_id = intent_current.person_id

),

final as (

    select
        scored.person_id,
        scored.contact_id,
        scored.lead_id,
        scored.person_type,
        scored.email,
        scored.email_domain,
        scored.is_free_email_domain,
        scored.is_academic_email_domain,
        scored.is_competitor,
        scored.is_existing_customer,
        scored.first_name,
        scored.last_name,
        scored.title,
        scored.seniority,
        scored.job_function,
        scored.lead_source,
        scored.account_id,
        scored.account_match_method,
        scored.company_name,
        scored.company_domain,
        scored.industry,
        scored.employee_count,
        scored.annual_revenue,
        scored.country_code,
        scored.region,
        scored.lead_status,
        scored.lead_disposition,
        scored.created_at,
        {{ handoff.scoring_as_of_date() }} as as_of_date,
        scored.definition_version,
        scored.fit_points,
        scored.fit_exclusion,
        scored.fit_score,
        scored.intent_score,
        scored.last_scored_date,
        scored.fit_score >= scored.fit_gate as meets_fit_gate,
        case
            when scored.definition_version is not null then
            {{ handoff.fit_intent_quadrant(
                'scored.fit_score', 'scored.intent_score', 'scored.fit_high_cutoff', 'scored.intent_high_cutoff') }}
        end as quadrant,
        case
            when scored.definition_version is not null then
            {{ handoff.quadrant_action(
                'scored.fit_score', 'scored.intent_score', 'scored.fit_high_cutoff', 'scored.intent_high_cutoff') }}
        end as recommended_action,
        cast(coalesce(latest_mqls.mql_count, 0) as {{ dbt.type_int() }}) as mql_count,
        latest_mqls.latest_mql_id,
        latest_mqls.latest_mql_date,
        coalesce(latest_mqls.is_latest_mql_open, false) as is_open_mql,
        coalesce(latest_mqls.is_latest_mql_hot and latest_mqls.is_latest_mql_open, false) as is_open_hot_mql,
        latest_mqls.latest_mql_recycled_on,
        latest_mqls.latest_mql_recycle_reason,
        cast(coalesce(engagement.engagement_event_count, 0) as {{ dbt.type_int() }}) as engagement_event_count,
        cast(coalesce(engagement.filtered_event_count, 0) as {{ dbt.type_int() }}) as filtered_event_count,
        cast(coalesce(engagement.filtered_hubspot_flag_count, 0) as {{ dbt.type_int() }})
            as filtered_hubspot_flag_count,
        cast(coalesce(engagement.filtered_marketo_flag_count, 0) as {{ dbt.type_int() }})
            as filtered_marketo_flag_count,
        cast(coalesce(engagement.filtered_scanner_user_agent_count, 0) as {{ dbt.type_int() }})
            as filtered_scanner_user_agent_count,
        cast(coalesce(engagement.filtered_fast_click_count, 0) as {{ dbt.type_int() }}) as filtered_fast_click_count,
        cast(coalesce(engagement.filtered_all_links_count, 0) as {{ dbt.type_int() }}) as filtered_all_links_count,
        cast(coalesce(engagement.email_open_count, 0) as {{ dbt.type_int() }}) as email_open_count,
        engagement.first_engaged_at,
        engagement.last_engaged_at
    from scored
    left join int_person_mqls_latest as latest_mqls
        on scored.person_id = latest_mqls.person_id
    left join int_person_engagement_summarized as engagement
        on scored.person_id = engagement.person_id

)

select * from final
