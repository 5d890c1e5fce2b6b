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

    select
        account_id,
        'industry' as account_attribute,
        industry as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from accounts
    union all
    select
        account_id,
        'country_code' as account_attribute,
        country_code as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from accounts
    union all
    select
        account_id,
        'region' as account_attribute,
        region as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from accounts
    union all
    select
        account_id,
        'employee_count' as account_attribute,
        cast(null as {{ dbt.type_string() }}) as text_value,
        cast(employee_count as {{ handoff.type_double() }}) as number_value
    from accounts
    union all
    select
        account_id,
        'annual_revenue' as account_attribute,
        cast(null as {{ dbt.type_string() }}) as text_value,
        cast(annual_revenue as {{ handoff.type_double() }}) as number_value
    from accounts

),

final as (

    select
        account_attributes.account_id,
        fit_rules.definition_version,
        fit_rules.rule_id,
        fit_rules.person_attribute as account_attribute,
        coalesce(
            account_attributes.text_value,
            cast(cast(account_attributes.number_value as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
        ) as matched_value,
        fit_rules.points,
        fit_rules.description
    from account_attributes
    inner join fit_rules
        on account_attributes.account_attribute = fit_rules.person_attribute
    where
        (
            account_attributes.text_value is not null
            and lower(account_attributes.text_value) = lower(fit_rules.match_value)
        )
        or (
            account_attributes.number_value is not null
            and (fit_rules.range_min is not null or fit_rules.range_max is not null)
            and (fit_rules.range_min is null or account_attributes.number_value >= fit_rules.range_min)
            and (fit_rules.range_max is null or account_attributes.number_value < fit_rules.range_max)
        )

)

select * from final
