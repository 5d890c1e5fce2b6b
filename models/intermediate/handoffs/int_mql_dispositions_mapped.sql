{#- One row per MQL with what sales decided about it, read from lead history (stg_salesforce__lead_history) through
    the lead_status_mapping seed, so each company's own statuses map to one vocabulary. The decision is the first
    status version of one of the person's leads (int_person_records_mapped) that became current from the MQL's
    clock start (inclusive) until the person's next MQL (exclusive), up to the as-of moment, whose status is
    decisive, i.e. mapped to a disposition other than open or working, or not in the seed at all:
    - sales_accepted or converted -> accepted;
    - rejected, nurture or recycled (sales returned it to marketing) -> rejected, with the seed's
      rejection_reason_code, `unspecified` when the seed has none;
    - a status missing from the seed -> disposition and reason code `unmapped`: it is kept and counted (add it to
      the seed), never dropped or guessed.
    No decisive status (or no lead history: handoff__using_lead_history off, or a contact without leads) -> open.
    Ties at the same instant: by lead id. -#}
with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

stg_salesforce__lead_history as (

    select * from {{ ref('stg_salesforce__lead_history') }}

),

lead_status_mapping as (

    select * from {{ ref('lead_status_mapping') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

person_status_versions as (

    select
        int_person_records_mapped.person_id,
        stg_salesforce__lead_history.lead_id,
        stg_salesforce__lead_history.lead_status,
        stg_salesforce__lead_history.valid_from_at,
        coalesce(lead_status_mapping.disposition, 'unmapped') as mapped_disposition,
        case
            when lead_status_mapping.lead_status is null then 'unmapped'
            when lead_status_mapping.disposition in ('rejected', 'nurture', 'recycled')
                then coalesce(nullif(lead_status_mapping.rejection_reason_code, ''), 'unspecified')
        end as rejection_reason_code
    from stg_salesforce__lead_history
    inner join int_person_records_mapped
        on stg_salesforce__lead_history.lead_id = int_person_records_mapped.record_id
    left join lead_status_mapping
        on stg_salesforce__lead_history.lead_status = lead_status_mapping.lead_status
    where
        stg_salesforce__lead_history.valid_from_at is not null
        and coalesce(lead_status_mapping.disposition, 'unmapped') not in ('open', 'working')

),

decisions as (

    select
        int_mqls_defined.mql_id,
        person_status_versions.lead_id,
        person_status_versions.lead_status,
        person_status_versions.valid_from_at,
        person_status_versions.mapped_disposition,
        person_status_versions.rejection_reason_code,
        row_number() over (
            partition by int_mqls_defined.mql_id
            order by person_status_versions.valid_from_at, person_status_versions.lead_id
        ) as decision_rank
    from int_mqls_defined
    inner join person_status_versions
        on
            int_mqls_defined.person_id = person_status_versions.person_id
            and int_mqls_defined.mql_at <= person_status_versions.valid_from_at
            and (
                int_mqls_defined.next_mql_at is null
                or int_mqls_defined.next_mql_at > person_status_versions.valid_from_at
            )
            and person_status_versions.valid_from_at < {{ handoff.handoff_as_of_at() }}

),

final as (

    select
        int_mqls_defined.mql_id,
        decisions.lead_id as decision_lead_id,
        decisions.lead_status as decision_lead_status,
        decisions.valid_from_at as decided_at,
        decisions.mapped_disposition,
        cast(
            case
                when decisions.mapped_disposition in ('sales_accepted', 'converted') then 'accepted'
                when decisions.mapped_disposition in ('rejected', 'nurture', 'recycled') then 'rejected'
                when decisions.mapped_disposition = 'unmapped' then 'unmapped'
                else 'open'
            end as {{ dbt.type_string() }}
        ) as status_disposition,
        decisions.rejection_reason_code
    from int_mqls_defined
    left join decisions
        on int_mqls_defined.mql_id = decisions.mql_id and decisions.decision_rank = 1

)

select * from final
