{#- Helpers for the scoring layer (models/intermediate/{identity,engagement,scoring}, models/marts/core).
    Engine-specific SQL lives only here, behind adapter.dispatch. -#}


{#- The decimal type every score, component and explanation row is rounded to (one decimal place). Scores are
    sums of these rounded components, so they add up exactly on every engine. -#}
{% macro type_score() -%}
    decimal(18, 1)
{%- endmacro %}

{#- Rounded on a decimal, not a double: Postgres has no round(double precision, integer). -#}
{% macro round_score(expression) -%}
    cast(round(cast({{ expression }} as decimal(28, 6)), 1) as {{ handoff.type_score() }})
{%- endmacro %}


{#- One intent component carried from the day it was evaluated to a later day: points x 2^(-days / half-life),
    rounded as a score. Written once for "intent today" (int_person_intent_current) and "intent on the MQA date"
    (int_mqa_people_intent_decayed). -#}
{% macro intent_decayed_to(points, from_date, to_date, half_life_days) -%}
    {{ handoff.round_score(points ~ ' * ' ~ handoff.power(2,
        '-cast(' ~ handoff.days_between(from_date, to_date) ~ ' as ' ~ handoff.type_double() ~ ') / '
        ~ half_life_days)) }}
{%- endmacro %}


{#- Whole days from one date to another (b - a), through the shared handoff.day_number. -#}
{% macro days_between(a, b) -%}
    ({{ handoff.day_number(b) }} - {{ handoff.day_number(a) }})
{%- endmacro %}


{#- Seconds from one timestamp to another (b - a), fractions kept, through the shared handoff.epoch_seconds. -#}
{% macro seconds_between(a, b) -%}
    ({{ handoff.epoch_seconds(b) }} - {{ handoff.epoch_seconds(a) }})
{%- endmacro %}


{#- The date the marts are "as of": intent in dim_persons is decayed to it, MQLs gone cold by it are recycled.
    The var `scoring_as_of_date` (YYYY-MM-DD) pins it for back-tests and tests; by default the run's start date. -#}
{% macro scoring_as_of_date() -%}
    {%- set pinned = var('scoring_as_of_date', none) -%}
    {%- if pinned -%}
        {{ handoff.date_var_literal('scoring_as_of_date') }}
    {%- else -%}
        cast('{{ run_started_at.strftime("%Y-%m-%d") }}' as date)
    {%- endif -%}
{%- endmacro %}
