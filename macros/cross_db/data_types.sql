{#- A column type written the way the models' YAML writes it (`varchar`, `double`, `decimal(18,2)`, ...) as the
    engine spells it: Spark rejects `varchar` without a length (it wants `string`) and Postgres has no `double`
    (it wants `double precision`). For SQL built from documented types, e.g. the empty switched-off staging models
    (handoff.empty_from_documented_columns). YAML itself cannot call project macros: there, write
    `data_type: "{{ 'string' if target.type == 'spark' else 'varchar' }}"`. -#}
{% macro portable_data_type(data_type) -%}
    {{ return(adapter.dispatch('portable_data_type', 'handoff')(data_type | string | trim)) }}
{%- endmacro %}

{% macro default__portable_data_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro postgres__portable_data_type(data_type) -%}
    {%- set kind = data_type | lower -%}
    {{ return({'double': 'double precision', 'string': 'text', 'float8': 'double precision'}.get(kind, data_type)) }}
{%- endmacro %}

{% macro spark__portable_data_type(data_type) -%}
    {%- set kind = data_type | lower -%}
    {{ return({
        'varchar': 'string', 'text': 'string', 'character varying': 'string',
        'double precision': 'double', 'float8': 'double', 'timestamp without time zone': 'timestamp',
    }.get(kind, data_type)) }}
{%- endmacro %}
