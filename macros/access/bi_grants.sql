{#-
    BI access on warehouses with roles: the BI roles (var `handoff__bi_roles`, default ['bi_reader']) may read the
    marts and nothing else, and never a personal column (tagged `meta: {personal_data: ...}` in the models' YAML).

    Why not dbt's `grants:` config alone: it grants SELECT on the whole table, and on PostgreSQL a table-level
    SELECT includes every column, so a mart with an email column would hand the email to BI. The post-hook below
    grants, per mart, SELECT on the table when it has no personal column, else SELECT on its other columns only (a
    column-level grant); the marts' schema is granted once at the end of the run (`grant_bi_schema_usage`), since
    concurrent GRANTs on one schema from dbt's threads fail on PostgreSQL ("tuple concurrently updated"). Staging and intermediate are never granted. DuckDB has no roles:
    its BI file is published without the personal values instead (handoff.nightly.bi_file).
-#}

{% macro grant_bi_select() -%}
    {{ return(adapter.dispatch('grant_bi_select', 'handoff')()) }}
{%- endmacro %}

{% macro default__grant_bi_select() -%}
    {{ return('select 1') }}
{%- endmacro %}

{% macro postgres__grant_bi_select() -%}
    {%- set roles = var('handoff__bi_roles', ['bi_reader']) -%}
    {%- if not roles or not execute -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set personal = [] -%}
    {%- for name, column in model.columns.items() -%}
        {%- set meta = column.get('meta') or (column.get('config') or {}).get('meta') or {} -%}
        {%- if meta.get('personal_data') -%}
            {%- do personal.append(name | lower) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set readable = [] -%}
    {%- for column in adapter.get_columns_in_relation(this) -%}
        {%- if column.name | lower not in personal -%}
            {%- do readable.append(adapter.quote(column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for role in roles -%}
        {%- do statements.append('revoke all on ' ~ this ~ ' from ' ~ role) -%}
        {%- if personal -%}
            {%- do statements.append(
                'grant select (' ~ readable | join(', ') ~ ') on ' ~ this ~ ' to ' ~ role
            ) -%}
        {%- else -%}
            {%- do statements.append('grant select on ' ~ this ~ ' to ' ~ role) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements | join(';\n')) }}
{%- endmacro %}

{#- on-run-start: the BI roles exist (NOLOGIN: people log in as their own users, members of these roles). -#}
{% macro ensure_bi_roles() -%}
    {{ return(adapter.dispatch('ensure_bi_roles', 'handoff')()) }}
{%- endmacro %}

{% macro default__ensure_bi_roles() -%}
    {{ return('select 1') }}
{%- endmacro %}

{% macro postgres__ensure_bi_roles() -%}
    {%- set statements = [] -%}
    {%- for role in var('handoff__bi_roles', ['bi_reader']) -%}
        {%- do statements.append(
            "do $$ begin if not exists (select 1 from pg_roles where rolname = '" ~ role
            ~ "') then create role " ~ role ~ " nologin; end if; end $$"
        ) -%}
    {%- endfor -%}
    {{ return(statements | join(';\n') if statements else 'select 1') }}
{%- endmacro %}

{#- on-run-end: the BI roles may use the schemas the marts live in (once per run, from one thread). -#}
{% macro grant_bi_schema_usage() -%}
    {{ return(adapter.dispatch('grant_bi_schema_usage', 'handoff')()) }}
{%- endmacro %}

{% macro default__grant_bi_schema_usage() -%}
    {{ return('select 1') }}
{%- endmacro %}

{% macro postgres__grant_bi_schema_usage() -%}
    {%- set roles = var('handoff__bi_roles', ['bi_reader']) -%}
    {%- if not roles or not execute -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set schemas = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.fqn[1] == 'marts' and node.schema not in schemas -%}
            {%- do schemas.append(node.schema) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for schema in schemas -%}
        {%- for role in roles -%}
            {#- a run that selected no mart may run before the marts' schema exists -#}
            {%- do statements.append(
                "do $$ begin if exists (select 1 from pg_namespace where nspname = '" ~ schema
                ~ "') then execute 'grant usage on schema " ~ adapter.quote(schema) ~ " to " ~ role
                ~ "'; end if; end $$"
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(statements | join(';\n') if statements else 'select 1') }}
{%- endmacro %}
