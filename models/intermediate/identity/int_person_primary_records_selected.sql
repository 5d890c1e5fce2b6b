{#- Grain: one row per person of int_person_records_mapped. Method: rank each person's surviving (not merged
    away) leads and contacts by creation (ties by id) and take the earliest contact and the earliest lead as the
    primary records; the person's details come from the primary contact when there is one, else from the primary
    lead (country: the lead's, else the contact's mailing country). The lead's company fields are kept apart for
    int_person_companies_resolved, which prefers the account's. -#}
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

final as (

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

)

select * from final
