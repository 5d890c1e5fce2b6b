{#- Every HubSpot contact id, including ids merged away in HubSpot, with the email of the contact it now is and
    the Salesforce person that email identifies. Form submissions carry a HubSpot contact id; this is how they
    find their person. -#}
with

stg_hubspot__contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

stg_hubspot__contact_merges as (

    select * from {{ ref('stg_hubspot__contact_merges') }}

),

int_person_emails_resolved as (

    select * from {{ ref('int_person_emails_resolved') }}

),

contact_ids as (

    select
        hubspot_contact_id,
        hubspot_contact_id as canonical_hubspot_contact_id
    from stg_hubspot__contacts

    union all

    select
        stg_hubspot__contact_merges.merged_hubspot_contact_id as hubspot_contact_id,
        stg_hubspot__contact_merges.canonical_hubspot_contact_id
    from stg_hubspot__contact_merges
    where stg_hubspot__contact_merges.merged_hubspot_contact_id not in (
        select stg_hubspot__contacts.hubspot_contact_id from stg_hubspot__contacts
    )

),

deduplicated as (

    select
        hubspot_contact_id,
        min(canonical_hubspot_contact_id) as canonical_hubspot_contact_id
    from contact_ids
    group by hubspot_contact_id

),

final as (

    select
        deduplicated.hubspot_contact_id,
        deduplicated.canonical_hubspot_contact_id,
        stg_hubspot__contacts.email,
        int_person_emails_resolved.person_id
    from deduplicated
    left join stg_hubspot__contacts
        on deduplicated.canonical_hubspot_contact_id = stg_hubspot__contacts.hubspot_contact_id
    left join int_person_emails_resolved
        on stg_hubspot__contacts.email = int_person_emails_resolved.email

)

select * from final
