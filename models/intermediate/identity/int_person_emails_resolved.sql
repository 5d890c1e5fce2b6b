{#- One row per email address known on a Salesforce lead or contact, with the person it identifies. Engagement
    events carry emails (HubSpot recipients, Segment identifies, HubSpot contacts); this is how they find their
    person. When an address sits on records of two persons (a converted lead's old address re-used by a new
    lead), the person whose contact carries it wins, then the earliest-created record. -#}
with

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

ranked as (

    select
        email,
        person_id,
        record_id,
        record_type,
        row_number() over (
            partition by email
            order by
                case when record_type = 'contact' then 0 else 1 end,
                case when created_at is null then 1 else 0 end,
                created_at,
                record_id
        ) as email_rank
    from int_person_records_mapped
    where email is not null and not is_merged_away

),

final as (

    select
        email,
        person_id,
        record_id as matched_record_id,
        record_type as matched_record_type
    from ranked
    where email_rank = 1

)

select * from final
