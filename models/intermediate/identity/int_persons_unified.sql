{#- Grain: one row per person across Salesforce leads and contacts (int_person_records_mapped says who is one
    person). Method: assembles one-job models, all one to one on person_id or on a lookup key - the primary
    records and their details (int_person_primary_records_selected), the account and company attributes
    (int_person_companies_resolved), seniority and job function (int_person_titles_parsed), the email domain's
    flags (int_email_domains_classified) - and maps the country to its region (country_regions) and the lead
    status to its disposition (lead_status_mapping). -#}
with

int_person_primary_records_selected as (

    select * from {{ ref('int_person_primary_records_selected') }}

),

int_person_companies_resolved as (

    select * from {{ ref('int_person_companies_resolved') }}

),

int_person_titles_parsed as (

    select * from {{ ref('int_person_titles_parsed') }}

),

int_email_domains_classified as (

    select * from {{ ref('int_email_domains_classified') }}

),

country_regions as (

    select * from {{ ref('country_regions') }}

),

lead_status_mapping as (

    select * from {{ ref('lead_status_mapping') }}

),

final as (

    select
        people.person_id,
        people.contact_id,
        people.lead_id,
        people.record_count,
        people.lead_count,
        people.contact_count,
        people.email,
        people.email_domain,
        people.first_name,
        people.last_name,
        people.title,
        companies.account_id,
        companies.account_match_method,
        companies.account_type,
        country_regions.country_code,
        country_regions.region,
        people.lead_status,
        lead_status_mapping.disposition as lead_disposition,
        lead_status_mapping.rejection_reason_code,
        people.lead_source,
        people.is_converted,
        people.first_converted_date,
        people.created_at,
        companies.is_existing_customer,
        companies.company_name,
        companies.company_domain,
        companies.company_attribute_source,
        companies.industry,
        companies.employee_count,
        companies.annual_revenue,
        companies.country,
        case when people.contact_id is not null then 'contact' else 'lead' end as person_type,
        coalesce(email_domains.is_free_email_domain, false) as is_free_email_domain,
        coalesce(email_domains.is_academic_email_domain, false) as is_academic_email_domain,
        coalesce(titles.seniority, 'unknown') as seniority,
        coalesce(titles.job_function, 'unknown') as job_function,
        coalesce(email_domains.is_competitor_email_domain, false) or companies.is_competitor_company
            as is_competitor
    from int_person_primary_records_selected as people
    inner join int_person_companies_resolved as companies
        on people.person_id = companies.person_id
    left join int_email_domains_classified as email_domains
        on people.email_domain = email_domains.email_domain
    left join int_person_titles_parsed as titles
        on people.title = titles.title
    left join country_regions
        on lower(trim(companies.country)) = country_regions.country_key
    left join lead_status_mapping
        on people.lead_status = lead_status_mapping.lead_status

)

select * from final
