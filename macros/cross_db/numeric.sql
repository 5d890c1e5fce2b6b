{#- A double-precision float type. dbt.type_float() is `float`, which is 4 bytes on DuckDB and Spark and 8 on
    Postgres: rates and scores computed with it would differ in the seventh digit between engines. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'handoff')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}


{#- base ** exponent as a double on every engine (Postgres' power() on numerics returns numeric, Spark's a double):
    both arguments are cast to double first so decay factors agree to the last digit. -#}
{% macro power(base, exponent) -%}
    {{ return(adapter.dispatch('power', 'handoff')(base, exponent)) }}
{%- endmacro %}

{% macro default__power(base, exponent) -%}
    power(cast({{ base }} as {{ handoff.type_double() }}), cast({{ exponent }} as {{ handoff.type_double() }}))
{%- endmacro %}


{#- Division as a double, null when the divisor is 0 or null (Postgres truncates integer division and raises on
    division by zero; DuckDB and Spark return a fraction and null). -#}
{% macro safe_divide(numerator, denominator) -%}
    (cast({{ numerator }} as {{ handoff.type_double() }}) / nullif(cast({{ denominator }} as {{ handoff.type_double() }}), 0))
{%- endmacro %}
