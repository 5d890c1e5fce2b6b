{#- Scoring incremental by person (issue 16). The scoring chain (int_person_daily_points,
    int_person_score_days_sequenced, int_person_daily_points_sequenced, int_person_intent_decayed,
    int_person_scores_daily) is recomputed each night for the people whose scoring inputs changed
    (int_persons_touched), and only their rows are replaced; everyone else's rows are untouched.

    How a by-person model updates itself:
      * `rescored_at` on every row: the run start of the run that wrote it;
      * its watermark: max(rescored_at) in the model, read once per run before anything is deleted;
      * the people it recomputes: those int_persons_touched saw change after that watermark (so a night that
        stopped half-way is caught up the next night, and a rerun is idempotent);
      * a pre-hook deletes every row of those people, and the model appends their recomputed rows (a person
        whose rows vanish, e.g. after an identity merge moved all their events away, loses them).
    A first build, a --full-refresh, or an empty model recomputes everyone. A change of the definition seeds or
    of a scoring var touches everyone by itself (its fingerprint is part of each person's).
    Spark (Parquet tables, no delete, no merge): the chain is plain tables rebuilt whole; insert_overwrite by a
    person bucket would be its equivalent, at the cost of a partition column on every model. -#}


{#- Whether this engine replaces a person's rows in place (delete + append). -#}
{% macro rescores_by_person() -%}
    {{ return(adapter.dispatch('rescores_by_person', 'handoff')()) }}
{%- endmacro %}

{% macro default__rescores_by_person() -%}
    {{ return(true) }}
{%- endmacro %}

{% macro spark__rescores_by_person() -%}
    {{ return(false) }}
{%- endmacro %}


{#- The config of a by-person scoring model: `{{ config(**handoff.rescoring_config()) }}`. -#}
{% macro rescoring_config() -%}
    {%- if not handoff.rescores_by_person() -%}
        {{ return({'materialized': 'table'}) }}
    {%- endif -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': "{{ handoff.delete_rescored_persons() }}",
    }) }}
{%- endmacro %}


{#- The model's watermark as a timestamp literal, or none when everyone is recomputed (not an incremental run,
    an engine without deletes, or an empty model). -#}
{% macro rescoring_watermark() -%}
    {#- `this` is none in a unit test, whatever is_incremental() says there -#}
    {%- if not (execute and this is not none and is_incremental() and handoff.rescores_by_person()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set latest = run_query('select max(rescored_at) from ' ~ this).columns[0].values()[0] -%}
    {%- if latest is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return("cast('" ~ latest ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}


{#- The people a by-person model recomputes, as a boolean expression on `person_column`: membership in the model's
    `rescored_persons` CTE (everyone in int_persons_touched on a full build, else those touched after the
    model's watermark). -#}
{% macro rescored_person_filter(person_column='person_id') -%}
    {{ person_column }} in (select rescored_persons.person_id from rescored_persons)
{%- endmacro %}


{#- The `where` of the rescored_persons CTE over int_persons_touched. -#}
{% macro rescoring_window_filter(touched_at='touched_at') -%}
    {%- set watermark = handoff.rescoring_watermark() -%}
    {%- if watermark is none -%}
        true
    {%- else -%}
        {{ touched_at }} > {{ watermark }}
    {%- endif -%}
{%- endmacro %}


{#- Pre-hook of a by-person model: delete the rows of the people it is about to recompute. -#}
{% macro delete_rescored_persons() -%}
    {%- if execute and is_incremental() and handoff.rescores_by_person() -%}
        {%- set watermark = handoff.rescoring_watermark() -%}
        delete from {{ this }}
        {%- if watermark is not none %}
        where person_id in (
            select person_id from {{ ref('int_persons_touched') }} where touched_at > {{ watermark }}
        )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#- The config of int_persons_touched: each person's fingerprint replaced by person (delete+insert, on DuckDB and
    Postgres alike); a plain table where the chain is rebuilt whole (Spark). -#}
{% macro persons_touched_config() -%}
    {%- if not handoff.rescores_by_person() -%}
        {{ return({'materialized': 'table'}) }}
    {%- endif -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': 'person_id',
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}


{#- The scoring vars, as one text for the definitions fingerprint: changing any of them touches everyone. -#}
{% macro scoring_vars_text() -%}
    {%- set parts = [] -%}
    {%- for name in ['bot_click_seconds_after_delivery', 'bot_all_links_min_links', 'bot_all_links_window_seconds'] -%}
        {%- do parts.append(name ~ '=' ~ handoff.scoring_var(name)) -%}
    {%- endfor -%}
    {{ return(handoff.string_literal(parts | join(';'))) }}
{%- endmacro %}
