{#- How well people, anonymous visits and web domains resolve to accounts: one row per population and outcome,
    with its count, its share of the population, and the ties behind it.
    - persons: by account_match_method (converted_lead_account, contact_account, email_domain) and, for the
      unmatched, by reason (free_email_domain, no_email_domain, no_account_for_domain); with how many matched
      through a domain several accounts share (shared_domain_tie_count) and how many got a different account
      than the identity layer's basic link (int_persons_unified.account_id).
    - anonymous_page_views: attributed by reverse-IP company domain, or unattributed by reason.
    - account_domains: the website domains accounts hold - held by one account, or shared and decided by the most
      contacts or, failing that, by the lowest account id. -#}
with

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

int_anonymous_visits_attributed as (

    select * from {{ ref('int_anonymous_visits_attributed') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

outcomes as (

    select
        'persons' as population,
        account_match_method as match_method,
        unmatched_reason,
        count(*) as record_count,
        sum(case when is_shared_domain_match then 1 else 0 end) as shared_domain_tie_count,
        sum(case when is_same_as_identity_account then 0 else 1 end) as identity_link_difference_count
    from int_persons_matched_to_accounts
    group by account_match_method, unmatched_reason

    union all

    select
        'anonymous_page_views' as population,
        case when account_id is not null then 'company_domain' else 'unmatched' end as match_method,
        case when account_id is null then attribution_status end as unmatched_reason,
        count(*) as record_count,
        sum(case when is_shared_domain_match then 1 else 0 end) as shared_domain_tie_count,
        0 as identity_link_difference_count
    from int_anonymous_visits_attributed
    group by
        case when account_id is not null then 'company_domain' else 'unmatched' end,
        case when account_id is null then attribution_status end

    union all

    select
        'account_domains' as population,
        domain_resolution as match_method,
        cast(null as {{ dbt.type_string() }}) as unmatched_reason,
        count(*) as record_count,
        sum(case when is_shared_domain then 1 else 0 end) as shared_domain_tie_count,
        0 as identity_link_difference_count
    from int_account_domains_resolved
    group by domain_resolution

),

final as (

    select
        {{ dbt.concat([
            'population', "':'", 'match_method', "coalesce(" ~ dbt.concat(["':'", 'unmatched_reason']) ~ ", '')"
        ]) }} as match_quality_id,
        population,
        match_method,
        unmatched_reason,
        match_method <> 'unmatched' as is_matched,
        cast(record_count as {{ dbt.type_int() }}) as record_count,
        cast(sum(record_count) over (partition by population) as {{ dbt.type_int() }}) as population_count,
        {{ handoff.safe_divide('record_count', 'sum(record_count) over (partition by population)') }}
            as share_of_population,
        cast(shared_domain_tie_count as {{ dbt.type_int() }}) as shared_domain_tie_count,
        {{ handoff.safe_divide('shared_domain_tie_count', 'record_count') }} as shared_domain_tie_rate,
        cast(identity_link_difference_count as {{ dbt.type_int() }}) as identity_link_difference_count
    from outcomes

)

select * from final
