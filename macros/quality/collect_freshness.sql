{#- Source freshness as dbt measures it (`dbt source freshness`), with one change: a load time beyond the run clock
    (handoff.future_timestamp_limit()) is not freshness. Such a row is a loader fault that staging quarantines as
    future_load_timestamp; counted here it would report a stale source as fresh for years.
    Overrides dbt's default__collect_freshness (dbt-core's global project; the root project is searched first by
    adapter.dispatch, and no adapter used here ships its own). handoff.sources bounds its newest load time the same way. -#}
{% macro default__collect_freshness(source, loaded_at_field, filter) %}
    {% call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            max(
                case when {{ loaded_at_field }} <= {{ handoff.future_timestamp_limit() }} then {{ loaded_at_field }} end
            ) as max_loaded_at,
            {{ current_timestamp() }} as snapshotted_at
        from {{ source }}
        {% if filter %}
        where {{ filter }}
        {% endif %}
    {% endcall %}
    {{ return(load_result('collect_freshness')) }}
{% endmacro %}
