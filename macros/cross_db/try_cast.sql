{#- A cast that yields null instead of failing on bad input, so staging can quarantine the row with a reason.
    dbt.safe_cast is a plain cast on DuckDB and Postgres (it raises), hence this dispatched macro. -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'handoff')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{#- Postgres has no try_cast: guard the cast with a pattern the text must match for the target type. -#}
{% macro postgres__try_cast(expression, data_type) -%}
    {%- set kind = data_type | lower -%}
    {%- set text = 'cast(' ~ expression ~ ' as text)' -%}
    {%- if kind.startswith('timestamp') or kind == 'date' -%}
        {%- set pattern = '^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?$' -%}
    {%- elif kind in ('integer', 'int', 'bigint', 'smallint') -%}
        {%- set pattern = '^\\s*[-+]?\\d+\\s*$' -%}
    {%- elif kind.startswith('numeric') or kind.startswith('decimal') or kind in ('double', 'double precision', 'float', 'real') -%}
        {%- set pattern = '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$' -%}
    {%- elif kind in ('boolean', 'bool') -%}
        {%- set pattern = '^(?i)(true|false|t|f|1|0|yes|no)$' -%}
    {%- else -%}
        {%- set pattern = none -%}
    {%- endif -%}
    {%- if pattern is none -%}
        cast({{ expression }} as {{ data_type }})
    {%- else -%}
        case when {{ text }} ~ '{{ pattern }}' then cast({{ text }} as {{ data_type }}) end
    {%- endif -%}
{%- endmacro %}
