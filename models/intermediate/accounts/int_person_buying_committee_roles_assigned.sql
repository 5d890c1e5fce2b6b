{#- Grain: one row per person (int_persons_unified). Method: the person's buying-committee role from their
    seniority and job function through the buying_committee_roles seed - the lowest-priority row (then role name)
    whose seniority and job_function equal the person's, an empty value in the seed matching any; unassigned
    when no row matches. Roles count towards MQAs only through different people. -#}
with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

buying_committee_roles as (

    select * from {{ ref('buying_committee_roles') }}

),

title_pairs as (

    select distinct
        seniority,
        job_function
    from int_persons_unified

),

title_roles as (

    select
        title_pairs.seniority,
        title_pairs.job_function,
        buying_committee_roles.buying_committee_role,
        row_number() over (
            partition by title_pairs.seniority, title_pairs.job_function
            order by buying_committee_roles.priority, buying_committee_roles.buying_committee_role
        ) as role_rank
    from title_pairs
    inner join buying_committee_roles
        on
            (
                nullif(buying_committee_roles.seniority, '') is null
                or title_pairs.seniority = buying_committee_roles.seniority
            )
            and (
                nullif(buying_committee_roles.job_function, '') is null
                or title_pairs.job_function = buying_committee_roles.job_function
            )

),

final as (

    select
        int_persons_unified.person_id,
        coalesce(title_roles.buying_committee_role, 'unassigned') as buying_committee_role
    from int_persons_unified
    left join title_roles
        on
            int_persons_unified.seniority = title_roles.seniority
            and int_persons_unified.job_function = title_roles.job_function
            and title_roles.role_rank = 1

)

select * from final
