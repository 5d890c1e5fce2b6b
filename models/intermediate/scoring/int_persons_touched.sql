{{ config(**handoff.persons_touched_config()) }}

{#- One row per person who has, or had, scoring inputs: a fingerprint of everything their scores are computed from,
    and when it last changed (touched_at, the run's start). The people touched tonight, computed once: the by-person
    scoring models (handoff.rescored_person_filter, macros/scoring/rescoring.sql) recompute exactly those.
    A person's inputs: their unfiltered event counts per day and signal up to the as-of date (new, late, re-synced
    or re-attributed events, and changed bot verdicts, all change them), their rejections that have restarted an
    episode by the as-of date, and their fit under each version. Every fingerprint also holds the definitions'
    (the resolved versions with whether each has started by the as-of date, the intent rules, the signal channels)
    and the scoring vars: a new or changed version, or a changed var, touches everyone by itself.
    A person whose inputs vanish (an identity merge moved all their events away) keeps a row with a null
    fingerprint, touched that night, so their old scores are deleted.
    Why 15 CTEs: six import CTEs; the rest build one fingerprint (definitions, then each person's inputs) and
    compare it with the stored one, a single decision that split apart would be read by this model only. -#}
with

int_person_daily_events_counted as (

    select * from {{ ref('int_person_daily_events_counted') }}

),

int_person_rejections_dated as (

    select * from {{ ref('int_person_rejections_dated') }}

),

int_person_fit_scored as (

    select * from {{ ref('int_person_fit_scored') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

intent_rules as (

    select * from {{ ref('intent_rules') }}

),

signal_channels as (

    select * from {{ ref('signal_channels') }}

),

definition_texts as (

    select
        {{ handoff.definition_row_text([
            'definition_version', 'status', 'effective_from', 'effective_to', 'intent_rule_set_version',
            'mql_threshold', 'fit_gate', 'fit_high_cutoff', 'intent_high_cutoff', 'recycle_after_days',
            'is_effective', 'effective_from <= ' ~ handoff.scoring_as_of_date()
        ]) }} as definition_text
    from int_definition_versions_resolved

    union all

    select
        {{ handoff.definition_row_text([
            'definition_version', 'signal_type', 'points', 'daily_cap', 'half_life_days'
        ]) }} as definition_text
    from intent_rules

    union all

    select {{ handoff.definition_row_text(['signal_type', 'channel']) }} as definition_text
    from signal_channels

    union all

    select {{ handoff.scoring_vars_text() }} as definition_text

),

definitions_fingerprint as (

    select {{ dbt.hash(handoff.string_agg_ordered('definition_text', ';')) }} as definitions_fingerprint
    from definition_texts

),

person_inputs as (

    select
        person_id,
        {{ dbt.concat(["'e|'", handoff.definition_row_text(['event_date', 'signal_type', 'event_count'])]) }}
            as input_text
    from int_person_daily_events_counted
    where
        filter_reason is null
        and event_date <= {{ handoff.scoring_as_of_date() }}

    union all

    select
        person_id,
        {{ dbt.concat(["'r|'", handoff.definition_row_text(['rejected_on'])]) }} as input_text
    from int_person_rejections_dated
    where rejected_on < {{ handoff.scoring_as_of_date() }}

    union all

    select
        person_id,
        {{ dbt.concat(["'f|'", handoff.definition_row_text(['definition_version', 'fit_score', 'fit_exclusion'])]) }}
            as input_text
    from int_person_fit_scored

),

person_texts as (

    select
        person_id,
        {{ handoff.string_agg_ordered('input_text', ';') }} as inputs_text
    from person_inputs
    where person_id is not null
    group by person_id

),

current_fingerprints as (

    select
        person_texts.person_id,
        {{ dbt.hash(dbt.concat([
            'definitions_fingerprint.definitions_fingerprint', "'#'", 'person_texts.inputs_text'
        ])) }} as inputs_fingerprint
    from person_texts
    cross join definitions_fingerprint

),

{% if is_incremental() %}

stored_fingerprints as (

    select * from {{ this }}

),

changed as (

    select
        current_fingerprints.person_id,
        current_fingerprints.inputs_fingerprint
    from current_fingerprints
    left join stored_fingerprints
        on current_fingerprints.person_id = stored_fingerprints.person_id
    where
        stored_fingerprints.inputs_fingerprint is null
        or stored_fingerprints.inputs_fingerprint <> current_fingerprints.inputs_fingerprint

    union all

    select
        stored_fingerprints.person_id,
        cast(null as {{ dbt.type_string() }}) as inputs_fingerprint
    from stored_fingerprints
    left join current_fingerprints
        on stored_fingerprints.person_id = current_fingerprints.person_id
    where
        current_fingerprints.person_id is null
        and stored_fingerprints.inputs_fingerprint is not null

),

{% else %}

changed as (

    select * from current_fingerprints

),

{% endif %}

final as (

    select
        person_id,
        cast(inputs_fingerprint as {{ dbt.type_string() }}) as inputs_fingerprint,
        {{ handoff.run_started_at_utc() }} as touched_at
    from changed

)

select * from final
