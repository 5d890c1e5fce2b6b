{#- How an incremental model updates itself on each engine. DuckDB and Postgres `merge` on the unique key. Spark
    without Delta (Parquet tables) cannot merge: the table is partitioned by a date column and `insert_overwrite`
    replaces whole partitions, so an incremental run must select every row of each partition it touches (the
    lookback window's partitions, re-read completely), never just the new rows. Written so a model's config reads
    `{{ config(**handoff.incremental_config('event_id', 'event_date')) }}` on every engine. -#}
{% macro incremental_strategy() -%}
    {{ return(adapter.dispatch('incremental_strategy', 'handoff')()) }}
{%- endmacro %}

{% macro default__incremental_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}

{% macro spark__incremental_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}


{#- The `partition_by` config: the date column on Spark, none elsewhere (DuckDB and Postgres tables are not
    partitioned by dbt). -#}
{% macro incremental_partition_by(partition_column) -%}
    {{ return(adapter.dispatch('incremental_partition_by', 'handoff')(partition_column)) }}
{%- endmacro %}

{% macro default__incremental_partition_by(partition_column) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__incremental_partition_by(partition_column) -%}
    {{ return([partition_column] if partition_column else none) }}
{%- endmacro %}


{#- The table file format: Parquet on Spark (no Delta jars here), the engine's own storage elsewhere. -#}
{% macro table_file_format() -%}
    {{ return(adapter.dispatch('table_file_format', 'handoff')()) }}
{%- endmacro %}

{% macro default__table_file_format() -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__table_file_format() -%}
    {{ return('parquet') }}
{%- endmacro %}


{#- The whole config of an incremental model as a dict, for `config(**...)`. -#}
{% macro incremental_config(unique_key, partition_column=none) -%}
    {%- set settings = {
        'materialized': 'incremental',
        'incremental_strategy': handoff.incremental_strategy(),
        'unique_key': unique_key,
        'on_schema_change': 'fail',
    } -%}
    {%- set partition_by = handoff.incremental_partition_by(partition_column) -%}
    {%- if partition_by is not none -%}
        {%- do settings.update({'partition_by': partition_by}) -%}
    {%- endif -%}
    {%- if handoff.table_file_format() is not none -%}
        {%- do settings.update({'file_format': handoff.table_file_format()}) -%}
    {%- endif -%}
    {{ return(settings) }}
{%- endmacro %}


{#- The rows an incremental run re-reads, as a boolean expression for a `where` (`true` on a full refresh or first
    build, when `cutoff` is none). Merge engines: the rows loaded since the cutoff. Spark: every row of each
    partition that a row loaded since the cutoff falls in, read from `relation` (the CTE or relation being
    filtered), so the partitions insert_overwrite replaces are rebuilt from all their rows. -#}
{% macro incremental_window_filter(loaded_at, cutoff, partition_expression=none, relation=none) -%}
    {%- if cutoff is none -%}
        {{ return('true') }}
    {%- endif -%}
    {{ return(adapter.dispatch('incremental_window_filter', 'handoff')(loaded_at, cutoff, partition_expression, relation)) }}
{%- endmacro %}

{% macro default__incremental_window_filter(loaded_at, cutoff, partition_expression, relation) -%}
    {{ loaded_at }} >= {{ cutoff }}
{%- endmacro %}

{% macro spark__incremental_window_filter(loaded_at, cutoff, partition_expression, relation) -%}
    {%- if partition_expression is none or relation is none -%}
        {{ exceptions.raise_compiler_error(
            "incremental_window_filter on Spark needs the partition expression and the relation it reads") }}
    {%- endif -%}
    {{ partition_expression }} in (
        select distinct {{ partition_expression }} from {{ relation }} where {{ loaded_at }} >= {{ cutoff }}
    )
{%- endmacro %}


{#- Spark versions of the engagement staging macros (macros/staging/incremental_engagement.sql dispatches to them).
    Until an engagement model passes its partition date column (partition_column / partition_expression and
    relation), Spark rebuilds the whole table on every run with insert_overwrite and no partition: slower, but
    identical to a full refresh, which is the contract. With the column passed, only the touched partitions are
    rebuilt. -#}
{% macro spark__engagement_incremental_config(unique_key, enabled, partition_column=none) -%}
    {%- if not enabled -%}
        {{ return({'materialized': 'table', 'file_format': 'parquet'}) }}
    {%- endif -%}
    {{ return(handoff.incremental_config(unique_key, partition_column)) }}
{%- endmacro %}

{% macro spark__engagement_lookback_filter(synced_at, partition_expression=none, relation=none) -%}
    {%- if partition_expression is none or relation is none -%}
        {{ return('true') }}
    {%- endif -%}
    {{ return(handoff.incremental_window_filter(
        synced_at, handoff.engagement_lookback_cutoff(synced_at), partition_expression, relation)) }}
{%- endmacro %}
