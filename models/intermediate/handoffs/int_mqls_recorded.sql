{#- The MQLs of the external definition `crm`: the MQL dates the company already records on its Salesforce leads
    and contacts (handoff__crm_mql_date_fields), one MQL per person and distinct date (a converted lead and its
    contact carrying the same date are one MQL), with the same columns as int_mqls_timestamped so the handoff
    models read both alike. The clock starts at 00:00 UTC of the recorded date (`recorded_date`: a date field
    carries no time), the channel is `none`. Empty while no field is set. -#}
with

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

recorded_dates as (

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

person_dates as (

    select distinct
        int_person_records_mapped.person_id,
        recorded_dates.recorded_mql_date as mql_date
    from recorded_dates
    inner join int_person_records_mapped
        on recorded_dates.record_id = int_person_records_mapped.record_id

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
