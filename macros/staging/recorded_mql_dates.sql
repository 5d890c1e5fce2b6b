{#- The MQL dates a company already records (its own definition, read as the external definition `crm`): which
    column holds them on a source table, from the setting `handoff__crm_mql_date_fields`, a mapping of
    `<source>.<table>` to a column name, e.g. {salesforce.lead: mql_date_c, salesforce.contact: mql_date_c}.
    Off when unset: the staging column is null and the definition has no MQLs. A name must be a plain column
    identifier (it is spliced into SQL). -#}
{% macro recorded_mql_date_field(source_table) -%}
    {%- set fields = var('handoff__crm_mql_date_fields', {}) or {} -%}
    {%- set field = fields.get(source_table) if fields is mapping else none -%}
    {%- if field and not modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', field | string) -%}
        {{ exceptions.raise_compiler_error(
            "handoff__crm_mql_date_fields: '" ~ field ~ "' for " ~ source_table ~ " is not a column name") }}
    {%- endif -%}
    {{ return(field or none) }}
{%- endmacro %}


{#- The recorded MQL date of a row as a date, or a typed null when no field is set for the table or the table
    lacks it (the row is then simply not an MQL under `crm`). -#}
{% macro recorded_mql_date(source_table, relation) -%}
    {%- set field = handoff.recorded_mql_date_field(source_table) -%}
    {%- if field -%}
        {{ handoff.optional_cast(field | lower, handoff.relation_column_names(relation), 'date') }}
    {%- else -%}
        cast(null as date)
    {%- endif -%}
{%- endmacro %}


{#- The key of the external definition those dates make (one place, read by the MQL and overlap models). -#}
{% macro recorded_mql_definition_key() -%}
    'crm'
{%- endmacro %}
