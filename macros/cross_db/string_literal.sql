{#- A SQL string literal holding `value` exactly, on every engine. Spark's parser reads backslash escapes inside
    string literals ('a\.b' is the text `a.b`), so a regular expression such as `\.` or `\d` written plainly reaches
    Spark without its backslash and silently matches something else. The regexp and JSON macros build their literals
    here; models pass plain text. -#}
{% macro string_literal(value) -%}
    {{ return(adapter.dispatch('string_literal', 'handoff')(value)) }}
{%- endmacro %}

{% macro default__string_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__string_literal(value) -%}
    '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
