{#- The fingerprint of each definition version: an md5 over every row that version owns in the four definition
    seeds (its definition_versions row, fit_rules, fit_exclusions, intent_rules), each row rendered as text with
    '|' between columns and the rows sorted. An effective version is never edited: a committed fingerprint
    (seeds/definitions/definition_fingerprints.csv) pins it, and tests/scoring/assert_effective_versions_unchanged
    fails when the rows and the committed fingerprint disagree. Every column is an integer, a date, a boolean or
    text, so the rendering is the same on DuckDB, Postgres and Spark. -#}

{% macro definition_row_text(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}


{% macro definition_fingerprints_sql() -%}
    with

    version_rows as (

        select
            definition_version,
            {{ handoff.definition_row_text([
                "'version'", 'definition_version', 'status', 'effective_from', 'mql_threshold', 'fit_gate',
                'fit_high_cutoff', 'intent_high_cutoff', 'hot_min_signal_types', 'hot_min_channels',
                'hot_min_active_weeks', 'hot_window_days', 'recycle_after_days', 'mqa_min_engaged_people',
                'mqa_min_roles', 'mqa_window_days', 'mqa_account_fit_gate', 'marketing_signed_by',
                'marketing_signed_at', 'sales_signed_by', 'sales_signed_at', 'change_note', 'restatement_reason'
            ]) }} as row_text
        from {{ ref('definition_versions') }}

        union all

        select
            definition_version,
            {{ handoff.definition_row_text([
                "'fit_rule'", 'rule_id', 'person_attribute', 'match_value', 'range_min', 'range_max', 'points', 'description'
            ]) }} as row_text
        from {{ ref('fit_rules') }}

        union all

        select
            definition_version,
            {{ handoff.definition_row_text(["'fit_exclusion'", 'exclusion_kind', 'is_active', 'description']) }}
            as row_text
        from {{ ref('fit_exclusions') }}

        union all

        select
            definition_version,
            {{ handoff.definition_row_text([
                "'intent_rule'", 'signal_type', 'points', 'daily_cap', 'half_life_days', 'is_negative', 'description'
            ]) }} as row_text
        from {{ ref('intent_rules') }}

    )

    select
        definition_version,
        {{ dbt.hash(handoff.string_agg_ordered('row_text', '~')) }} as fingerprint,
        count(*) as row_count
    from version_rows
    group by definition_version
{%- endmacro %}


{#- `dbt run-operation print_definition_fingerprints`: prints the current fingerprint of every version, to record
    a newly effective version in seeds/definitions/definition_fingerprints.csv. -#}
{% macro print_definition_fingerprints() %}
    {%- set result = run_query(handoff.definition_fingerprints_sql() ~ ' order by definition_version') -%}
    {{ print('definition_version,fingerprint') }}
    {%- for row in result.rows %}
        {{ print(row[0] ~ ',' ~ row[1]) }}
    {%- endfor %}
{% endmacro %}
