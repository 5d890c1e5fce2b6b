{#- One row per Salesforce task or event done by a sales user about a person: the touches a handoff is measured
    by. A sales user is a user whose department is in handoff__sales_departments or whose role name contains one of
    handoff__sales_role_keywords (case-insensitive), and who is not an automated user; marketing and integration
    users never count. The person comes from who_id through int_person_records_mapped (a merged-away lead or
    contact belongs to its survivor's person); activities about no known person are left out.
    - task: touched at created_at (when it was logged; tasks carry no time of day otherwise);
    - event: touched at started_at (else activity_at); an event is a meeting when its type is `Meeting`.
    Events need handoff__using_sales_events: without it only tasks count and no meeting is ever held. -#}
with

stg_salesforce__tasks as (

    select * from {{ ref('stg_salesforce__tasks') }}

),

stg_salesforce__events as (

    select * from {{ ref('stg_salesforce__events') }}

),

stg_salesforce__users as (

    select * from {{ ref('stg_salesforce__users') }}

),

stg_salesforce__user_roles as (

    select * from {{ ref('stg_salesforce__user_roles') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

sales_users as (

    select stg_salesforce__users.user_id
    from stg_salesforce__users
    left join stg_salesforce__user_roles
        on stg_salesforce__users.user_role_id = stg_salesforce__user_roles.user_role_id
    where
        coalesce(stg_salesforce__users.user_type, '') <> 'AutomatedProcess'
        and (
            lower(coalesce(stg_salesforce__users.department, '')) in (
                {%- for department in handoff.handoff_var('handoff__sales_departments') %}
                {{ handoff.string_literal(department | lower) }}{{ "," if not loop.last }}
                {%- endfor %}
            )
            {%- for keyword in handoff.handoff_var('handoff__sales_role_keywords') %}
            or lower(coalesce(stg_salesforce__user_roles.user_role_name, ''))
            like {{ handoff.string_literal('%' ~ (keyword | lower) ~ '%') }}
            {%- endfor %}
        )

),

activities as (

    select
        task_id as activity_id,
        'task' as activity_source,
        who_id,
        owner_user_id,
        coalesce(task_type, 'Task') as activity_type,
        created_at as touched_at,
        false as is_meeting
    from stg_salesforce__tasks

    union all

    select
        sales_event_id as activity_id,
        'event' as activity_source,
        who_id,
        owner_user_id,
        coalesce(event_type, 'Event') as activity_type,
        coalesce(started_at, activity_at) as touched_at,
        coalesce(event_type = 'Meeting', false) as is_meeting
    from stg_salesforce__events

),

final as (

    select
        activities.activity_id,
        cast(activities.activity_source as {{ dbt.type_string() }}) as activity_source,
        int_person_records_mapped.person_id,
        activities.who_id,
        activities.owner_user_id,
        cast(activities.activity_type as {{ dbt.type_string() }}) as activity_type,
        activities.touched_at,
        activities.is_meeting
    from activities
    inner join sales_users
        on activities.owner_user_id = sales_users.user_id
    inner join int_person_records_mapped
        on activities.who_id = int_person_records_mapped.record_id
    where activities.touched_at is not null

)

select * from final
