{#- Fit rules are data (seeds/definitions/fit_rules.csv) matched the same way for people and for accounts: the
    entity's attributes are laid out long, one row per entity and attribute, so one join reaches every rule. -#}

{#- One `select ... union all` per attribute: text attributes fill text_value, numeric ones number_value. -#}
{% macro fit_attributes_unpivoted(relation, key_column, attribute_column, text_attributes, number_attributes) -%}
    {%- set selects = [] -%}
    {%- for attribute in text_attributes -%}
        {%- do selects.append(
            'select ' ~ key_column ~ ", '" ~ attribute ~ "' as " ~ attribute_column ~ ', '
            ~ attribute ~ ' as text_value, cast(null as ' ~ handoff.type_double() ~ ') as number_value from '
            ~ relation
        ) -%}
    {%- endfor -%}
    {%- for attribute in number_attributes -%}
        {%- do selects.append(
            'select ' ~ key_column ~ ", '" ~ attribute ~ "' as " ~ attribute_column ~ ', cast(null as '
            ~ dbt.type_string() ~ ') as text_value, cast(' ~ attribute ~ ' as ' ~ handoff.type_double()
            ~ ') as number_value from ' ~ relation
        ) -%}
    {%- endfor -%}
    {{ selects | join('\n    union all\n    ') }}
{%- endmacro %}


{#- The value a rule matched, as text (numbers without their fraction), for the explanation lines. -#}
{% macro fit_matched_value(attributes) -%}
    coalesce(
        {{ attributes }}.text_value,
        cast(cast({{ attributes }}.number_value as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
    )
{%- endmacro %}


{#- Whether an attribute row meets a rule: categorical rules compare lowercased values; numeric rules test
    range_min <= value < range_max, an empty bound being open. -#}
{% macro fit_rule_is_met(attributes, rules) -%}
    (
        {{ attributes }}.text_value is not null
        and lower({{ attributes }}.text_value) = lower({{ rules }}.match_value)
    )
    or (
        {{ attributes }}.number_value is not null
        and ({{ rules }}.range_min is not null or {{ rules }}.range_max is not null)
        and ({{ rules }}.range_min is null or {{ attributes }}.number_value >= {{ rules }}.range_min)
        and ({{ rules }}.range_max is null or {{ attributes }}.number_value < {{ rules }}.range_max)
    )
{%- endmacro %}


{#- Whether a definition version switches on a hard exclusion of fit_exclusions.csv (read per version, grouped by
    it): people and accounts test the same kinds. -#}
{% macro fit_exclusion_is_active(kind) -%}
    max(
        case when fit_exclusions.exclusion_kind = '{{ kind }}' and fit_exclusions.is_active then 1 else 0 end
    ) = 1
{%- endmacro %}
