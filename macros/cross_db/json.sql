{#- One scalar field of a JSON text or JSON column as text, by a dotted path of plain keys (`'context.ip'`); null
    when the path is missing or the value is JSON null. Scalars only: objects and arrays come back in each engine's
    own formatting. Numbers come back as written (`1`, `2.5`), booleans as `true`/`false`. -#}
{% macro json_extract_scalar(json_expression, path) -%}
    {%- set keys = path.split('.') -%}
    {%- for key in keys -%}
        {%- if not modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', key) -%}
            {{ exceptions.raise_compiler_error("json_extract_scalar: path keys must be plain identifiers, got " ~ path) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(adapter.dispatch('json_extract_scalar', 'handoff')(json_expression, keys)) }}
{%- endmacro %}

{% macro default__json_extract_scalar(json_expression, keys) -%}
    json_extract_string(cast({{ json_expression }} as json), {{ handoff.string_literal('$.' ~ keys | join('.')) }})
{%- endmacro %}

{% macro postgres__json_extract_scalar(json_expression, keys) -%}
    (cast({{ json_expression }} as jsonb) #>> {{ handoff.string_literal('{' ~ keys | join(',') ~ '}') }})
{%- endmacro %}

{% macro spark__json_extract_scalar(json_expression, keys) -%}
    get_json_object(cast({{ json_expression }} as string), {{ handoff.string_literal('$.' ~ keys | join('.')) }})
{%- endmacro %}
