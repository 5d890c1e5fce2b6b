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

    {{ handoff.fit_attributes_unpivoted(
        'int_persons_unified', 'person_id', 'person_attribute',
        text_attributes=['industry', 'region', 'country_code', 'seniority', 'job_function'],
        number_attributes=['employee_count', 'annual_revenue']
    ) }}

),

final as (

    select
        person_attributes.person_id,
        fit_rules.definition_version,
        fit_rules.rule_id,
        fit_rules.person_attribute,
        {{ handoff.fit_matched_value('person_attributes') }} as matched_value,
        fit_rules.points,
        fit_rules.description
    from person_attributes
    inner join fit_rules
        on person_attributes.person_attribute = fit_rules.person_attribute
    where {{ handoff.fit_rule_is_met('person_attributes', 'fit_rules') }}

)

select * from final
