{#- Two definitions side by side, person by person: each Handoff version (`v<n>`) against each external definition
    the company records (`crm`), over the dates the version is in force (int_definition_versions_resolved:
    effective_from to effective_to, open-ended for the version in force): the external MQLs outside that window are
    not compared with it. Grain: definition_key, compared_definition_key, person_id, for every person an MQL under
    either in that window. overlap_status: `both` (each calls them an MQL), `definition_only` (Handoff's version does, the
    company's record does not), `compared_only` (the reverse); days_between = the compared definition's first MQL
    date minus this version's (positive: the company's record came later). This is what adopting a version would
    change, before anyone signs it off. Counts add up: both + definition_only = people Handoff's version calls MQLs,
    both + compared_only = people the external definition does in the window (tests/definitions). -#}
with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

version_windows as (

    select
        {{ handoff.definition_key('definition_version') }} as definition_key,
        effective_from,
        effective_to
    from int_definition_versions_resolved
    where is_effective

),

handoff_versions as (

    select
        definition_key,
        person_id,
        min(mql_date) as first_mql_date,
        count(*) as mql_count
    from int_mqls_defined
    where definition_version is not null
    group by definition_key, person_id

),

-- each external definition's MQLs within each Handoff version's window, keyed by that version
external_definitions as (

    select
        version_windows.definition_key as version_key,
        int_mqls_defined.definition_key,
        int_mqls_defined.person_id,
        min(int_mqls_defined.mql_date) as first_mql_date,
        count(*) as mql_count
    from int_mqls_defined
    inner join version_windows
        on
            int_mqls_defined.mql_date >= version_windows.effective_from
            and (version_windows.effective_to is null or int_mqls_defined.mql_date < version_windows.effective_to)
    where int_mqls_defined.definition_version is null
    group by version_windows.definition_key, int_mqls_defined.definition_key, int_mqls_defined.person_id

),

external_keys as (

    select distinct definition_key
    from int_mqls_defined
    where definition_version is null

),

compared_pairs as (

    select distinct
        handoff_versions.definition_key,
        external_keys.definition_key as compared_definition_key
    from handoff_versions
    cross join external_keys

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
        on
            compared_pairs.compared_definition_key = external_definitions.definition_key
            and compared_pairs.definition_key = external_definitions.version_key

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
            and persons.definition_key = external_definitions.version_key
            and persons.person_id = external_definitions.person_id

)

select * from final
