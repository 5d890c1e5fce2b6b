{#- Every raw row that staging could not trust, with its reason: one union over the base models of the registry
    (macros/quality/staged_source_tables.sql). Nothing is dropped silently: what is not here was staged, superseded
    by a newer sync, or deleted at the source, and fct_source_row_reconciliation counts each. -#}
{%- set tables = handoff.staged_source_tables() -%}

with

{% for table in tables %}
base_{{ table.name }} as (

    select * from {{ ref('base_' ~ table.name) }}

),

{% endfor %}
quarantined as (

    {% for table in tables %}
    select
        '{{ table.source_table }}' as source_table,
        cast({{ table.key }} as {{ dbt.type_string() }}) as record_id,
        quarantine_reason,
        synced_at
    from base_{{ table.name }}
    where quarantine_reason is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

numbered as (

    select
        *,
        row_number() over (
            partition by source_table, record_id, synced_at, quarantine_reason
            order by source_table
        ) as occurrence
    from quarantined

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'source_table',
            "'|'",
            "coalesce(record_id, '')",
            "'|'",
            "coalesce(cast(synced_at as " ~ dbt.type_string() ~ "), '')",
            "'|'",
            'quarantine_reason',
            "'|'",
            'cast(occurrence as ' ~ dbt.type_string() ~ ')',
        ])) }} as quarantined_row_id,
        source_table,
        record_id,
        quarantine_reason,
        synced_at
    from numbered

)

select * from final
