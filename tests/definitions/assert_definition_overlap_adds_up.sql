{#- The overlap mart adds up to both sides: for each pair, both + definition_only equals the people the Handoff
    version calls MQLs, and both + compared_only the people the external definition calls MQLs while that version
    is in force (both counted straight from fct_mqls and the versions' dates). Returns one row per side that does
    not add up. -#}
with

fct_mql_definition_overlap as (

    select * from {{ ref('fct_mql_definition_overlap') }}

),

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

pairs as (

    select distinct
        definition_key,
        compared_definition_key
    from fct_mql_definition_overlap

),

expected as (

    select
        pairs.definition_key,
        pairs.compared_definition_key,
        count(distinct case when fct_mqls.definition_key = pairs.definition_key then fct_mqls.person_id end)
            as definition_person_count,
        count(
            distinct case
                when
                    fct_mqls.definition_key = pairs.compared_definition_key
                    and fct_mqls.mql_date >= versions.effective_from
                    and (versions.effective_to is null or fct_mqls.mql_date < versions.effective_to)
                    then fct_mqls.person_id
            end
        ) as compared_person_count
    from pairs
    inner join int_definition_versions_resolved as versions
        on pairs.definition_key = {{ handoff.definition_key('versions.definition_version') }}
    cross join fct_mqls
    group by pairs.definition_key, pairs.compared_definition_key

),

from_overlap as (

    select
        definition_key,
        compared_definition_key,
        sum(case when overlap_status in ('both', 'definition_only') then 1 else 0 end) as definition_person_count,
        sum(case when overlap_status in ('both', 'compared_only') then 1 else 0 end) as compared_person_count
    from fct_mql_definition_overlap
    group by definition_key, compared_definition_key

),

final as (

    select
        expected.definition_key,
        expected.compared_definition_key,
        expected.definition_person_count as expected_definition_people,
        from_overlap.definition_person_count as overlap_definition_people,
        expected.compared_person_count as expected_compared_people,
        from_overlap.compared_person_count as overlap_compared_people
    from expected
    inner join from_overlap
        on
            expected.definition_key = from_overlap.definition_key
            and expected.compared_definition_key = from_overlap.compared_definition_key
    where
        expected.definition_person_count <> from_overlap.definition_person_count
        or expected.compared_person_count <> from_overlap.compared_person_count

)

select * from final
