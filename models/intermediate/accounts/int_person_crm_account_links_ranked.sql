{#- Grain: one row per person with at least one CRM link to a surviving account. Method: among the person's
    surviving records (int_person_records_mapped), the converted lead link is the account the most recently
    converted lead was converted into (ties by lead id), and the contact link is the account of the
    earliest-created contact with one (ties by contact id); both account ids are resolved through Salesforce
    account merges, and a link whose account never survived is no link. int_persons_matched_to_accounts decides
    which link wins. -#}
with

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

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
        stg_salesforce__leads.lead_id,
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
        stg_salesforce__contacts.contact_id,
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

linked_people as (

    select person_id from converted_links
    union
    select person_id from contact_links

),

final as (

    select
        linked_people.person_id,
        converted_links.account_id as converted_account_id,
        converted_links.lead_id as converted_lead_id,
        contact_links.account_id as contact_account_id,
        contact_links.contact_id
    from linked_people
    left join converted_links
        on linked_people.person_id = converted_links.person_id and converted_links.link_rank = 1
    left join contact_links
        on linked_people.person_id = contact_links.person_id and contact_links.link_rank = 1

)

select * from final
