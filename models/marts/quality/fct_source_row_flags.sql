{#- Per source table and flag: how many staged rows were kept with a known problem (the `flags` of the registry in
    macros/quality/staged_source_tables.sql). A flag is counted even when no row carries it, so a dashboard shows
    a zero rather than nothing. -#}
{%- set tables = handoff.staged_source_tables() | selectattr('flags', 'defined') | list -%}

with

{% for table in tables %}
stg_{{ table.name }} as (

    select * from {{ ref('stg_' ~ table.name) }}

),

{% endfor %}
counted as (

    {% for table in tables %}
    {%- set outer_loop = loop %}
    {%- for flag, condition in table.flags.items() %}
    select
        '{{ table.source_table }}' as source_table,
        '{{ flag }}' as flag,
        count(*) as staged_rows,
        coalesce(sum(case when {{ condition }} then 1 else 0 end), 0) as flagged_rows
    from stg_{{ table.name }}
    {% if not (outer_loop.last and loop.last) %}union all{% endif %}
    {%- endfor %}
    {% endfor %}

),

final as (

    select
        source_table,
        flag,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(flagged_rows as {{ dbt.type_bigint() }}) as flagged_rows
    from counted

)

select * from final
