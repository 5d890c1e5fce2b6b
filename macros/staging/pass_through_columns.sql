{#- A company's own CRM fields, carried from staging to the marts that describe the entity: Fivetran's
    `<package>__<entity>_pass_through_columns` convention (replaces fivetran_utils.add_pass_through_columns and
    persist_pass_through_columns). The var is a list of `{name: raw_column, alias: output_name}` (alias optional),
    e.g. `salesforce__account_pass_through_columns: [{name: region__c, alias: sales_region}]`. Both must be plain
    identifiers: a var names columns, it never adds SQL (Fivetran's `transform_sql` is not supported). -#}
{% macro pass_through_columns(var_name) -%}
    {%- set columns = [] -%}
    {%- for entry in var(var_name, []) or [] -%}
        {%- set item = entry if entry is mapping else {'name': entry} -%}
        {%- set name = (item.get('name') or '') | string | lower -%}
        {%- set alias = (item.get('alias') or name) | string | lower -%}
        {%- for value in [name, alias] -%}
            {%- if modules.re.match('^[a-z_][a-z0-9_]*$', value) is none -%}
                {{ exceptions.raise_compiler_error(
                    'var ' ~ var_name ~ ': column names must be plain identifiers, got: ' ~ value) }}
            {%- endif -%}
        {%- endfor -%}
        {%- do columns.append({'name': name, 'alias': alias}) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}

{#- First in a select list: `alias,` for each pass-through column (as `raw_column as alias,` in a base model's
    select from the source). Placed first, the list renders whole whether or not the var is set. -#}
{% macro pass_through_select(var_name) -%}
    {%- for column in handoff.pass_through_columns(var_name) %}
        {{ column.name }} as {{ column.alias }},
    {%- endfor %}
{%- endmacro %}

{% macro pass_through_leading(var_name) -%}
    {{ handoff.leading_select_targets(handoff.pass_through_columns(var_name) | map(attribute='alias') | list) }}
{%- endmacro %}

{#- First in a select list: `target,` for each item (nothing for an empty list). -#}
{% macro leading_select_targets(targets) -%}
    {%- for target in targets %}
        {{ target }},
    {%- endfor %}
{%- endmacro %}
