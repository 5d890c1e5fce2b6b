{#- Vars reach SQL only through these macros, so no var value can change a query's meaning.
    - handoff.typed_var(name, default): the var's value checked against its default's type. A number stays a number
      (a string such as "24 or true" is a compile error, never SQL); lists and text are returned for the caller
      to quote with handoff.string_literal; booleans stay booleans.
    - handoff.identifier_var(name, default): a schema or database name. Only a plain identifier is accepted
      (letters, digits, `_`, `$`, `-`): a quote, a dot or a space in it is a compile error, since no engine escapes
      a quote inside a quoted identifier the same way. dbt quotes source databases and schemas as identifiers on
      DuckDB and Postgres ("raw"."salesforce"."lead"); handoff.check_identifier_vars checks the vars the sources'
      YAML reads (which cannot call a macro) from generate_schema_name, at parse time.
    - handoff.date_var_literal(name, default): a date var (YYYY-MM-DD) as a date literal. -#}
{% macro typed_var(name, default) -%}
    {%- set value = var(name, default) -%}
    {%- if default is number and default is not boolean -%}
        {%- if value is number and value is not boolean -%}
            {{ return(value) }}
        {%- endif -%}
        {%- set text = value | string | trim -%}
        {%- if modules.re.match('^-?[0-9]+(\\.[0-9]+)?$', text) is none -%}
            {{ exceptions.raise_compiler_error('var ' ~ name ~ ' must be a number, got: ' ~ (value | string)) }}
        {%- endif -%}
        {{ return(text | float if '.' in text else text | int) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{% macro identifier_var(name, default=none) -%}
    {%- set value = var(name, default) if default is not none else var(name) -%}
    {%- if value is none or modules.re.match('^[A-Za-z_][A-Za-z0-9_$-]*$', value | string) is none -%}
        {{ exceptions.raise_compiler_error(
            'var ' ~ name ~ ' must be a plain schema or database name (letters, digits, _ $ -), got: '
            ~ (value | string)
        ) }}
    {%- endif -%}
    {{ return(value | string) }}
{%- endmacro %}

{% macro date_var_literal(name, default=none) -%}
    {%- set value = var(name, default) -%}
    {%- set parsed = handoff.parse_date_var(name, value) -%}
    cast({{ handoff.string_literal(parsed.isoformat()) }} as date)
{%- endmacro %}

{#- A date var's value as a date (YYYY-MM-DD); a compile error otherwise. -#}
{% macro parse_date_var(name, value) -%}
    {%- set text = value | string | trim -%}
    {%- if modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', text) is none -%}
        {{ exceptions.raise_compiler_error('var ' ~ name ~ ' must be a date (YYYY-MM-DD), got: ' ~ text) }}
    {%- endif -%}
    {{ return(modules.datetime.date.fromisoformat(text)) }}
{%- endmacro %}

{#- The vars that name databases and schemas (the sources' YAML and generate_schema_name read them). -#}
{% macro check_identifier_vars() -%}
    {%- set names = ['raw_database'] -%}
    {%- for source in ['salesforce', 'hubspot', 'segment', 'intent', 'marketo'] -%}
        {%- do names.extend([source ~ '_schema', source ~ '_database']) -%}
    {%- endfor -%}
    {%- for name in names -%}
        {#- an empty database var means "no database level" (Spark: SparkEngine.dbt_vars), which quotes nothing -#}
        {%- set no_database = name.endswith('_database') and var(name, none) == '' -%}
        {%- if var(name, none) is not none and not no_database -%}
            {%- do handoff.identifier_var(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if var('schema_prefix', '') -%}
        {%- do handoff.identifier_var('schema_prefix') -%}
    {%- endif -%}
{%- endmacro %}
