{#- The overlap mart adds up to both sides: for each pair, both + definition_only equals the people the Handoff
    version calls MQLs, and both + compared_only the people the external definition does (both counted straight
    from fct_mqls). Returns one row per side that does not add up. -#}
with

fct_mql_definition_overlap as (

    select * from {{ ref('fct_mql_definition_overlap') }}

),

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

people_per_definition as (

    select
        definition_key,
        count(distinct person_id) as person_count
    from fct_mqls
    group by definition_key

),

overlap_sides as (

    select
        definition_key as side_key,
        sum(case when overlap_status in ('both', 'definition_only') then 1 else 0 end) as person_count
    from fct_mql_definition_overlap
    group by definition_key, compared_definition_key

    union all

    select
        compared_definition_key as side_key,
        sum(case when overlap_status in ('both', 'compared_only') then 1 else 0 end) as person_count
    from fct_mql_definition_overlap
    group by definition_key, compared_definition_key

),

final as (

    select
        overlap_sides.side_key,
        overlap_sides.person_count as overlap_person_count,
        people_per_definition.person_count as fct_mqls_person_count
    from overlap_sides
    left join people_per_definition
        on overlap_sides.side_key = people_per_definition.definition_key
    where
        people_per_definition.person_count is null
        or overlap_sides.person_count <> people_per_definition.person_count

)

select * from final
