{#- Helpers for the accounts layer (models/intermediate/accounts, models/marts/accounts). -#}


{#- The accounts layer's tunable vars and their defaults, in one place. Override any with --vars.
    - third_party_intent_lookback_weeks: the weeks of third-party surge scores (ending with the latest week that
      starts on or before the as-of date) read for an account's tie-breaking intent; the account's score is the
      highest surge on any topic in those weeks.
    The MQA definition itself (people, roles, window, account fit gate) is not a var: it is versioned data in
    seeds/definitions/definition_versions.csv. -#}
{% macro accounts_var(name) -%}
    {%- set defaults = {
        'third_party_intent_lookback_weeks': 4,
    } -%}
    {%- if name not in defaults -%}
        {{ exceptions.raise_compiler_error('unknown accounts var: ' ~ name) }}
    {%- endif -%}
    {{ return(handoff.typed_var(name, defaults[name])) }}
{%- endmacro %}


{#- The buying-committee roles an MQA counts as covered (unassigned people count as engaged people, never as a
    role). -#}
{% macro buying_committee_roles() -%}
    {{ return(['economic_buyer', 'champion', 'technical_evaluator', 'end_user']) }}
{%- endmacro %}


{#- The sales priority queue's order, in one place. First-party keys only, each `expression direction`:
    item tier (1 open MQA, 2 open Hot MQL, 3 open MQL), then buying-committee roles covered and engaged people at
    the item's account in the current MQA window, then fit (an MQA: account fit; an MQL: person fit), then the
    first-party intent band (2 at or above the version's intent_high_cutoff, 1 positive, 0 none; an MQA: its
    account's intent, an MQL: the person's), then the week of qualification, most recent first. Intent and
    recency are banded so that items which are equal for sales purposes tie. Third-party intent is never one of
    these: priority_queue_order() appends it after all of them, so it can only reorder items that tie on every
    first-party key. -#}
{% macro priority_queue_first_party_keys() -%}
    {{ return([
        'queue_tier asc',
        'roles_covered desc',
        'engaged_people desc',
        'fit_score desc',
        'first_party_intent_band desc',
        'qualified_week desc',
    ]) }}
{%- endmacro %}

{#- The first-party key columns alone, comma-separated (for a partition by). -#}
{% macro priority_queue_first_party_columns() -%}
    {%- set columns = [] -%}
    {%- for key in handoff.priority_queue_first_party_keys() -%}
        {%- do columns.append(key.split(' ')[0]) -%}
    {%- endfor -%}
    {{ columns | join(', ') }}
{%- endmacro %}

{% macro priority_queue_first_party_order() -%}
    {{ handoff.priority_queue_first_party_keys() | join(', ') }}
{%- endmacro %}

{#- The full order: every first-party key, then third-party intent (the tie-breaker; none sorts last), then the
    item id so the rank is total and stable. -#}
{% macro priority_queue_order() -%}
    {{ handoff.priority_queue_first_party_order() }},
    coalesce(third_party_intent_score, -1) desc,
    queue_item_id asc
{%- endmacro %}
