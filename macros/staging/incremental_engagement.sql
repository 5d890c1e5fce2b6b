{#- Shared pieces of the engagement staging models (HubSpot email events, clicks, opens and form submissions;
    Segment pages, identifies and tracks): up to ~10 M rows each, so their staging is incremental.

    The contract, kept by these macros together:
      * base models stay row by row and expose `synced_at` (the loader's timestamp), `quarantine_reason`,
        `is_current_version` and `is_deleted`;
      * an incremental run reads only base rows loaded since max(synced_at) in the model minus
        `engagement_lookback_days` (engagement_lookback_filter), keeps the trusted ones, ranks each key's versions
        latest sync first (latest_version_rank, its own file) and merges rank 1 on the event id (merge, or
        delete+insert on DuckDB: see engagement_incremental_config);
      * a full refresh (or a first build) runs the same SQL with that filter reduced to `true`, and both give the
        same table: the slice always holds the newest version of every key it holds (a newer sync of a key is never
        older than the cutoff), and no rule depends on when the build runs (engagement_is_future_timestamp).
    Known limit: the merge only inserts and replaces rows. A key whose newest trusted version is later deleted or
    replaced by an untrusted one stays until a full refresh; the connectors deliver these event tables append-only
    (HubSpot email events and Segment calls are immutable and carry no delete flag), so this does not arise there.

    Spark: Parquet tables cannot merge. Its versions of the two dispatched macros (spark__engagement_incremental_config
    and spark__engagement_lookback_filter, in macros/cross_db/incremental.sql) use `insert_overwrite`, on a date
    partition once a model passes `partition_column` / `partition_expression` (every partition touched by a row
    loaded within the lookback is re-read whole, so the in-slice dedupe still sees every version). -#}


{#- The config of an incremental engagement staging model: `{{ config(**handoff.engagement_incremental_config(...)) }}`.
    `enabled` is the model's handoff__using_* switch: switched off, the model is a plain (empty) table, so switching
    a source off also empties what an earlier incremental build left behind. `partition_column` is for Spark's
    insert_overwrite (merge engines ignore it).
    Strategy: `merge` on the event id (Postgres and the default). On DuckDB `delete+insert` on the same key, which
    gives the same table here (the slice holds whole rows, one per key): DuckDB 2.0 supports MERGE, but its
    WHEN MATCHED UPDATE rewrites every updated varchar column and was measured at ~1 ms CPU per updated row on a
    4 M-row table (3.5 s for 3,000 re-synced events), against 0.3 s for deleting and re-inserting 80,000. -#}
{% macro engagement_incremental_config(unique_key, enabled=true, partition_column=none) -%}
    {{ return(adapter.dispatch('engagement_incremental_config', 'handoff')(unique_key, enabled, partition_column)) }}
{%- endmacro %}

{% macro default__engagement_incremental_config(unique_key, enabled, partition_column=none, strategy='merge') -%}
    {%- if not enabled -%}
        {{ return({'materialized': 'table'}) }}
    {%- endif -%}
    {{ return({
        'materialized': 'incremental',
        'unique_key': unique_key,
        'incremental_strategy': strategy,
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{% macro duckdb__engagement_incremental_config(unique_key, enabled, partition_column=none) -%}
    {{ return(handoff.default__engagement_incremental_config(unique_key, enabled, strategy='delete+insert')) }}
{%- endmacro %}


{#- The earliest load time an incremental run re-reads, as a SQL literal expression, or none when the whole source
    must be read (full refresh, first build, or an empty model). Read once per run from the model itself and inlined
    as a constant, so the predicate pushes down into the source scan (zone maps, indexes, partitions).
    The high-water mark is bounded by the run clock: a load time beyond handoff.future_timestamp_limit() is
    quarantined by base (future_load_timestamp), and one that an older build staged before that rule existed is
    ignored here, so it cannot stop later nights from merging (a full refresh then removes it). -#}
{% macro engagement_lookback_cutoff(synced_at='synced_at') -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set high_water_mark_sql -%}
        select max({{ synced_at }}) from {{ this }} where {{ synced_at }} <= {{ handoff.future_timestamp_limit() }}
    {%- endset -%}
    {%- set latest = run_query(high_water_mark_sql).columns[0].values()[0] -%}
    {%- if latest is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set latest_literal = "cast('" ~ latest ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- set cutoff = dbt.dateadd('day', -1 * (var('engagement_lookback_days') | int), latest_literal) -%}
    {{ return(cutoff | replace('\n', ' ') | trim) }}
{%- endmacro %}


{#- The rows an incremental run re-reads, as a boolean expression for the `where` of the CTE that reads the base
    model: `<synced_at> >= <cutoff>` on incremental runs, `true` on a full refresh or a first build.
    `partition_expression` and `relation` are for engines that replace whole partitions (Spark, in
    macros/cross_db/incremental.sql); merge engines ignore them. -#}
{% macro engagement_lookback_filter(synced_at='synced_at', partition_expression=none, relation=none) -%}
    {{ return(adapter.dispatch('engagement_lookback_filter', 'handoff')(synced_at, partition_expression, relation)) }}
{%- endmacro %}

{% macro default__engagement_lookback_filter(synced_at, partition_expression=none, relation=none) -%}
    {%- set cutoff = handoff.engagement_lookback_cutoff(synced_at) -%}
    {%- if cutoff is none -%}
        true
    {%- else -%}
        {{ synced_at }} >= {{ cutoff }}
    {%- endif -%}
{%- endmacro %}


{#- The `future_timestamp` rule for engagement events: later than handoff.future_timestamp_limit() (the run's start
    plus the tolerance), or later than the row's own load time plus the same tolerance. The second clause makes the
    rule independent of when the build runs (an event cannot happen after it was loaded), so a row quarantined on
    one night is not staged by a full refresh on a later night while the incremental model skipped it. It implies
    the first clause for every row loaded before the run. -#}
{% macro engagement_is_future_timestamp(event_time, synced_at='synced_at') -%}
    (
        {{ event_time }} > {{ handoff.future_timestamp_limit() }}
        or {{ event_time }} > {{ dbt.dateadd('hour', var('future_timestamp_tolerance_hours') | int, synced_at) }}
    )
{%- endmacro %}


{#- Segment creates a warehouse column only once some call has carried it (UTM columns, traits such as `email`,
    the reverse-IP `context_company_domain`): the names of a relation's columns, lowercased, so staging can read an
    optional column or fall back to null (column_or_null). One metadata query per model. -#}
{% macro relation_column_names(relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list) }}
{%- endmacro %}

{% macro column_or_null(column_name, available_columns, data_type=none) -%}
    {%- if column_name | lower in available_columns -%}
        {{ column_name }}
    {%- else -%}
        cast(null as {{ data_type or dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
