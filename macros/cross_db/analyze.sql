{#- A post-hook that refreshes a table's planner statistics right after dbt builds it, where the engine needs it.

    Postgres plans each query from statistics that only ANALYZE (or autovacuum, minutes later) collects; a table
    dbt has just created has none, so the next model's joins were planned on guessed row counts and distinct
    values (issue 18: a nested loop over ~87 k rows estimated at 5). `analyze` samples at most 30,000 rows, a few
    milliseconds per table. DuckDB keeps its statistics as it writes; Spark plans Parquet tables from their file
    sizes (its cost-based optimiser, which would read ANALYZE's column statistics, is off by default), so both
    get nothing and pay nothing. Views hold no rows and are skipped. Seeds are analysed too: an unanalysed
    8-row seed was estimated at 880 rows, which inflated int_persons_unified's cost past Postgres' JIT thresholds
    (11 s of JIT compilation for a 0.6 s query at the demo preset).
    Set in dbt_project.yml for every model and seed: `+post-hook: "{{ handoff.analyze_after_build() }}"`. -#}
{% macro analyze_after_build() -%}
    {%- if config.get('materialized') in ('table', 'incremental', 'seed') -%}
        {{ return(adapter.dispatch('analyze_after_build', 'handoff')(this)) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{% macro default__analyze_after_build(relation) -%}
    {{ return('') }}
{%- endmacro %}

{% macro postgres__analyze_after_build(relation) -%}
    {{ return('analyze ' ~ relation) }}
{%- endmacro %}
