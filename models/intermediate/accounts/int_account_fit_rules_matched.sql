{#- One row per account, definition version and fit rule the account matches. Account fit is the firmographic part
    of the version's fit rules - the rules on industry, employee_count, annual_revenue, country_code and region,
    read from the account itself (seniority and job_function rules describe people, not accounts). Categorical
    rules compare lowercased values; numeric rules test range_min <= value < range_max (an empty bound is open),
    as for people (int_person_fit_rules_matched). -#}
with

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

fit_rules as (

    select * from {{ ref('fit_rules') }}

),

country_regions as (

    select * from {{ ref('country_regions') }}

),

accounts as (

    select
        stg_salesforce__accounts.account_id,
        stg_salesforce__accounts.employee_count,
        stg_salesforce__accounts.annual_revenue,
        country_regions.country_code,
        country_regions.region,
        lower(stg_salesforce__accounts.industry) as industry
    from stg_salesforce__accounts
    left join country_regions
        on
            lower(trim(coalesce(
                stg_salesforce__accounts.billing_country_code, stg_salesforce__accounts.billing_country
            ))) = country_regions.country_key

),

account_attributes as (

    {{ handoff.fit_attributes_unpivoted(
        'accounts', 'account_id', 'account_attribute',
        text_attributes=['industry', 'country_code', 'region'],
        number_attributes=['employee_count', 'annual_revenue']
    ) }}

),

final as (

    select
        account_attributes.account_id,
        fit_rules.definition_version,
        fit_rules.rule_id,
        fit_rules.person_attribute as account_attribute,
        {{ handoff.fit_matched_value('account_attributes') }} as matched_value,
        fit_rules.points,
        fit_rules.description
    from account_attributes
    inner join fit_rules
        on account_attributes.account_attribute = fit_rules.person_attribute
    where {{ handoff.fit_rule_is_met('account_attributes', 'fit_rules') }}

)

select * from final
