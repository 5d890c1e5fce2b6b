{#- Every Salesforce lead and contact id (surviving or merged away) mapped to the person it belongs to.

    Who is one person: a contact and the leads converted into it; records that share an email address (a lead
    re-created for an existing contact, two duplicate leads). Records without an email stand alone unless a
    conversion links them. A merged-away record (deleted by a Salesforce merge) belongs to its survivor's person.

    person_id: the id of the person's earliest-created record (lead or contact; ties by id). It is stable when a
    lead converts (the lead stays the earliest record) and when a new lead is added for a known person; it moves
    only when that earliest record is itself merged away. -#}
with

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

stg_salesforce__record_merges as (

    select * from {{ ref('stg_salesforce__record_merges') }}

),

contact_groups as (

    select
        contact_id as record_id,
        'contact' as record_type,
        email,
        created_at,
        case
            when email is not null then {{ dbt.concat(["'email:'", 'email']) }}
            else {{ dbt.concat(["'contact:'", 'contact_id']) }}
        end as group_key
    from stg_salesforce__contacts

),

leads_with_contact as (

    select
        stg_salesforce__leads.lead_id,
        stg_salesforce__leads.email,
        stg_salesforce__leads.created_at,
        coalesce(contact_merges.surviving_record_id, stg_salesforce__leads.converted_contact_id)
            as converted_contact_id
    from stg_salesforce__leads
    left join stg_salesforce__record_merges as contact_merges
        on
            stg_salesforce__leads.converted_contact_id = contact_merges.merged_record_id
            and contact_merges.record_type = 'contact'

),

lead_groups as (

    select
        leads_with_contact.lead_id as record_id,
        'lead' as record_type,
        leads_with_contact.email,
        leads_with_contact.created_at,
        case
            when contact_groups.group_key is not null then contact_groups.group_key
            when leads_with_contact.email is not null then {{ dbt.concat(["'email:'", 'leads_with_contact.email']) }}
            else {{ dbt.concat(["'lead:'", 'leads_with_contact.lead_id']) }}
        end as group_key
    from leads_with_contact
    left join contact_groups
        on leads_with_contact.converted_contact_id = contact_groups.record_id

),

surviving_records as (

    select * from contact_groups
    union all
    select * from lead_groups

),

ranked_records as (

    select
        *,
        row_number() over (
            partition by group_key
            order by case when created_at is null then 1 else 0 end, created_at, record_id
        ) as age_rank
    from surviving_records

),

persons as (

    select
        group_key,
        record_id as person_id
    from ranked_records
    where age_rank = 1

),

surviving_mapped as (

    select
        surviving_records.record_id,
        surviving_records.record_type,
        persons.person_id,
        false as is_merged_away,
        surviving_records.record_id as surviving_record_id,
        surviving_records.email,
        surviving_records.created_at
    from surviving_records
    inner join persons
        on surviving_records.group_key = persons.group_key

),

merged_away_mapped as (

    select
        stg_salesforce__record_merges.merged_record_id as record_id,
        stg_salesforce__record_merges.record_type,
        surviving_mapped.person_id,
        true as is_merged_away,
        stg_salesforce__record_merges.surviving_record_id,
        cast(null as {{ dbt.type_string() }}) as email,
        cast(null as {{ dbt.type_timestamp() }}) as created_at
    from stg_salesforce__record_merges
    inner join surviving_mapped
        on stg_salesforce__record_merges.surviving_record_id = surviving_mapped.record_id
    where stg_salesforce__record_merges.record_type in ('lead', 'contact')

),

final as (

    select * from surviving_mapped
    union all
    select * from merged_away_mapped

)

select * from final
