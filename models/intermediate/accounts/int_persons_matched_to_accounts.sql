{#- Grain: one row per person (int_persons_unified) with the account they belong to and how it was found.
    Method: the first method that finds a surviving account wins:
    1. converted_lead_account: the account one of the person's leads was converted into (the most recent
       conversion; ties by lead id);
    2. contact_account: the account of one of the person's contacts (the earliest-created contact with one; ties
       by contact id);
    3. email_domain: the person's email domain equals an account's website domain (int_account_domains_resolved,
       whose documented rule picks one account when several share the domain: the tie is kept on the row).
       Personal mail domains (int_persons_unified.is_free_email_domain) never match.
    The CRM links (1 and 2, merges resolved) come from int_person_crm_account_links_ranked. A person no method
    finds is unmatched, with the reason. -#}

with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

int_person_crm_account_links_ranked as (

    select * from {{ ref('int_person_crm_account_links_ranked') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

domain_links as (

    select
        int_persons_unified.person_id,
        int_account_domains_resolved.account_id,
        int_account_domains_resolved.website_domain,
        int_account_domains_resolved.candidate_account_count,
        int_account_domains_resolved.is_shared_domain,
        int_account_domains_resolved.domain_resolution
    from int_persons_unified
    inner join int_account_domains_resolved
        on int_persons_unified.email_domain = int_account_domains_resolved.website_domain
    where not int_persons_unified.is_free_email_domain

),

person_links as (

    select
        int_persons_unified.person_id,
        int_persons_unified.email_domain,
        int_persons_unified.is_free_email_domain,
        int_persons_unified.seniority,
        int_persons_unified.job_function,
        int_persons_unified.account_id as identity_account_id,
        crm_links.converted_account_id,
        crm_links.converted_lead_id,
        crm_links.contact_account_id,
        crm_links.contact_id,
        domain_links.account_id as domain_account_id,
        domain_links.website_domain,
        domain_links.candidate_account_count,
        domain_links.is_shared_domain,
        domain_links.domain_resolution
    from int_persons_unified
    left join int_person_crm_account_links_ranked as crm_links
        on int_persons_unified.person_id = crm_links.person_id
    left join domain_links
        on int_persons_unified.person_id = domain_links.person_id

),

final as (

    select
        person_id,
        email_domain,
        is_free_email_domain,
        seniority,
        job_function,
        identity_account_id,
        coalesce(converted_account_id, contact_account_id, domain_account_id) as account_id,
        case
            when converted_account_id is not null then 'converted_lead_account'
            when contact_account_id is not null then 'contact_account'
            when domain_account_id is not null then 'email_domain'
            else 'unmatched'
        end as account_match_method,
        case
            when converted_account_id is not null then converted_lead_id
            when contact_account_id is not null then contact_id
        end as matched_record_id,
        case
            when converted_account_id is null and contact_account_id is null then website_domain
        end as matched_domain,
        coalesce(
            converted_account_id is null and contact_account_id is null and is_shared_domain, false
        ) as is_shared_domain_match,
        case
            when converted_account_id is null and contact_account_id is null then candidate_account_count
        end as domain_candidate_account_count,
        case
            when converted_account_id is null and contact_account_id is null then domain_resolution
        end as domain_resolution,
        case
            when coalesce(converted_account_id, contact_account_id, domain_account_id) is not null then null
            when email_domain is null then 'no_email_domain'
            when is_free_email_domain then 'free_email_domain'
            else 'no_account_for_domain'
        end as unmatched_reason,
        coalesce(
            coalesce(converted_account_id, contact_account_id, domain_account_id) = identity_account_id,
            coalesce(converted_account_id, contact_account_id, domain_account_id) is null
            and identity_account_id is null
        ) as is_same_as_identity_account
    from person_links

)

select * from final
