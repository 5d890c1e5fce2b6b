{#- handoff.string_agg_ordered (macros/cross_db/string_agg.sql) orders by its key on every engine (dbt.listagg does
    not on Spark), breaks ties by the value, puts null keys last, skips null values and gives null for a group with
    none. Returns the groups whose list differs from the expected one. -#}
with

signals as (
    select
        cases.lead_id,
        cases.signal_name,
        cast(cases.points as {{ dbt.type_int() }}) as points
    from (
        values
        ('lead_a', 'demo_request', 30),
        ('lead_a', 'pricing_page', 20),
        ('lead_a', 'webinar', 20),
        ('lead_a', 'newsletter', null),
        ('lead_a', null, 5),
        ('lead_b', 'content_download', 10),
        ('lead_c', null, 10)
    ) as cases (lead_id, signal_name, points)
),

lists as (
    select
        lead_id,
        {{ handoff.string_agg_ordered('signal_name', ', ', order_by='points', descending=true) }} as by_points_desc,
        {{ handoff.string_agg_ordered('signal_name', '|', order_by='points') }} as by_points_asc,
        {{ handoff.string_agg_ordered('signal_name', ';') }} as by_name
    from signals
    group by lead_id
),

expected as (
    select
        cases.lead_id,
        cases.expected_desc,
        cases.expected_asc,
        cases.expected_by_name
    from (
        values
        (
            'lead_a',
            'demo_request, webinar, pricing_page, newsletter',
            'pricing_page|webinar|demo_request|newsletter',
            'demo_request;newsletter;pricing_page;webinar'
        ),
        ('lead_b', 'content_download', 'content_download', 'content_download'),
        ('lead_c', null, null, null)
    ) as cases (lead_id, expected_desc, expected_asc, expected_by_name)
)

select
    expected.lead_id,
    lists.by_points_desc,
    lists.by_points_asc,
    lists.by_name
from expected
left join lists on expected.lead_id = lists.lead_id
where
    lists.by_points_desc is distinct from expected.expected_desc
    or lists.by_points_asc is distinct from expected.expected_asc
    or lists.by_name is distinct from expected.expected_by_name
