{#- Every Segment visitor id (a user_id, or an anonymous_id) that an identify call tied to an email, with that
    email and the Salesforce person it identifies. Pages and tracks look their visitor up here (user_id first,
    then anonymous_id), so anonymous visits made before a visitor identified themselves become attributable
    as soon as the anonymous id is identified. The latest identify with an email wins; an anonymous id whose
    identifies carry only a user_id takes that user's email. -#}
with

stg_segment__identifies as (

    select * from {{ ref('stg_segment__identifies') }}

),

int_person_emails_resolved as (

    select * from {{ ref('int_person_emails_resolved') }}

),

user_emails_ranked as (

    select
        user_id,
        email,
        identified_at,
        row_number() over (partition by user_id order by identified_at desc, identify_id desc) as recency_rank
    from stg_segment__identifies
    where user_id is not null and email is not null

),

user_emails as (

    select
        user_id,
        email
    from user_emails_ranked
    where recency_rank = 1

),

anonymous_candidates as (

    select
        stg_segment__identifies.anonymous_id,
        stg_segment__identifies.identified_at,
        stg_segment__identifies.identify_id,
        coalesce(stg_segment__identifies.email, user_emails.email) as email
    from stg_segment__identifies
    left join user_emails
        on stg_segment__identifies.user_id = user_emails.user_id
    where stg_segment__identifies.anonymous_id is not null

),

anonymous_ranked as (

    select
        anonymous_id,
        email,
        row_number() over (
            partition by anonymous_id
            order by identified_at desc, identify_id desc
        ) as recency_rank
    from anonymous_candidates
    where email is not null

),

first_identified as (

    select
        'user_id' as visitor_id_type,
        user_id as visitor_id,
        min(identified_at) as first_identified_at
    from stg_segment__identifies
    where user_id is not null
    group by user_id

    union all

    select
        'anonymous_id' as visitor_id_type,
        anonymous_id as visitor_id,
        min(identified_at) as first_identified_at
    from stg_segment__identifies
    where anonymous_id is not null
    group by anonymous_id

),

visitors as (

    select
        'user_id' as visitor_id_type,
        user_id as visitor_id,
        email
    from user_emails

    union all

    select
        'anonymous_id' as visitor_id_type,
        anonymous_id as visitor_id,
        email
    from anonymous_ranked
    where recency_rank = 1

),

final as (

    select
        visitors.visitor_id_type,
        visitors.visitor_id,
        visitors.email,
        first_identified.first_identified_at,
        int_person_emails_resolved.person_id
    from visitors
    inner join first_identified
        on
            visitors.visitor_id_type = first_identified.visitor_id_type
            and visitors.visitor_id = first_identified.visitor_id
    left join int_person_emails_resolved
        on visitors.email = int_person_emails_resolved.email

)

select * from final
