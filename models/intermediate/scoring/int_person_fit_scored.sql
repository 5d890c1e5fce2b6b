{#- One row per person and definition version: fit points (the sum of the rules matched), the hard exclusion
    that applies under that version if any (competitor, academic, personal_email, existing_customer, in that
    order), and the fit score: 0 when excluded, the points otherwise. Fit is the gate: below the version's
    fit_gate a person is never an MQL. -#}
with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

int_person_fit_rules_matched as (

    select * from {{ ref('int_person_fit_rules_matched') }}

),

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

fit_exclusions as (

    select * from {{ ref('fit_exclusions') }}

),

version_exclusions as (

    select
        definition_versions.definition_version,
        {{ handoff.fit_exclusion_is_active('competitor') }} as excludes_competitor,
        {{ handoff.fit_exclusion_is_active('academic') }} as excludes_academic,
        {{ handoff.fit_exclusion_is_active('personal_email') }} as excludes_personal_email,
        {{ handoff.fit_exclusion_is_active('existing_customer') }} as excludes_existing_customer
    from definition_versions
    left join fit_exclusions
        on definition_versions.definition_version = fit_exclusions.definition_version
    group by definition_versions.definition_version

),

points as (

    select
        person_id,
        definition_version,
        sum(points) as fit_points,
        count(*) as matched_rule_count
    from int_person_fit_rules_matched
    group by person_id, definition_version

),

person_versions as (

    select
        int_persons_unified.person_id,
        version_exclusions.definition_version,
        case
            when version_exclusions.excludes_competitor and int_persons_unified.is_competitor
                then 'competitor'
            when
                version_exclusions.excludes_academic
                and (int_persons_unified.is_academic_email_domain or int_persons_unified.seniority = 'student')
                then 'academic'
            when version_exclusions.excludes_personal_email and int_persons_unified.is_free_email_domain
                then 'personal_email'
            when version_exclusions.excludes_existing_customer and int_persons_unified.is_existing_customer
                then 'existing_customer'
        end as fit_exclusion
    from int_persons_unified
    cross join version_exclusions

),

final as (

    select
        person_versions.person_id,
        person_versions.definition_version,
        cast(coalesce(points.fit_points, 0) as {{ dbt.type_int() }}) as fit_points,
        cast(coalesce(points.matched_rule_count, 0) as {{ dbt.type_int() }}) as matched_rule_count,
        person_versions.fit_exclusion,
        cast(
            case when person_versions.fit_exclusion is not null then 0 else coalesce(points.fit_points, 0) end
            as {{ dbt.type_int() }}
        ) as fit_score
    from person_versions
    left join points
        on
            person_versions.person_id = points.person_id
            and person_versions.definition_version = points.definition_version

)

select * from final
