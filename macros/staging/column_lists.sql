{#- A base model's column list, written once and rendered by these macros (the pattern of Fivetran's
    `get_<object>_columns()` macros in fivetran/dbt_salesforce, which its base and history models share).
    Each column is a dict:
      `column`    the raw column;
      `name`      its staged name (defaults to `column`);
      `type`      'id'   a trimmed string, blank read as null (ids, picklists, names),
                  'text' a plain cast to string (free text, kept as delivered),
                  'email' handoff.normalize_email,
                  or a SQL type, read with handoff.try_cast: a value that does not cast is null and flags the row
                  (uncastable_check);
      `optional`  true for connector columns that may be absent (Marketo): read with handoff.optional_cast and
                  handoff.is_uncastable against `present`, the relation's column names;
      `history`   true when the object's history-mode table has the column too (salesforce_*_columns);
      `derived`   instead of `column`: an expression over staged columns, computed in the `final` select list
                  (staged_column_names) rather than read from the source. -#}


{#- `<expression> as <name>,` for each column: the start of a base model's `typed` select list (each line ends with a
    comma, so the model's own columns follow). -#}
{% macro staged_columns(columns, present=none) -%}
    {%- for column in columns if not column.get('derived') %}
        {{ handoff.staged_column_expression(column, present) }} as {{ column.get('name', column.column) }},
    {%- endfor %}
{%- endmacro %}


{#- One column read as its `type` says (see the file's header). -#}
{% macro staged_column_expression(column, present=none) -%}
    {%- set data_type = column.get('type', 'id') -%}
    {%- if column.get('optional') -%}
        {{ handoff.optional_cast(column.column, present, dbt.type_string() if data_type == 'id' else data_type) }}
    {%- elif data_type == 'id' -%}
        nullif(trim(cast({{ column.column }} as {{ dbt.type_string() }})), '')
    {%- elif data_type == 'text' -%}
        cast({{ column.column }} as {{ dbt.type_string() }})
    {%- elif data_type == 'email' -%}
        {{ handoff.normalize_email(column.column) }}
    {%- else -%}
        {{ handoff.try_cast(column.column, data_type) }}
    {%- endif -%}
{%- endmacro %}


{#- True when one of the try-cast columns holds a value that does not cast (the `uncastable_value` quarantine):
    an OR over the columns whose `type` is a SQL type (false when there is none). -#}
{% macro uncastable_check(columns, present=none) -%}
    {%- set checked = [] -%}
    {%- for column in columns if not column.get('derived') and column.get('type', 'id') not in ('id', 'text', 'email') -%}
        {%- if column.get('optional') -%}
            {%- do checked.append(handoff.is_uncastable(column.column, present, column.type)) -%}
        {%- else -%}
            {%- do checked.append(
                '(' ~ column.column ~ ' is not null and '
                ~ handoff.try_cast(column.column, column.type) ~ ' is null)') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if checked -%}
        ({{ checked | join('\n        or ') }})
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#- The staged names of a column list, one per line and each followed by a comma, for a `final` select list
    (a `derived` column as `<expression> as <name>`). -#}
{% macro staged_column_names(columns) -%}
    {%- for column in columns %}
        {% if column.get('derived') %}{{ column.derived }} as {% endif %}{{ column.get('name', column.column) }},
    {%- endfor %}
{%- endmacro %}
