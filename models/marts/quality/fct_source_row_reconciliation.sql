{#- Per source table: raw rows = staged + quarantined + superseded + deleted. Each count is computed on its own
    (from the base model, which holds every raw row once, and from the staging table), so a row that staging lost
    without a reason makes `is_reconciled` false and fails the build (tests/quality).
    Each base model is read in one pass (ranked_*: trusted rows, that is quarantine_reason null and the current
    version unless the table is versioned, ranked per key among themselves, latest sync first), so an engine
    computes only the columns counted here: a base model read twice was materialised whole on Postgres, every cast
    and regex of every column (issue 18).
    Referential problems show here too: orphan_reference_rows (part of quarantined_rows) and flagged_rows (part of
    staged_rows: rows kept with a flag of the registry, counted per flag in fct_source_row_flags). -#}
{%- set tables = handoff.staged_source_tables() -%}

with

{% for table in tables %}
{%- set trusted = '(quarantine_reason is null' ~ ('' if table.get('versioned') else ' and is_current_version') ~ ')' %}
base_{{ table.name }} as (

    select * from {{ ref('base_' ~ table.name) }}

),

stg_{{ table.name }} as (

    select * from {{ ref('stg_' ~ table.name) }}

),

ranked_{{ table.name }} as (

    select
        quarantine_reason,
        is_deleted,
        {{ trusted }} as is_trusted_version,
        row_number() over (
            partition by {{ table.key }}, {{ trusted }}
            order by synced_at desc
        ) as version_rank
    from base_{{ table.name }}

),

base_counts_{{ table.name }} as (

    select
        count(*) as raw_rows,
        coalesce(sum(case when quarantine_reason is not null then 1 else 0 end), 0) as quarantined_rows,
        coalesce(sum(case when quarantine_reason = 'orphan_reference' then 1 else 0 end), 0) as orphan_reference_rows,
        coalesce(sum(case when quarantine_reason is null then 1 else 0 end), 0) as trusted_rows,
        coalesce(sum(case when is_trusted_version and version_rank = 1 then 1 else 0 end), 0) as current_keys,
        coalesce(
            sum(case when is_trusted_version and version_rank = 1 and is_deleted then 1 else 0 end), 0
        ) as deleted_rows
    from ranked_{{ table.name }}

),

staged_counts_{{ table.name }} as (

    select
        count(*) as staged_rows,
        {%- if table.get('flags') %}
        coalesce(sum(case when {{ table.flags.values() | join(' or ') }} then 1 else 0 end), 0) as flagged_rows
        {%- else %}
        0 as flagged_rows
        {%- endif %}
    from stg_{{ table.name }}

),

counts_{{ table.name }} as (

    select
        '{{ table.source_table }}' as source_table,
        base_counts.raw_rows,
        base_counts.quarantined_rows,
        base_counts.orphan_reference_rows,
        base_counts.trusted_rows - base_counts.current_keys as superseded_rows,
        base_counts.deleted_rows,
        staged_counts.staged_rows,
        staged_counts.flagged_rows
    from base_counts_{{ table.name }} as base_counts
    cross join staged_counts_{{ table.name }} as staged_counts

),

{% endfor %}
unioned as (

    {% for table in tables %}
    select * from counts_{{ table.name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        source_table,
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(quarantined_rows as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(superseded_rows as {{ dbt.type_bigint() }}) as superseded_rows,
        cast(deleted_rows as {{ dbt.type_bigint() }}) as deleted_rows,
        cast(orphan_reference_rows as {{ dbt.type_bigint() }}) as orphan_reference_rows,
        cast(flagged_rows as {{ dbt.type_bigint() }}) as flagged_rows,
        raw_rows = staged_rows + quarantined_rows + superseded_rows + deleted_rows as is_reconciled
    from unioned

)

select * from final
