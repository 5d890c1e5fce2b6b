{#- One row per person across Salesforce leads and contacts (int_person_records_mapped says who is one person).
    The person's details come from their primary contact (the earliest) when they have one, else from their
    primary lead; the company attributes fit needs come from the account when one is known, else from the lead.
    Seniority and job function are parsed from the title through the title pattern seeds. The account: the
    contact's account first, else the account the lead was converted into, both resolved through merges to the
    surviving account (domain matching comes with the accounts layer). -#}
with

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

stg_salesforce__record_merges as (

    select * from {{ ref('stg_salesforce__record_merges') }}

),

lead_status_mapping as (

    select * from {{ ref('lead_status_mapping') }}

),

free_email_domains as (

    select * from {{ ref('free_email_domains') }}

),

competitor_domains as (

    select * from {{ ref('competitor_domains') }}

),

academic_domain_patterns as (

    select * from {{ ref('academic_domain_patterns') }}

),

title_seniority_patterns as (

    select * from {{ ref('title_seniority_patterns') }}

),

title_function_patterns as (

    select * from {{ ref('title_function_patterns') }}

),

country_regions as (

    select * from {{ ref('country_regions') }}

),

surviving_records as (

    select
        person_id,
        record_id,
        record_type,
        created_at,
        row_number() over (
            partition by person_id, record_type
            order by case when created_at is null then 1 else 0 end, created_at, record_id
        ) as type_rank
    from int_person_records_mapped
    where not is_merged_away

),

-- Counts and the primary contact and lead in one pass, joined to staging by id below: filtering the ranked records
-- once per record type made Postgres guess one row and nest a loop over every person (issue 18).
person_records as (

    select
        person_id,
        count(*) as record_count,
        sum(case when record_type = 'lead' then 1 else 0 end) as lead_count,
        sum(case when record_type = 'contact' then 1 else 0 end) as contact_count,
        min(created_at) as first_created_at,
        max(case when record_type = 'contact' and type_rank = 1 then record_id end) as primary_contact_id,
        max(case when record_type = 'lead' and type_rank = 1 then record_id end) as primary_lead_id
    from surviving_records
    group by person_id

),

converted_leads as (

    select
        int_person_records_mapped.person_id,
        min(stg_salesforce__leads.converted_date) as first_converted_date
    from int_person_records_mapped
    inner join stg_salesforce__leads
        on int_person_records_mapped.record_id = stg_salesforce__leads.lead_id
    where stg_salesforce__leads.is_converted
    group by int_person_records_mapped.person_id

),

combined as (

    select
        person_records.person_id,
        primary_contacts.contact_id,
        primary_leads.lead_id,
        person_records.record_count,
        person_records.lead_count,
        person_records.contact_count,
        primary_contacts.account_id as contact_account_id,
        primary_leads.converted_account_id as lead_converted_account_id,
        primary_leads.company_name as lead_company_name,
        primary_leads.website_domain as lead_website_domain,
        primary_leads.industry as lead_industry,
        primary_leads.employee_count as lead_employee_count,
        primary_leads.annual_revenue as lead_annual_revenue,
        primary_leads.lead_status,
        person_records.first_created_at as created_at,
        converted_leads.first_converted_date,
        coalesce(primary_contacts.email, primary_leads.email) as email,
        coalesce(primary_contacts.email_domain, primary_leads.email_domain) as email_domain,
        coalesce(primary_contacts.first_name, primary_leads.first_name) as first_name,
        coalesce(primary_contacts.last_name, primary_leads.last_name) as last_name,
        coalesce(primary_contacts.title, primary_leads.title) as title,
        coalesce(primary_leads.country, primary_contacts.mailing_country) as person_country,
        coalesce(primary_contacts.lead_source, primary_leads.lead_source) as lead_source,
        coalesce(converted_leads.person_id is not null, false) as is_converted
    from person_records
    left join stg_salesforce__contacts as primary_contacts
        on person_records.primary_contact_id = primary_contacts.contact_id
    left join stg_salesforce__leads as primary_leads
        on person_records.primary_lead_id = primary_leads.lead_id
    left join converted_leads
        on person_records.person_id = converted_leads.person_id

),

account_candidates as (

    select
        combined.person_id,
        case
            when combined.contact_account_id is not null then 'contact_account'
            when combined.lead_converted_account_id is not null then 'converted_lead_account'
        end as account_match_method,
        coalesce(combined.contact_account_id, combined.lead_converted_account_id) as raw_account_id
    from combined

),

accounts_matched as (

    select
        account_candidates.person_id,
        stg_salesforce__accounts.account_id,
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

titles as (

    select distinct
        title,
        {{ dbt.concat([
            "' '",
            "trim(" ~ handoff.regexp_replace_all('lower(title)', '[^a-z0-9]+', ' ') ~ ")",
            "' '"
        ]) }} as padded_title
    from combined
    where title is not null

),

title_seniorities as (

    select
        titles.title,
        title_seniority_patterns.seniority,
        row_number() over (
            partition by titles.title
            order by title_seniority_patterns.priority, title_seniority_patterns.title_pattern
        ) as match_rank
    from titles
    inner join title_seniority_patterns
        on titles.padded_title like title_seniority_patterns.title_pattern

),

title_functions as (

    select
        titles.title,
        title_function_patterns.job_function,
        row_number() over (
            partition by titles.title
            order by title_function_patterns.priority, title_function_patterns.title_pattern
        ) as match_rank
    from titles
    inner join title_function_patterns
        on titles.padded_title like title_function_patterns.title_pattern

),

academic_domains as (

    select distinct combined.email_domain
    from combined
    inner join academic_domain_patterns
        on combined.email_domain like academic_domain_patterns.domain_pattern

),

final as (

    select
        combined.person_id,
        combined.contact_id,
        combined.lead_id,
        combined.record_count,
        combined.lead_count,
        combined.contact_count,
        combined.email,
        combined.email_domain,
        combined.first_name,
        combined.last_name,
        combined.title,
        accounts_matched.account_id,
        accounts_matched.account_match_method,
        stg_salesforce__accounts.account_type,
        country_regions.country_code,
        country_regions.region,
        combined.lead_status,
        lead_status_mapping.disposition as lead_disposition,
        lead_status_mapping.rejection_reason_code,
        combined.lead_source,
        combined.is_converted,
        combined.first_converted_date,
        combined.created_at,
        case when combined.contact_id is not null then 'contact' else 'lead' end as person_type,
        coalesce(free_email_domains.email_domain is not null, false) as is_free_email_domain,
        coalesce(academic_domains.email_domain is not null, false) as is_academic_email_domain,
        coalesce(title_seniorities.seniority, 'unknown') as seniority,
        coalesce(title_functions.job_function, 'unknown') as job_function,
        coalesce(stg_salesforce__accounts.is_customer, false) as is_existing_customer,
        coalesce(stg_salesforce__accounts.account_name, combined.lead_company_name) as company_name,
        coalesce(stg_salesforce__accounts.website_domain, combined.lead_website_domain) as company_domain,
        case
            when stg_salesforce__accounts.account_id is not null then 'account'
            when combined.lead_id is not null then 'lead'
        end as company_attribute_source,
        lower(
            case
                when stg_salesforce__accounts.account_id is not null then stg_salesforce__accounts.industry
                else combined.lead_industry
            end
        ) as industry,
        case
            when stg_salesforce__accounts.account_id is not null then stg_salesforce__accounts.employee_count
            else combined.lead_employee_count
        end as employee_count,
        case
            when stg_salesforce__accounts.account_id is not null then stg_salesforce__accounts.annual_revenue
            else combined.lead_annual_revenue
        end as annual_revenue,
        coalesce(
            stg_salesforce__accounts.billing_country_code,
            stg_salesforce__accounts.billing_country,
            combined.person_country
        ) as country,
        coalesce(
            competitor_email.competitor_domain is not null
            or competitor_company.competitor_domain is not null
            or stg_salesforce__accounts.account_type = 'Competitor',
            false
        ) as is_competitor
    from combined
    left join accounts_matched
        on combined.person_id = accounts_matched.person_id
    left join stg_salesforce__accounts
        on accounts_matched.account_id = stg_salesforce__accounts.account_id
    left join free_email_domains
        on combined.email_domain = free_email_domains.email_domain
    left join academic_domains
        on combined.email_domain = academic_domains.email_domain
    left join competitor_domains as competitor_email
        on combined.email_domain = competitor_email.competitor_domain
    left join competitor_domains as competitor_company
        on
            coalesce(stg_salesforce__accounts.website_domain, combined.lead_website_domain)
            = competitor_company.competitor_domain
    left join title_seniorities
        on combined.title = title_seniorities.title and title_seniorities.match_rank = 1
    left join title_functions
        on combined.title = title_functions.title and title_functions.match_rank = 1
    left join country_regions
        on
            lower(trim(coalesce(
                stg_salesforce__accounts.billing_country_code,
                stg_salesforce__accounts.billing_country,
                combined.person_country
            ))) = country_regions.country_key
    left join lead_status_mapping
        on combined.lead_status = lead_status_mapping.lead_status

)

select * from final
