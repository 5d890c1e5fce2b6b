{#- The non-null values of `measure` in a group joined by `delimiter` (plain text), ordered by `order_by` (default
    the measure itself), ties broken by the measure in the same direction, null order keys last; null for a group
    with no non-null value. dbt.listagg ignores its order on Spark (it only warns), so ordered lists go through
    here. Replaces dbt.listagg / dbt_utils.listagg where the order matters. -#}
{% macro string_agg_ordered(measure, delimiter=', ', order_by=none, descending=false) -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'handoff')(measure, delimiter, order_by or measure, descending)) }}
{%- endmacro %}

{% macro default__string_agg_ordered(measure, delimiter, order_by, descending) -%}
    {%- set direction = 'desc' if descending else 'asc' -%}
    string_agg(
        cast({{ measure }} as {{ dbt.type_string() }}), {{ handoff.string_literal(delimiter) }}
        order by {{ order_by }} {{ direction }} nulls last, cast({{ measure }} as {{ dbt.type_string() }}) {{ direction }}
    )
{%- endmacro %}

{#- Spark: collect (null-key flag, key, value) named structs, sort them, keep the values. A null measure yields a null
    struct, which collect_list skips, as string_agg skips null values. -#}
{% macro spark__string_agg_ordered(measure, delimiter, order_by, descending) -%}
    {%- set value = 'cast(' ~ measure ~ ' as string)' -%}
    {%- set null_key_last = ('(' ~ order_by ~ ') is not null') if descending else ('(' ~ order_by ~ ') is null') -%}
    {%- set collected -%}
        sort_array(
            collect_list(case when {{ value }} is not null then named_struct('null_key', {{ null_key_last }}, 'sort_key', {{ order_by }}, 'value', {{ value }}) end),
            {{ 'false' if descending else 'true' }}
        )
    {%- endset -%}
    case when size({{ collected }}) > 0 then array_join(transform({{ collected }}, entry -> entry.value), {{ handoff.string_literal(delimiter) }}) end
{%- endmacro %}
