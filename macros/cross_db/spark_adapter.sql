{#- Overrides of dbt-spark built-ins that break on this project's Spark (Parquet tables, session method). -#}

{#- Seeds on Spark: dbt-spark's own load_csv_rows binds each value as '%s' wrapped in quotes without escaping, so a
    seed value holding an apostrophe ("the sample's form") breaks the insert (measured with the session method).
    This override inlines every value as a properly escaped literal instead (handoff.string_literal), which works
    for every Spark connection method. Tested by every Spark build of the seeds in seeds/reference. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    {%- set type = column_override.get(col_name, inferred_type) -%}
                    {%- set value = row[loop.index0] -%}
                    cast({{ handoff.spark_seed_literal(value) }} as {{ type }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor -%}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}

{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        {{ handoff.string_literal(value) }}
    {%- endif -%}
{%- endmacro %}


{#- Contract constraints on Spark: dbt-spark assumes Delta when a model sets no file_format and then runs
    `alter table ... change column ... set not null`, which Parquet tables reject (measured: UNSUPPORTED_FEATURE
    .TABLE_OPERATION on every contracted mart). Here a model without file_format is taken to be Parquet, the table
    format of this project on Spark (handoff.table_file_format); a model that sets file_format: delta still gets
    its constraints. On Parquet, not_null is then checked by the models' not_null data tests only. -#}
{% macro spark__persist_constraints(relation, model) %}
    {%- set contract_config = config.get('contract') -%}
    {%- if contract_config.enforced and config.get('file_format', handoff.table_file_format()) == 'delta' -%}
        {%- do alter_table_add_constraints(relation, model.constraints) -%}
        {%- do alter_column_set_constraints(relation, model.columns) -%}
    {%- endif -%}
{% endmacro %}
