{#- Two definitions side by side, person by person: each Handoff version (`v<n>`) against each external definition
    the company records (`crm`). Grain: definition_key, compared_definition_key, person_id, for every person an MQL
    under either. overlap_status: `both` (each calls them an MQL), `definition_only` (Handoff's version does, the
    company's record does not), `compared_only` (the reverse); days_between = the compared definition's first MQL
    date minus this version's (positive: the company's record came later). This is what adopting a version would
    change, before anyone signs it off. Counts add up: both + definition_only = people Handoff's version calls MQLs,
    both + compared_only = people the external definition does (tests/definitions). -#}
with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

first_mqls as (

    select
        definition_key,
        person_id,
        max(case when definition_version is null then 1 else 0 end) as is_external,
        min(mql_date) as first_mql_date,
        count(*) as mql_count
    from int_mqls_defined
    group by definition_key, person_id

),

handoff_versions as (

    select * from first_mqls
    where is_external = 0

),

external_definitions as (

    select * from first_mqls
    where is_external = 1

),

compared_pairs as (

    select distinct
        handoff_versions.definition_key,
        external_definitions.definition_key as compared_definition_key
    from handoff_versions
    cross join external_definitions

),

persons as (

    select
        compared_pairs.definition_key,
        compared_pairs.compared_definition_key,
        handoff_versions.person_id
    from compared_pairs
    inner join handoff_versions
        on compared_pairs.definition_key = handoff_versions.definition_key

    union

    select
        compared_pairs.definition_key,
        compared_pairs.compared_definition_key,
        external_definitions.person_id
    from compared_pairs
    inner join external_definitions
        on compared_pairs.compared_definition_key = external_definitions.definition_key

),

final as (

    select
        cast(persons.definition_key as {{ dbt.type_string() }}) as definition_key,
        cast(persons.compared_definition_key as {{ dbt.type_string() }}) as compared_definition_key,
        persons.person_id,
        handoff_versions.first_mql_date,
        external_definitions.first_mql_date as compared_first_mql_date,
        cast(coalesce(handoff_versions.mql_count, 0) as {{ dbt.type_int() }}) as mql_count,
        cast(coalesce(external_definitions.mql_count, 0) as {{ dbt.type_int() }}) as compared_mql_count,
        cast(
            case
                when handoff_versions.person_id is not null and external_definitions.person_id is not null
                    then 'both'
                when handoff_versions.person_id is not null then 'definition_only'
                else 'compared_only'
            end as {{ dbt.type_string() }}
        ) as overlap_status,
        cast(
            {{ dbt.datediff('handoff_versions.first_mql_date', 'external_definitions.first_mql_date', 'day') }}
            as {{ dbt.type_int() }}
        ) as days_between
    from persons
    left join handoff_versions
        on
            persons.definition_key = handoff_versions.definition_key
            and persons.person_id = handoff_versions.person_id
    left join external_definitions
        on
            persons.compared_definition_key = external_definitions.definition_key
            and persons.person_id = external_definitions.person_id

)

select * from final
