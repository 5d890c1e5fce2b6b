{#- A cast that yields null instead of failing on bad input, so staging can quarantine the row with a reason.
    dbt.safe_cast is a plain cast on DuckDB and Postgres (it raises), hence this dispatched macro.

    The same text must cast (or not) on every engine, so text is held to one grammar per target type:
      integer types   optional sign and digits, surrounding spaces allowed ('1.0', '1e3', '12.50' are null:
                      DuckDB alone would round them)
      numeric, float  decimal notation with an optional exponent, surrounding spaces allowed
      boolean         true/false/t/f/yes/no/y/n/1/0 in any case, nothing around them (Postgres alone would take
                      'on', 'off' and prefixes such as 'tr'; Spark alone ' true ')
      date, timestamp YYYY-MM-DD, optionally followed by a space or T and HH:MM[:SS[.fraction]], no zone or offset
                      (DuckDB would drop an offset, Spark convert it to UTC, Postgres raise)
    Typed input (an integer column cast to bigint, a timestamp column to timestamp) casts as usual.
    Known limit: on Postgres a well-formed but impossible date ('2026-02-30') raises instead of returning null
    (Postgres 15 has no error-free cast; pg_input_is_valid arrives in 16). -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'handoff')(expression, data_type)) }}
{%- endmacro %}


{#- The grammar text must match to be cast to `data_type` (unanchored; each engine anchors it), and whether it is
    matched against the lowercased text; none for types any text casts to (strings). -#}
{% macro try_cast_grammar(data_type) -%}
    {%- set kind = data_type | lower | trim -%}
    {%- if kind.startswith('timestamp') or kind == 'date' or kind.startswith('datetime') -%}
        {{ return({'pattern': '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?', 'lower': false}) }}
    {%- elif kind in ('integer', 'int', 'bigint', 'smallint', 'tinyint', 'int2', 'int4', 'int8') -%}
        {{ return({'pattern': ' *[-+]?[0-9]+ *', 'lower': false}) }}
    {%- elif kind.startswith('numeric') or kind.startswith('decimal') or kind in ('double', 'double precision', 'float', 'float4', 'float8', 'real') -%}
        {{ return({'pattern': ' *[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([e][-+]?[0-9]+)? *', 'lower': true}) }}
    {%- elif kind in ('boolean', 'bool') -%}
        {{ return({'pattern': '(true|false|t|f|yes|no|y|n|1|0)', 'lower': true}) }}
    {%- else -%}
        {{ return(none) }}
    {%- endif -%}
{%- endmacro %}


{#- DuckDB: native try_cast, guarded for text input (typeof() is folded to a constant, so typed columns pay
    nothing) where DuckDB's own parsing is laxer than the common grammar. -#}
{% macro default__try_cast(expression, data_type) -%}
    {%- set grammar = handoff.try_cast_grammar(data_type) -%}
    {%- set kind = data_type | lower | trim -%}
    {%- set needs_guard = grammar is not none and not (kind.startswith('numeric') or kind.startswith('decimal') or kind in ('double', 'float', 'real')) -%}
    {%- if needs_guard -%}
        {%- set text = 'cast(' ~ expression ~ ' as varchar)' -%}
        {%- set subject = 'lower(' ~ text ~ ')' if grammar.lower else text -%}
        case
            when typeof({{ expression }}) <> 'VARCHAR' then try_cast({{ expression }} as {{ data_type }})
            when regexp_full_match({{ subject }}, {{ handoff.string_literal(grammar.pattern) }})
                then try_cast({{ expression }} as {{ data_type }})
        end
    {%- else -%}
        try_cast({{ expression }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}


{#- Postgres has no try_cast: cast only text that matches the grammar. -#}
{% macro postgres__try_cast(expression, data_type) -%}
    {%- set grammar = handoff.try_cast_grammar(data_type) -%}
    {%- if grammar is none -%}
        cast({{ expression }} as {{ data_type }})
    {%- else -%}
        {%- set text = 'cast(' ~ expression ~ ' as text)' -%}
        {%- set subject = 'lower(' ~ text ~ ')' if grammar.lower else text -%}
        case when {{ subject }} ~ {{ handoff.string_literal('^(' ~ grammar.pattern ~ ')$') }} then cast({{ text }} as {{ data_type }}) end
    {%- endif -%}
{%- endmacro %}


{#- Spark: try_cast is already strict for numbers; dates, timestamps and booleans are guarded. -#}
{% macro spark__try_cast(expression, data_type) -%}
    {%- set grammar = handoff.try_cast_grammar(data_type) -%}
    {%- set kind = data_type | lower | trim -%}
    {%- if grammar is not none and (kind.startswith('timestamp') or kind == 'date' or kind in ('boolean', 'bool')) -%}
        {%- set text = 'cast(' ~ expression ~ ' as string)' -%}
        {%- set subject = 'lower(' ~ text ~ ')' if grammar.lower else text -%}
        case when {{ subject }} rlike {{ handoff.string_literal('^(' ~ grammar.pattern ~ ')$') }} then try_cast({{ expression }} as {{ data_type }}) end
    {%- else -%}
        try_cast({{ expression }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}
