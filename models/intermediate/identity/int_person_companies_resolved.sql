{#- Grain: one row per person of int_person_primary_records_selected. Method: the person's account is the
    primary contact's account, else the account the primary lead was converted into, resolved through Salesforce
    account merges to the surviving account (unmatched when no surviving account is found; domain matching comes
    with the accounts layer). The company attributes fit reads (name, domain, industry, size, revenue, country)
    come from that account when there is one, else from the lead; is_competitor_company flags a company domain in
    competitor_domains or an account typed Competitor. -#}
with

int_person_primary_records_selected as (

    select * from {{ ref('int_person_primary_records_selected') }}

),

stg_salesforce__record_merges as (

    select * from {{ ref('stg_salesforce__record_merges') }}

),

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

competitor_domains as (

    select * from {{ ref('competitor_domains') }}

),

account_candidates as (

    select
        person_id,
        case
            when contact_account_id is not null then 'contact_account'
            when lead_converted_account_id is not null then 'converted_lead_account'
        end as account_match_method,
        coalesce(contact_account_id, lead_converted_account_id) as raw_account_id
    from int_person_primary_records_selected

),

accounts_matched as (

    select
        account_candidates.person_id,
        stg_salesforce__accounts.account_id,
        stg_salesforce__accounts.account_type,
        stg_salesforce__accounts.is_customer,
        stg_salesforce__accounts.account_name,
        stg_salesforce__accounts.website_domain,
        stg_salesforce__accounts.industry,
        stg_salesforce__accounts.employee_count,
        stg_salesforce__accounts.annual_revenue,
        stg_salesforce__accounts.billing_country_code,
        stg_salesforce__accounts.billing_country,
        case
            when stg_salesforce__accounts.account_id is not null then account_candidates.account_match_method
            else 'unmatched'
        end as account_match_method
    from account_candidates
    left join stg_salesforce__record_merges as account_merges
        on
            account_candidates.raw_account_id = account_merges.merged_record_id
            and account_merges.record_type = 'account'
    left join stg_salesforce__accounts
        on
            coalesce(account_merges.surviving_record_id, account_candidates.raw_account_id)
            = stg_salesforce__accounts.account_id

),

companies as (

    select
        people.person_id,
        accounts_matched.account_id,
        accounts_matched.account_match_method,
        accounts_matched.account_type,
        coalesce(accounts_matched.is_customer, false) as is_existing_customer,
        coalesce(accounts_matched.account_name, people.lead_company_name) as company_name,
        coalesce(accounts_matched.website_domain, people.lead_website_domain) as company_domain,
        case
            when accounts_matched.account_id is not null then 'account'
            when people.lead_id is not null then 'lead'
        end as company_attribute_source,
        lower(
            case
                when accounts_matched.account_id is not null then accounts_matched.industry
                else people.lead_industry
            end
        ) as industry,
        case
            when accounts_matched.account_id is not null then accounts_matched.employee_count
            else people.lead_employee_count
        end as employee_count,
        case
            when accounts_matched.account_id is not null then accounts_matched.annual_revenue
            else people.lead_annual_revenue
        end as annual_revenue,
        coalesce(
            accounts_matched.billing_country_code,
            accounts_matched.billing_country,
            people.person_country
        ) as country,
        coalesce(accounts_matched.account_type = 'Competitor', false) as is_competitor_account
    from int_person_primary_records_selected as people
    left join accounts_matched
        on people.person_id = accounts_matched.person_id

),

final as (

    select
        companies.person_id,
        companies.account_id,
        companies.account_match_method,
        companies.account_type,
        companies.is_existing_customer,
        companies.company_name,
        companies.company_domain,
        companies.company_attribute_source,
        companies.industry,
        companies.employee_count,
        companies.annual_revenue,
        companies.country,
        coalesce(
            competitor_domains.competitor_domain is not null or companies.is_competitor_account, false
        ) as is_competitor_company
    from companies
    left join competitor_domains
        on companies.company_domain = competitor_domains.competitor_domain

)

select * from final
