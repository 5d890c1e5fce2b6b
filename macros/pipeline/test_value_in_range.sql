{#- Generic test: every non-null value of the column lies in [min_value, max_value] (either bound may be omitted).
    Replaces dbt_utils.accepted_range / dbt_expectations.expect_column_values_to_be_between. Rates use
    min_value: 0, max_value: 1. -#}
{% test value_in_range(model, column_name, min_value=none, max_value=none) %}

select {{ column_name }} as out_of_range_value
from {{ model }}
where {{ column_name }} is not null
    and (
        1 = 0
        {%- if min_value is not none %}
        or {{ column_name }} < {{ min_value }}
        {%- endif %}
        {%- if max_value is not none %}
        or {{ column_name }} > {{ max_value }}
        {%- endif %}
    )

{% endtest %}
