{#- Generic test: the model has exactly one row (a settings seed such as mql_sql_health_band). Replaces
    dbt_expectations.expect_table_row_count_to_equal(1). -#}
{% test single_row(model) %}

select row_count
from (select count(*) as row_count from {{ model }}) as counted
where row_count <> 1

{% endtest %}
