{#- The key of an MQL definition: `v<version>` for Handoff's own signed versions (v1, v2, ...). Every tier-2 row
    carries it, so a definition that is not a Handoff version (an external one, such as the MQL dates a company
    already records in its CRM) can be a row of the same marts under its own key. -#}
{% macro definition_key(version_expression) -%}
    {{ dbt.concat(["'v'", "cast(" ~ version_expression ~ " as " ~ dbt.type_string() ~ ")"]) }}
{%- endmacro %}
