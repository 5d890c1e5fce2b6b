{#- The one deduplication of staging: 1 on the latest load (`synced_at`) of each key, in every `stg_` model, used
    with `where version_rank = 1` in the next CTE (no `qualify`: Postgres lacks it). The same expression dedupes a
    full refresh and an incremental slice (macros/staging/incremental_engagement.sql), so both keep the same row.
    `unique_key` may name several columns (`'record_type, record_id'`).
    Replaces dbt_utils.deduplicate(relation, partition_by, order_by), which wraps the whole relation (and uses
    `qualify` where the engine has it); ours is only the rank, so each model keeps its trusted-rows filter and its
    explicit column list in its own CTEs. -#}
{% macro latest_version_rank(unique_key, synced_at='synced_at') -%}
    row_number() over (partition by {{ unique_key }} order by {{ synced_at }} desc)
{%- endmacro %}
