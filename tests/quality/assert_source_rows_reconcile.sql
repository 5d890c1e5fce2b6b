{#- Fails for each source table whose raw rows are not all accounted for: staged + quarantined + superseded +
    deleted must equal the rows the source holds, counted here straight from the source (not through staging). -#}
{%- set tables = handoff.enabled_staged_source_tables() -%}

with

reconciliation as (

    select * from {{ ref('fct_source_row_reconciliation') }}

),

source_counts as (

    {% for table in tables %}
    {%- set source_name, table_name = table.source_table.split('.') %}
    select
        '{{ table.source_table }}' as source_table,
        count(*) as source_rows
    from {{ source(source_name, table_name) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        reconciliation.source_table,
        reconciliation.raw_rows,
        source_counts.source_rows,
        reconciliation.staged_rows,
        reconciliation.quarantined_rows,
        reconciliation.superseded_rows,
        reconciliation.deleted_rows
    from reconciliation
    left join source_counts
        on reconciliation.source_table = source_counts.source_table
    where
        not reconciliation.is_reconciled
        or reconciliation.raw_rows <> coalesce(source_counts.source_rows, 0)

)

select * from final
