{#- One row per person and day on which sales rejected or recycled them: a lead-history version whose status
    maps (lead_status_mapping) to the disposition rejected or recycled, when the previous version's did not.
    A rejection recycles the person: their intent starts again from zero the next day, and they can become a
    new MQL. Needs lead history (handoff__using_lead_history); without it, only going cold recycles. -#}
with

stg_salesforce__lead_history as (

    select * from {{ ref('stg_salesforce__lead_history') }}

),

lead_status_mapping as (

    select * from {{ ref('lead_status_mapping') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

versions as (

    select
        stg_salesforce__lead_history.lead_id,
        stg_salesforce__lead_history.lead_status,
        stg_salesforce__lead_history.valid_from_at,
        lead_status_mapping.disposition,
        lead_status_mapping.rejection_reason_code,
        lag(lead_status_mapping.disposition) over (
            partition by stg_salesforce__lead_history.lead_id
            order by stg_salesforce__lead_history.valid_from_at
        ) as previous_disposition
    from stg_salesforce__lead_history
    left join lead_status_mapping
        on stg_salesforce__lead_history.lead_status = lead_status_mapping.lead_status

),

rejections as (

    select
        int_person_records_mapped.person_id,
        cast(versions.valid_from_at as date) as rejected_on,
        versions.valid_from_at as rejected_at,
        versions.lead_id,
        versions.lead_status,
        versions.disposition,
        versions.rejection_reason_code,
        row_number() over (
            partition by int_person_records_mapped.person_id, cast(versions.valid_from_at as date)
            order by versions.valid_from_at, versions.lead_id
        ) as day_rank
    from versions
    inner join int_person_records_mapped
        on versions.lead_id = int_person_records_mapped.record_id
    where
        versions.disposition in ('rejected', 'recycled')
        and (versions.previous_disposition is null or versions.previous_disposition not in ('rejected', 'recycled'))
        and versions.valid_from_at is not null

),

final as (

    select
        person_id,
        rejected_on,
        rejected_at,
        lead_id,
        lead_status,
        disposition,
        rejection_reason_code
    from rejections
    where day_rank = 1

)

select * from final
