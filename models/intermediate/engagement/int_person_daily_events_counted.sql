{#- One row per person, day, signal type and filter verdict: how many of the person's engagement events of that
    signal were kept (filter_reason null) or filtered for that reason that day, and when the first and last
    happened. Everything downstream of the event stream reads these counts, not the events: daily points (the
    unfiltered ones), per-person bot counts, and what explanations list as ignored. -#}
with

int_engagement_events_classified as (

    select * from {{ ref('int_engagement_events_classified') }}

),

final as (

    select
        person_id,
        event_date,
        signal_type,
        channel,
        filter_reason,
        cast(count(*) as {{ dbt.type_int() }}) as event_count,
        min(occurred_at) as first_occurred_at,
        max(occurred_at) as last_occurred_at
    from int_engagement_events_classified
    where person_id is not null
    group by person_id, event_date, signal_type, channel, filter_reason

)

select * from final
