{#- One column list per Salesforce object, shared by the object's base model and its history-mode twin (rendered by
    handoff.staged_columns and handoff.uncastable_check, macros/staging/column_lists.sql). Replaces the per-object
    `get_<object>_columns()` macros of fivetran/dbt_salesforce (with fivetran_utils.fill_staging_columns): ours also
    carry the staged name and the cast, so a column is renamed and typed the same way in both models.
    `history=true` keeps the columns the history table has (`history: true`) and adds its validity window. -#}


{% macro salesforce_opportunity_columns(history=false) -%}
    {%- set columns = [
        {'column': 'id', 'name': 'opportunity_id', 'history': true},
        {'column': 'account_id', 'history': true},
        {'column': 'owner_id', 'name': 'owner_user_id', 'history': true},
        {'column': 'campaign_id'},
        {'column': 'name', 'name': 'opportunity_name', 'type': 'text'},
        {'column': 'amount', 'type': 'decimal(18, 2)', 'history': true},
        {'column': 'stage_name', 'history': true},
        {'column': 'is_closed', 'type': dbt.type_boolean(), 'history': true},
        {'column': 'is_won', 'type': dbt.type_boolean(), 'history': true},
        {'column': 'close_date', 'type': 'date', 'history': true},
        {'column': 'created_date', 'name': 'created_at', 'type': dbt.type_timestamp()},
        {'column': 'lead_source'},
        {'column': 'type', 'name': 'opportunity_type'},
        {'column': 'probability', 'type': dbt.type_numeric(), 'history': true},
        {'column': 'forecast_category', 'history': true},
    ] -%}
    {{ return(handoff.salesforce_columns_for(columns, history)) }}
{%- endmacro %}


{% macro salesforce_lead_columns(history=false) -%}
    {%- set columns = [
        {'column': 'id', 'name': 'lead_id', 'history': true},
        {'column': 'master_record_id'},
        {'column': 'owner_id', 'name': 'owner_user_id', 'history': true},
        {'column': 'converted_account_id'},
        {'column': 'converted_contact_id'},
        {'column': 'converted_opportunity_id'},
        {'column': 'email', 'type': 'email'},
        {'column': 'first_name'},
        {'column': 'last_name'},
        {'column': 'title'},
        {'column': 'company', 'name': 'company_name'},
        {'column': 'website', 'type': 'text'},
        {'column': 'industry'},
        {'column': 'number_of_employees', 'name': 'employee_count', 'type': dbt.type_int()},
        {'column': 'annual_revenue', 'type': dbt.type_numeric()},
        {'column': 'country'},
        {'column': 'lead_source'},
        {'column': 'status', 'name': 'lead_status', 'history': true},
        {'column': 'is_converted', 'type': dbt.type_boolean(), 'history': true},
        {'column': 'converted_date', 'type': 'date'},
        {'column': 'created_date', 'name': 'created_at', 'type': dbt.type_timestamp()},
        {'column': 'has_opted_out_of_email', 'type': dbt.type_boolean()},
    ] -%}
    {{ return(handoff.salesforce_columns_for(columns, history)) }}
{%- endmacro %}


{#- The whole list, or (history) the columns the history table has plus its validity window: Fivetran's history
    mode writes `_fivetran_start` / `_fivetran_end` on every version. -#}
{% macro salesforce_columns_for(columns, history) -%}
    {%- if not history -%}
        {{ return(columns) }}
    {%- endif -%}
    {%- set kept = columns | selectattr('history') | list -%}
    {{ return(kept + [
        {'column': '_fivetran_start', 'name': 'valid_from_at', 'type': dbt.type_timestamp()},
        {'column': '_fivetran_end', 'name': 'valid_to_at', 'type': dbt.type_timestamp()},
    ]) }}
{%- endmacro %}
