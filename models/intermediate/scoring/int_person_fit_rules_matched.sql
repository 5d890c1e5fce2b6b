{#- One row per person, definition version and fit rule the person matches: the points behind fit, and the
    fit lines of every explanation. Categorical rules compare lowercased values; numeric rules test
    range_min <= value < range_max (an empty bound is open). Fit reads the person's current attributes. -#}
with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

fit_rules as (

    select * from {{ ref('fit_rules') }}

),

person_attributes as (

    select
        person_id,
        'industry' as person_attribute,
        industry as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from int_persons_unified
    union all
    select
        person_id,
        'region' as person_attribute,
        region as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from int_persons_unified
    union all
    select
        person_id,
        'country_code' as person_attribute,
        country_code as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from int_persons_unified
    union all
    select
        person_id,
        'seniority' as person_attribute,
        seniority as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from int_persons_unified
    union all
    select
        person_id,
        'job_function' as person_attribute,
        job_function as text_value,
        cast(null as {{ handoff.type_double() }}) as number_value
    from int_persons_unified
    union all
    select
        person_id,
        'employee_count' as person_attribute,
        cast(null as {{ dbt.type_string() }}) as text_value,
        cast(employee_count as {{ handoff.type_double() }}) as number_value
    from int_persons_unified
    union all
    select
        person_id,
        'annual_revenue' as person_attribute,
        cast(null as {{ dbt.type_string() }}) as text_value,
        cast(annual_revenue as {{ handoff.type_double() }}) as number_value
    from int_persons_unified

),

final as (

    select
        person_attributes.person_id,
        fit_rules.definition_version,
        fit_rules.rule_id,
        fit_rules.person_attribute,
        coalesce(
            person_attributes.text_value,
            cast(cast(person_attributes.number_value as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
        ) as matched_value,
        fit_rules.points,
        fit_rules.description
    from person_attributes
    inner join fit_rules
        on person_attributes.person_attribute = fit_rules.person_attribute
    where
        (
            person_attributes.text_value is not null
            and lower(person_attributes.text_value) = lower(fit_rules.match_value)
        )
        or (
            person_attributes.number_value is not null
            and (fit_rules.range_min is not null or fit_rules.range_max is not null)
            and (fit_rules.range_min is null or person_attributes.number_value >= fit_rules.range_min)
            and (fit_rules.range_max is null or person_attributes.number_value < fit_rules.range_max)
        )

)

select * from final
