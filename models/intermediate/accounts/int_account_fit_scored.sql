{#- One row per account and definition version: account fit points (the firmographic fit rules matched,
    int_account_fit_rules_matched), the hard exclusion that applies to the account under that version if any, and
    the account fit score (0 when excluded). Account-level exclusions, first that applies and only when the
    version's fit_exclusions row is active: competitor (account typed Competitor, or its website domain in
    competitor_domains), academic (website domain matching academic_domain_patterns), existing_customer (the
    account is a customer). personal_email describes a person's address, not an account. An MQA needs account
    fit at or above the version's mqa_account_fit_gate. -#}
with

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

int_account_fit_rules_matched as (

    select * from {{ ref('int_account_fit_rules_matched') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

fit_exclusions as (

    select * from {{ ref('fit_exclusions') }}

),

competitor_domains as (

    select * from {{ ref('competitor_domains') }}

),

academic_domain_patterns as (

    select * from {{ ref('academic_domain_patterns') }}

),

academic_domains as (

    select distinct stg_salesforce__accounts.website_domain
    from stg_salesforce__accounts
    inner join academic_domain_patterns
        on stg_salesforce__accounts.website_domain like academic_domain_patterns.domain_pattern

),

account_flags as (

    select
        stg_salesforce__accounts.account_id,
        coalesce(stg_salesforce__accounts.is_customer, false) as is_customer,
        coalesce(
            stg_salesforce__accounts.account_type = 'Competitor' or competitor_domains.competitor_domain is not null,
            false
        ) as is_competitor,
        academic_domains.website_domain is not null as is_academic
    from stg_salesforce__accounts
    left join competitor_domains
        on stg_salesforce__accounts.website_domain = competitor_domains.competitor_domain
    left join academic_domains
        on stg_salesforce__accounts.website_domain = academic_domains.website_domain

),

version_exclusions as (

    select
        definition_versions.definition_version,
        definition_versions.mqa_account_fit_gate,
        {{ handoff.fit_exclusion_is_active('competitor') }} as excludes_competitor,
        {{ handoff.fit_exclusion_is_active('academic') }} as excludes_academic,
        {{ handoff.fit_exclusion_is_active('existing_customer') }} as excludes_existing_customer
    from definition_versions
    left join fit_exclusions
        on definition_versions.definition_version = fit_exclusions.definition_version
    group by definition_versions.definition_version, definition_versions.mqa_account_fit_gate

),

points as (

    select
        account_id,
        definition_version,
        sum(points) as fit_points,
        count(*) as matched_rule_count
    from int_account_fit_rules_matched
    group by account_id, definition_version

),

account_versions as (

    select
        account_flags.account_id,
        version_exclusions.definition_version,
        version_exclusions.mqa_account_fit_gate,
        case
            when version_exclusions.excludes_competitor and account_flags.is_competitor then 'competitor'
            when version_exclusions.excludes_academic and account_flags.is_academic then 'academic'
            when version_exclusions.excludes_existing_customer and account_flags.is_customer
                then 'existing_customer'
        end as account_fit_exclusion
    from account_flags
    cross join version_exclusions

),

final as (

    select
        account_versions.account_id,
        account_versions.definition_version,
        cast(coalesce(points.fit_points, 0) as {{ dbt.type_int() }}) as account_fit_points,
        cast(coalesce(points.matched_rule_count, 0) as {{ dbt.type_int() }}) as matched_rule_count,
        account_versions.account_fit_exclusion,
        cast(
            case
                when account_versions.account_fit_exclusion is not null then 0
                else coalesce(points.fit_points, 0)
            end as {{ dbt.type_int() }}
        ) as account_fit_score,
        account_versions.mqa_account_fit_gate,
        account_versions.account_fit_exclusion is null
        and coalesce(points.fit_points, 0) >= account_versions.mqa_account_fit_gate as meets_account_fit_gate
    from account_versions
    left join points
        on
            account_versions.account_id = points.account_id
            and account_versions.definition_version = points.definition_version

)

select * from final
