{#- One row per MQL with the sales touches of its handoff and its SLA verdict: the sales activities
    (int_sales_activities_unioned) about the person from the MQL's clock start (mql_at, inclusive) until the clock
    start of the person's next MQL (exclusive), up to the as-of moment (handoff.handoff_as_of_at). The first touch
    (ties: tasks before events, then by id), its hours after mql_at, and the first meeting held (an event of type
    Meeting that has started).
    SLA (handoff__handoff_sla_hours, default 24): touched within it when the first touch is at most that many hours
    after mql_at (24:00:00 included); open while untouched and the window ends after the as-of moment - an open
    MQL is neither a hit nor a miss yet. -#}
with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

int_sales_activities_unioned as (

    select * from {{ ref('int_sales_activities_unioned') }}

),

handoff_activities as (

    select
        int_mqls_defined.mql_id,
        int_sales_activities_unioned.activity_id,
        int_sales_activities_unioned.activity_source,
        int_sales_activities_unioned.activity_type,
        int_sales_activities_unioned.owner_user_id,
        int_sales_activities_unioned.touched_at,
        int_sales_activities_unioned.is_meeting,
        row_number() over (
            partition by int_mqls_defined.mql_id
            order by
                int_sales_activities_unioned.touched_at asc,
                int_sales_activities_unioned.activity_source desc,
                int_sales_activities_unioned.activity_id asc
        ) as touch_number,
        row_number() over (
            partition by int_mqls_defined.mql_id, int_sales_activities_unioned.is_meeting
            order by int_sales_activities_unioned.touched_at, int_sales_activities_unioned.activity_id
        ) as meeting_number
    from int_mqls_defined
    inner join int_sales_activities_unioned
        on
            int_mqls_defined.person_id = int_sales_activities_unioned.person_id
            and int_mqls_defined.mql_at <= int_sales_activities_unioned.touched_at
            and (
                int_mqls_defined.next_mql_at is null
                or int_mqls_defined.next_mql_at > int_sales_activities_unioned.touched_at
            )
            and int_sales_activities_unioned.touched_at < {{ handoff.handoff_as_of_at() }}

),

{%- set sla_hours = handoff.handoff_var('handoff__handoff_sla_hours') %}

summarized as (

    select
        mql_id,
        count(*) as touch_count,
        max(case when touch_number = 1 then touched_at end) as first_touch_at,
        max(case when touch_number = 1 then activity_id end) as first_touch_activity_id,
        max(case when touch_number = 1 then activity_source end) as first_touch_source,
        max(case when touch_number = 1 then activity_type end) as first_touch_type,
        max(case when touch_number = 1 then owner_user_id end) as first_touch_user_id,
        max(case when is_meeting and meeting_number = 1 then touched_at end) as first_meeting_at,
        max(case when is_meeting and meeting_number = 1 then activity_id end) as first_meeting_event_id
    from handoff_activities
    group by mql_id

),

timed as (

    select
        int_mqls_defined.mql_id,
        cast(coalesce(summarized.touch_count, 0) as {{ dbt.type_int() }}) as touch_count,
        summarized.first_touch_at,
        summarized.first_touch_activity_id,
        summarized.first_touch_source,
        summarized.first_touch_type,
        summarized.first_touch_user_id,
        cast(
            {{ handoff.seconds_between('int_mqls_defined.mql_at', 'summarized.first_touch_at') }} / 3600.0
            as {{ handoff.type_double() }}
        ) as hours_to_first_touch,
        {{ dbt.dateadd('hour', sla_hours, 'int_mqls_defined.mql_at') }} as sla_due_at,
        summarized.first_meeting_at,
        summarized.first_meeting_event_id
    from int_mqls_defined
    left join summarized
        on int_mqls_defined.mql_id = summarized.mql_id

),

final as (

    select
        *,
        cast({{ sla_hours }} as {{ dbt.type_int() }}) as sla_hours,
        coalesce(hours_to_first_touch <= {{ sla_hours }}, false) as is_touched_within_sla,
        first_touch_at is null and sla_due_at > {{ handoff.handoff_as_of_at() }} as is_sla_open
    from timed

)

select * from final
