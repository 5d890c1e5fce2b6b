{#- Arithmetic on dates and times for decay and ageing: whole days since 1970-01-01 of a date, and seconds since
    1970-01-01 00:00:00 of a UTC timestamp without time zone. Subtracting two day numbers gives whole days between
    dates on every engine (DuckDB's date - date is an integer, Postgres' too, Spark's an interval). -#}
{% macro day_number(date_expression) -%}
    {{ return(adapter.dispatch('day_number', 'handoff')(date_expression)) }}
{%- endmacro %}

{% macro default__day_number(date_expression) -%}
    date_diff('day', cast('1970-01-01' as date), cast({{ date_expression }} as date))
{%- endmacro %}

{% macro postgres__day_number(date_expression) -%}
    (cast({{ date_expression }} as date) - cast('1970-01-01' as date))
{%- endmacro %}

{% macro spark__day_number(date_expression) -%}
    unix_date(cast({{ date_expression }} as date))
{%- endmacro %}


{#- Seconds since the epoch as a double (fractions kept). The timestamp is read as UTC wall-clock time, which is the
    raw-data contract; Spark's session time zone is pinned to UTC in profiles.yml for the same reason. -#}
{% macro epoch_seconds(timestamp_expression) -%}
    {{ return(adapter.dispatch('epoch_seconds', 'handoff')(timestamp_expression)) }}
{%- endmacro %}

{% macro default__epoch_seconds(timestamp_expression) -%}
    epoch(cast({{ timestamp_expression }} as timestamp))
{%- endmacro %}

{% macro postgres__epoch_seconds(timestamp_expression) -%}
    cast(extract(epoch from cast({{ timestamp_expression }} as timestamp)) as double precision)
{%- endmacro %}

{% macro spark__epoch_seconds(timestamp_expression) -%}
    (cast(unix_micros(cast({{ timestamp_expression }} as timestamp)) as double) / 1000000.0)
{%- endmacro %}
