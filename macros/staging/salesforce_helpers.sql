{#- Salesforce staging helpers. -#}

{#- The kind of record a polymorphic Salesforce reference points to (Task/Event `who_id`, `what_id`), read from the
    id's three-character key prefix, which names the object in every org: `00Q` lead, `003` contact, `006`
    opportunity, `001` account, ... `prefixes` maps the prefixes a model cares about to a type; any other
    non-null id is 'other'. -#}
{% macro salesforce_object_type(id_expression, prefixes) -%}
    case
        when {{ id_expression }} is null then null
        {%- for prefix, object_type in prefixes.items() %}
        when substr({{ id_expression }}, 1, 3) = '{{ prefix }}' then '{{ object_type }}'
        {%- endfor %}
        else 'other'
    end
{%- endmacro %}
