{#- handoff.incremental_config and incremental_window_filter (macros/cross_db/incremental.sql) choose merge on
    DuckDB and Postgres and insert_overwrite on date partitions of Parquet tables on Spark; the window filter
    selects whole partitions on Spark. Returns a row naming each helper whose answer is wrong for this engine. -#}
{%- set settings = handoff.incremental_config('event_id', 'event_date') -%}
{%- set on_spark = target.type == 'spark' -%}
{%- set window_filter = handoff.incremental_window_filter(
    'synced_at', "cast('2026-11-12' as date)", 'event_date', 'events') | trim -%}
with

events as (
    select
        cases.event_id,
        cast(cases.event_date_text as date) as event_date,
        cast(cases.synced_at_text as date) as synced_at
    from (
        values
        ('e1', '2026-11-01', '2026-11-13'),
        ('e2', '2026-11-01', '2026-11-02'),
        ('e3', '2026-11-05', '2026-11-05'),
        ('e4', '2026-11-12', '2026-11-12')
    ) as cases (event_id, event_date_text, synced_at_text)
),

window_rows as (
    select event_id
    from events
    where {{ window_filter }}
),

checks as (
    select
        'strategy' as helper_name,
        {{ "'" ~ settings.get('incremental_strategy') ~ "'" }} as actual_value,
        {{ "'insert_overwrite'" if on_spark else "'merge'" }} as expected_value
    union all
    select
        'partition_by' as helper_name,
        {{ "'" ~ (settings.get('partition_by') or ['none']) | join(',') ~ "'" }} as actual_value,
        {{ "'event_date'" if on_spark else "'none'" }} as expected_value
    union all
    select
        'file_format' as helper_name,
        {{ "'" ~ settings.get('file_format', 'none') ~ "'" }} as actual_value,
        {{ "'parquet'" if on_spark else "'none'" }} as expected_value
    union all
    select
        'window rows' as helper_name,
        {{ handoff.string_agg_ordered('event_id', ',') }} as actual_value,
        {{ "'e1,e2,e4'" if on_spark else "'e1,e4'" }} as expected_value
    from window_rows
)

select * from checks
where actual_value is distinct from expected_value
