{#- One row per person (int_persons_unified) with the account they belong to and how it was found. The first
    method that finds a surviving account wins:
    1. converted_lead_account: the account one of the person's leads was converted into (the most recent
       conversion; ties by lead id);
    2. contact_account: the account of one of the person's contacts (the earliest-created contact with one; ties
       by contact id);
    3. email_domain: the person's email domain equals an account's website domain (int_account_domains_resolved,
       whose documented rule picks one account when several share the domain: the tie is kept on the row).
       Personal mail domains (free_email_domains) never match.
    Account ids from CRM links are resolved through Salesforce merges to the surviving account. A person no
    method finds is unmatched, with the reason. Each person also gets a buying-committee role from their seniority
    and job function (buying_committee_roles seed: the lowest-priority row whose seniority and job_function equal
    the person's, an empty value matching any). -#}
with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

stg_salesforce__record_merges as (

    select * from {{ ref('stg_salesforce__record_merges') }}

),

free_email_domains as (

    select * from {{ ref('free_email_domains') }}

),

buying_committee_roles as (

    select * from {{ ref('buying_committee_roles') }}

),

account_merges as (

    select
        merged_record_id,
        surviving_record_id
    from stg_salesforce__record_merges
    where record_type = 'account'

),

surviving_records as (

    select
        person_id,
        record_id,
        record_type
    from int_person_records_mapped
    where not is_merged_away

),

converted_links as (

    select
        surviving_records.person_id,
        stg_salesforce__leads.lead_id as matched_record_id,
        stg_salesforce__accounts.account_id,
        row_number() over (
            partition by surviving_records.person_id
            order by
                case when stg_salesforce__leads.converted_date is null then 1 else 0 end,
                stg_salesforce__leads.converted_date desc,
                stg_salesforce__leads.lead_id asc
        ) as link_rank
    from surviving_records
    inner join stg_salesforce__leads
        on surviving_records.record_id = stg_salesforce__leads.lead_id
    left join account_merges
        on stg_salesforce__leads.converted_account_id = account_merges.merged_record_id
    inner join stg_salesforce__accounts
        on
            coalesce(account_merges.surviving_record_id, stg_salesforce__leads.converted_account_id)
            = stg_salesforce__accounts.account_id
    where surviving_records.record_type = 'lead'

),

contact_links as (

    select
        surviving_records.person_id,
        stg_salesforce__contacts.contact_id as matched_record_id,
        stg_salesforce__accounts.account_id,
        row_number() over (
            partition by surviving_records.person_id
            order by
                case when stg_salesforce__contacts.created_at is null then 1 else 0 end,
                stg_salesforce__contacts.created_at asc,
                stg_salesforce__contacts.contact_id asc
        ) as link_rank
    from surviving_records
    inner join stg_salesforce__contacts
        on surviving_records.record_id = stg_salesforce__contacts.contact_id
    left join account_merges
        on stg_salesforce__contacts.account_id = account_merges.merged_record_id
    inner join stg_salesforce__accounts
        on
            coalesce(account_merges.surviving_record_id, stg_salesforce__contacts.account_id)
            = stg_salesforce__accounts.account_id
    where surviving_records.record_type = 'contact'

),

person_domains as (

    select
        int_persons_unified.person_id,
        int_persons_unified.email_domain,
        free_email_domains.email_domain is not null as is_free_email_domain
    from int_persons_unified
    left join free_email_domains
        on int_persons_unified.email_domain = free_email_domains.email_domain

),

domain_links as (

    select
        person_domains.person_id,
        int_account_domains_resolved.account_id,
        int_account_domains_resolved.website_domain,
        int_account_domains_resolved.candidate_account_count,
        int_account_domains_resolved.is_shared_domain,
        int_account_domains_resolved.domain_resolution
    from person_domains
    inner join int_account_domains_resolved
        on person_domains.email_domain = int_account_domains_resolved.website_domain
    where not person_domains.is_free_email_domain

),

title_roles as (

    select
        titles.seniority,
        titles.job_function,
        buying_committee_roles.buying_committee_role,
        row_number() over (
            partition by titles.seniority, titles.job_function
            order by buying_committee_roles.priority, buying_committee_roles.buying_committee_role
        ) as role_rank
    from (
        select distinct
            seniority,
            job_function
        from int_persons_unified
    ) as titles
    inner join buying_committee_roles
        on
            (
                nullif(buying_committee_roles.seniority, '') is null
                or titles.seniority = buying_committee_roles.seniority
            )
            and (
                nullif(buying_committee_roles.job_function, '') is null
                or titles.job_function = buying_committee_roles.job_function
            )

),

matched as (

    select
        int_persons_unified.person_id,
        int_persons_unified.email_domain,
        int_persons_unified.seniority,
        int_persons_unified.job_function,
        int_persons_unified.account_id as identity_account_id,
        person_domains.is_free_email_domain,
        converted_links.account_id as converted_account_id,
        converted_links.matched_record_id as converted_lead_id,
        contact_links.account_id as contact_account_id,
        contact_links.matched_record_id as contact_id,
        domain_links.account_id as domain_account_id,
        domain_links.website_domain,
        domain_links.candidate_account_count,
        domain_links.is_shared_domain,
        domain_links.domain_resolution,
        title_roles.buying_committee_role
    from int_persons_unified
    inner join person_domains
        on int_persons_unified.person_id = person_domains.person_id
    left join converted_links
        on int_persons_unified.person_id = converted_links.person_id and converted_links.link_rank = 1
    left join contact_links
        on int_persons_unified.person_id = contact_links.person_id and contact_links.link_rank = 1
    left join domain_links
        on int_persons_unified.person_id = domain_links.person_id
    left join title_roles
        on
            int_persons_unified.seniority = title_roles.seniority
            and int_persons_unified.job_function = title_roles.job_function
            and title_roles.role_rank = 1

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
        coalesce(buying_committee_role, 'unassigned') as buying_committee_role,
        coalesce(
            coalesce(converted_account_id, contact_account_id, domain_account_id) = identity_account_id,
            coalesce(converted_account_id, contact_account_id, domain_account_id) is null
            and identity_account_id is null
        ) as is_same_as_identity_account
    from matched

)

select * from final
