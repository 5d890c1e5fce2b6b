{#- Regular expressions differ in name and flags on every engine; models call these instead. Patterns are
    written in the common subset of RE2 (DuckDB), POSIX ARE (Postgres) and Java (Spark), as plain text: the macros
    quote them with handoff.string_literal (Spark would otherwise drop the backslashes).
    Replace the hub macros dbt_utils/… regexp helpers; tested in tests/cross_db/assert_regexp_macros.sql. -#}
{% macro regexp_like(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_like', 'handoff')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regexp_like(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ handoff.string_literal(pattern) }})
{%- endmacro %}

{% macro postgres__regexp_like(expression, pattern) -%}
    ({{ expression }} ~ {{ handoff.string_literal(pattern) }})
{%- endmacro %}

{% macro spark__regexp_like(expression, pattern) -%}
    ({{ expression }} rlike {{ handoff.string_literal(pattern) }})
{%- endmacro %}


{#- Replace every match (not just the first, which is DuckDB's and Postgres' default without the 'g' flag). -#}
{% macro regexp_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'handoff')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ handoff.string_literal(pattern) }}, {{ handoff.string_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ handoff.string_literal(pattern) }}, {{ handoff.string_literal(replacement) }})
{%- endmacro %}


{#- The first match of `pattern` (group 0), or of its capture group `group`; null when nothing matches (DuckDB and
    Spark return '' there, Postgres null: '' is mapped to null everywhere, so an empty match is null too). -#}
{% macro regexp_extract(expression, pattern, group=0) -%}
    {{ return(adapter.dispatch('regexp_extract', 'handoff')(expression, pattern, group | int)) }}
{%- endmacro %}

{% macro default__regexp_extract(expression, pattern, group) -%}
    nullif(regexp_extract({{ expression }}, {{ handoff.string_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}

{% macro postgres__regexp_extract(expression, pattern, group) -%}
    {%- if group == 0 -%}
        nullif((regexp_match({{ expression }}, {{ handoff.string_literal('(' ~ pattern ~ ')') }}))[1], '')
    {%- else -%}
        nullif((regexp_match({{ expression }}, {{ handoff.string_literal(pattern) }}))[{{ group }}], '')
    {%- endif -%}
{%- endmacro %}
