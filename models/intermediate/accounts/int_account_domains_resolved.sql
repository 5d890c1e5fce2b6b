{#- One row per web domain that identifies an account: every website domain of a surviving Salesforce account,
    except personal mail domains (free_email_domains), which never identify a company. When several accounts share
    a domain (a parent and its subsidiary, a duplicate), one rule picks the account that domain matches:
    1. the account with the most surviving contacts (where the people already are),
    2. then the lowest account id (Salesforce ids grow with creation, so the oldest account).
    The tie stays visible: how many accounts held the domain, and which step of the rule decided. -#}
with

stg_salesforce__accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

free_email_domains as (

    select * from {{ ref('free_email_domains') }}

),

contact_counts as (

    select
        account_id,
        count(*) as contact_count
    from stg_salesforce__contacts
    where account_id is not null
    group by account_id

),

domain_accounts as (

    select
        stg_salesforce__accounts.website_domain,
        stg_salesforce__accounts.account_id,
        coalesce(contact_counts.contact_count, 0) as contact_count
    from stg_salesforce__accounts
    left join contact_counts
        on stg_salesforce__accounts.account_id = contact_counts.account_id
    left join free_email_domains
        on stg_salesforce__accounts.website_domain = free_email_domains.email_domain
    where
        stg_salesforce__accounts.website_domain is not null
        and free_email_domains.email_domain is null

),

ranked as (

    select
        *,
        row_number() over (
            partition by website_domain
            order by contact_count desc, account_id asc
        ) as domain_rank,
        count(*) over (partition by website_domain) as candidate_account_count,
        max(contact_count) over (partition by website_domain) as most_contacts
    from domain_accounts

),

most_contacts_ties as (

    select
        website_domain,
        count(*) as accounts_with_most_contacts
    from ranked
    where contact_count = most_contacts
    group by website_domain

),

candidates as (

    select
        website_domain,
        {{ handoff.string_agg_ordered('account_id', ', ') }} as candidate_account_ids
    from ranked
    group by website_domain

),

final as (

    select
        ranked.website_domain,
        ranked.account_id,
        cast(ranked.candidate_account_count as {{ dbt.type_int() }}) as candidate_account_count,
        cast(ranked.contact_count as {{ dbt.type_int() }}) as chosen_account_contact_count,
        candidates.candidate_account_ids,
        ranked.candidate_account_count > 1 as is_shared_domain,
        case
            when ranked.candidate_account_count = 1 then 'single_account'
            when most_contacts_ties.accounts_with_most_contacts = 1 then 'most_contacts'
            else 'lowest_account_id'
        end as domain_resolution
    from ranked
    inner join most_contacts_ties
        on ranked.website_domain = most_contacts_ties.website_domain
    inner join candidates
        on ranked.website_domain = candidates.website_domain
    where ranked.domain_rank = 1

)

select * from final
