{#- The run's start as a UTC timestamp literal. Staging compares event times against it (future-dated rows are
    quarantined); using dbt's run_started_at keeps one clock for the whole build. -#}
{% macro run_started_at_utc() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- The latest timestamp a row may carry before it counts as "in the future". -#}
{% macro future_timestamp_limit() -%}
    {{ dbt.dateadd('hour', handoff.typed_var('future_timestamp_tolerance_hours', 24), handoff.run_started_at_utc()) }}
{%- endmacro %}
