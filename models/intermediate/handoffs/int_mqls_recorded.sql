{#- The MQLs of the external definition `crm`: the MQL dates the company already records on its Salesforce leads
    and contacts, HubSpot contacts and Marketo leads (handoff__crm_mql_date_fields), one MQL per person and
    distinct date (a converted lead and its contact, or a CRM record and its marketing-tool record, carrying the
    same date are one MQL), with the same columns as int_mqls_timestamped so the handoff models read both alike.
    HubSpot contacts and Marketo leads find their person as their engagement does (int_hubspot_contacts_resolved,
    int_marketo_leads_resolved); a record that resolves to no one (e.g. a deleted Marketo lead) makes no MQL. The clock starts at 00:00 UTC of the recorded date (`recorded_date`: a date field
    carries no time), the channel is `none`. Empty while no field is set. -#}
with

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

stg_hubspot__contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

stg_marketo__leads as (

    select * from {{ ref('stg_marketo__leads') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

int_hubspot_contacts_resolved as (

    select * from {{ ref('int_hubspot_contacts_resolved') }}

),

int_marketo_leads_resolved as (

    select * from {{ ref('int_marketo_leads_resolved') }}

),

crm_recorded_dates as (

    select
        lead_id as record_id,
        recorded_mql_date
    from stg_salesforce__leads
    where recorded_mql_date is not null

    union all

    select
        contact_id as record_id,
        recorded_mql_date
    from stg_salesforce__contacts
    where recorded_mql_date is not null

),

recorded_person_dates as (

    select
        int_person_records_mapped.person_id,
        crm_recorded_dates.recorded_mql_date
    from crm_recorded_dates
    inner join int_person_records_mapped
        on crm_recorded_dates.record_id = int_person_records_mapped.record_id

    union all

    select
        int_hubspot_contacts_resolved.person_id,
        stg_hubspot__contacts.recorded_mql_date
    from stg_hubspot__contacts
    inner join int_hubspot_contacts_resolved
        on stg_hubspot__contacts.hubspot_contact_id = int_hubspot_contacts_resolved.hubspot_contact_id
    where stg_hubspot__contacts.recorded_mql_date is not null

    union all

    select
        int_marketo_leads_resolved.person_id,
        stg_marketo__leads.recorded_mql_date
    from stg_marketo__leads
    inner join int_marketo_leads_resolved
        on stg_marketo__leads.marketo_lead_id = int_marketo_leads_resolved.marketo_lead_id
    where stg_marketo__leads.recorded_mql_date is not null

),

person_dates as (

    select distinct
        person_id,
        recorded_mql_date as mql_date
    from recorded_person_dates
    where person_id is not null

),

sequenced as (

    select
        person_id,
        mql_date,
        cast(row_number() over (partition by person_id order by mql_date) as {{ dbt.type_int() }}) as mql_sequence
    from person_dates

),

final as (

    select
        {{ dbt.concat(["'crm:'", 'person_id', "':'", 'cast(mql_date as ' ~ dbt.type_string() ~ ')']) }} as mql_id,
        person_id,
        mql_date,
        mql_sequence,
        cast({{ handoff.recorded_mql_definition_key() }} as {{ dbt.type_string() }}) as definition_key,
        cast(null as {{ dbt.type_int() }}) as definition_version,
        cast(mql_date as {{ dbt.type_timestamp() }}) as mql_at,
        cast('recorded_date' as {{ dbt.type_string() }}) as mql_clock_rule,
        cast('none' as {{ dbt.type_string() }}) as mql_channel,
        lead(cast(mql_date as {{ dbt.type_timestamp() }})) over (
            partition by person_id order by mql_sequence
        ) as next_mql_at
    from sequenced

)

select * from final
