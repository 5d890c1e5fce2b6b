{#- The run's start as a UTC timestamp literal. Staging compares event times against it (future-dated rows are
    quarantined); using dbt's run_started_at keeps one clock for the whole build. -#}
{% macro run_started_at_utc() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- The latest timestamp a row may carry before it counts as "in the future". -#}
{% macro future_timestamp_limit() -%}
    {{ dbt.dateadd('hour', handoff.typed_var('future_timestamp_tolerance_hours', 24), handoff.run_started_at_utc()) }}
{%- endmacro %}

{#- The `future_load_timestamp` rule: a loader's own timestamp (`_fivetran_synced`, Segment's `uuid_ts` and
    `received_at`, the intent feed's `_loaded_at`) later than future_timestamp_limit(). Such a row says it was loaded
    after the build started: a clock or loader fault. It is quarantined, so it never becomes an incremental model's
    high-water mark (engagement_lookback_cutoff) nor wins the latest-sync dedupe; once the clock passes its load time
    it is staged like any other row, on an incremental night and a full refresh alike. -#}
{% macro is_future_load_time(load_time) -%}
    {{ load_time }} > {{ handoff.future_timestamp_limit() }}
{%- endmacro %}
