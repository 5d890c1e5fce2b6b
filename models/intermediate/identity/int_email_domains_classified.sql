{#- Grain: one row per distinct email domain of int_person_primary_records_selected. Method: a domain is a free-mail
    domain when free_email_domains lists it, academic when it matches a like-pattern of academic_domain_patterns,
    and a competitor's when competitor_domains lists it. -#}
with

int_person_primary_records_selected as (

    select * from {{ ref('int_person_primary_records_selected') }}

),

free_email_domains as (

    select * from {{ ref('free_email_domains') }}

),

academic_domain_patterns as (

    select * from {{ ref('academic_domain_patterns') }}

),

competitor_domains as (

    select * from {{ ref('competitor_domains') }}

),

email_domains as (

    select distinct email_domain
    from int_person_primary_records_selected
    where email_domain is not null

),

academic_domains as (

    select distinct email_domains.email_domain
    from email_domains
    inner join academic_domain_patterns
        on email_domains.email_domain like academic_domain_patterns.domain_pattern

),

final as (

    select
        email_domains.email_domain,
        coalesce(free_email_domains.email_domain is not null, false) as is_free_email_domain,
        coalesce(academic_domains.email_domain is not null, false) as is_academic_email_domain,
        coalesce(competitor_domains.competitor_domain is not null, false) as is_competitor_email_domain
    from email_domains
    left join free_email_domains
        on email_domains.email_domain = free_email_domains.email_domain
    left join academic_domains
        on email_domains.email_domain = academic_domains.email_domain
    left join competitor_domains
        on email_domains.email_domain = competitor_domains.competitor_domain

)

select * from final
