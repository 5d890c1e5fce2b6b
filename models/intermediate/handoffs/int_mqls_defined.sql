{#- Every MQL under every definition, one shape: Handoff's own (int_mqls_timestamped, keyed `v<version>`) and the
    external definition the company records today (int_mqls_recorded, keyed `crm`). The handoff models (touches,
    dispositions, opportunities, segments) read this, so both definitions' handoffs are measured by one set of
    rules. next_mql_at stays within a definition: a CRM MQL never ends a Handoff MQL's handoff, nor the reverse. -#}
with

int_mqls_timestamped as (

    select * from {{ ref('int_mqls_timestamped') }}

),

int_mqls_recorded as (

    select * from {{ ref('int_mqls_recorded') }}

),

final as (

    select
        mql_id,
        person_id,
        mql_date,
        mql_sequence,
        cast({{ handoff.definition_key('definition_version') }} as {{ dbt.type_string() }}) as definition_key,
        definition_version,
        mql_at,
        mql_clock_rule,
        mql_channel,
        next_mql_at
    from int_mqls_timestamped

    union all

    select
        mql_id,
        person_id,
        mql_date,
        mql_sequence,
        definition_key,
        definition_version,
        mql_at,
        mql_clock_rule,
        mql_channel,
        next_mql_at
    from int_mqls_recorded

)

select * from final
