{#- Grain: one row per distinct job title of int_person_primary_records_selected. Method: the title is lowercased,
    every run of characters other than a-z and 0-9 becomes one space, and the result is padded with a space on
    each side; seniority and job function are the first matching like-pattern of title_seniority_patterns and
    title_function_patterns by priority (then pattern), unknown when none matches. -#}
with

int_person_primary_records_selected as (

    select * from {{ ref('int_person_primary_records_selected') }}

),

title_seniority_patterns as (

    select * from {{ ref('title_seniority_patterns') }}

),

title_function_patterns as (

    select * from {{ ref('title_function_patterns') }}

),

titles as (

    select distinct
        title,
        {{ dbt.concat([
            "' '",
            "trim(" ~ handoff.regexp_replace_all('lower(title)', '[^a-z0-9]+', ' ') ~ ")",
            "' '"
        ]) }} as padded_title
    from int_person_primary_records_selected
    where title is not null

),

title_seniorities as (

    select
        titles.title,
        title_seniority_patterns.seniority,
        row_number() over (
            partition by titles.title
            order by title_seniority_patterns.priority, title_seniority_patterns.title_pattern
        ) as match_rank
    from titles
    inner join title_seniority_patterns
        on titles.padded_title like title_seniority_patterns.title_pattern

),

title_functions as (

    select
        titles.title,
        title_function_patterns.job_function,
        row_number() over (
            partition by titles.title
            order by title_function_patterns.priority, title_function_patterns.title_pattern
        ) as match_rank
    from titles
    inner join title_function_patterns
        on titles.padded_title like title_function_patterns.title_pattern

),

final as (

    select
        titles.title,
        coalesce(title_seniorities.seniority, 'unknown') as seniority,
        coalesce(title_functions.job_function, 'unknown') as job_function
    from titles
    left join title_seniorities
        on titles.title = title_seniorities.title and title_seniorities.match_rank = 1
    left join title_functions
        on titles.title = title_functions.title and title_functions.match_rank = 1

)

select * from final
