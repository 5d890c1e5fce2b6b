{#- Generic model test: no two rows share the same values of `columns` (a composite primary key). Replaces
    dbt_utils.unique_combination_of_columns. Pair it with not_null on each column. -#}
{% test columns_unique_together(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as duplicate_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
