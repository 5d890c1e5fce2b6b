{#- dbt-project-evaluator's exceptions, read from our copy of its seed (seeds/evaluator/dbt_project_evaluator_exceptions.csv:
    fct_name, column_name, id_to_exclude, comment) without that seed being loaded into the warehouse: the package is
    not installed in this project (no hub), so the seed stays disabled for `dbt build`, and the evaluator's
    `dbt build --select package:dbt_project_evaluator` would not build it anyway. When the evaluator runs, its
    filter_exceptions (dispatched through `dispatch:` in dbt_project.yml, search order handoff first) reaches this
    version on DuckDB, which reads the CSV itself: the same `where <column> not like '<id>'` filters as the
    package's default__filter_exceptions, in the same places (nothing while compiling). Other engines keep the
    package's own behaviour (enable the seed and build it with the package, as its docs describe).
    No hub macro replaced: this overrides dbt_project_evaluator.default__filter_exceptions for our project. -#}
{% macro duckdb__filter_exceptions() -%}
    {%- if execute and flags.WHICH not in ['compile'] -%}
        {%- set path = (flags.PROJECT_DIR or '.') ~ '/seeds/evaluator/dbt_project_evaluator_exceptions.csv' -%}
        {%- set query_filters -%}
            select column_name, id_to_exclude
            from read_csv({{ handoff.string_literal(path) }}, header = true, all_varchar = true)
            where fct_name = {{ handoff.string_literal(model.name) }}
        {%- endset %}
    where 1 = 1
        {%- for row_filter in run_query(query_filters) %}
        and {{ row_filter[0] }} not like {{ handoff.string_literal(row_filter[1]) }}
        {%- endfor %}
    {%- endif -%}
{%- endmacro %}
