{#- Sales segments by the account's employee count. The bands are a var so each company sets its own without
    touching SQL, e.g. --vars '{handoff__segment_bands: [{segment: SMB, min_employees: 0},
    {segment: Mid-Market, min_employees: 100}, {segment: Enterprise, min_employees: 2000}]}'.
    Each band starts at `min_employees` (inclusive) and runs to the next band's start; the default is SMB up to 200
    employees, Mid-Market 201-1,000, Enterprise above 1,000 (the generator's employee bands fall inside them). -#}
{% macro segment_bands() -%}
    {{ return(var('handoff__segment_bands', [
        {'segment': 'SMB', 'min_employees': 0},
        {'segment': 'Mid-Market', 'min_employees': 201},
        {'segment': 'Enterprise', 'min_employees': 1001},
    ])) }}
{%- endmacro %}

{#- The segment of an employee count; `Unknown` when the count is null (or below every band). -#}
{% macro employee_segment(employee_count) -%}
    case
        {%- for band in handoff.segment_bands() | sort(attribute='min_employees', reverse=true) %}
        when {{ employee_count }} >= {{ band['min_employees'] | int }} then {{ handoff.string_literal(band['segment']) }}
        {%- endfor %}
        else 'Unknown'
    end
{%- endmacro %}


{#- A CRM source attribute (lead source, campaign name) as a row label: missing is its own row, `Unknown`, so
    pipeline cut by it still sums to fct_opportunities. The tier-1 mart and the semantic layer both use it. -#}
{% macro crm_source_label(expression) -%}
    coalesce({{ expression }}, 'Unknown')
{%- endmacro %}
