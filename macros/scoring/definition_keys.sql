{#- The key of an MQL definition: `v<version>` for Handoff's own signed versions (v1, v2, ...). Every tier-2 row
    carries it, so a definition that is not a Handoff version (an external one, such as the MQL dates a company
    already records in its CRM) can be a row of the same marts under its own key. -#}
{% macro definition_key(version_expression) -%}
    {{ dbt.concat(["'v'", "cast(" ~ version_expression ~ " as " ~ dbt.type_string() ~ ")"]) }}
{%- endmacro %}

{#- "The version in force on a date", written once: the effective version whose [effective_from, effective_to)
    contains the day (int_definition_versions_resolved's columns; effective_to is the next effective version's
    start). `versions` is the alias of int_definition_versions_resolved in the query (none for unqualified
    columns); `day` defaults to the as-of date. Used by the scoring chain (int_person_scores_daily), the accounts
    layer (int_account_weekly_engagement, int_mqas_crossed), dim_persons, dim_accounts, mrt_sales_priority_queue
    and dim_definition_versions. -#}
{% macro is_in_force_on(day=none, versions=none) -%}
    {%- set on = day if day is not none else handoff.scoring_as_of_date() -%}
    {%- set p = (versions ~ '.') if versions else '' -%}
    ({{ p }}is_effective
        and {{ p }}effective_from <= {{ on }}
        and ({{ p }}effective_to is null or {{ p }}effective_to > {{ on }}))
{%- endmacro %}
