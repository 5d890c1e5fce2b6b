{#- Grain: one row per person of dim_persons. Method: the company's own contact and lead fields (vars
    salesforce__contact_pass_through_columns, salesforce__lead_pass_through_columns) from the person's primary
    contact and primary lead; a field both carry under one name takes the contact's value when it has one (a
    converted lead's fields live on on the contact). Beside dim_persons rather than in it: its enforced contract
    names its columns, and a list each company writes cannot be part of it. Join on person_id, one to one. -#}
{%- set contact_fields = handoff.pass_through_columns('salesforce__contact_pass_through_columns')
    | map(attribute='alias') | list -%}
{%- set lead_fields = handoff.pass_through_columns('salesforce__lead_pass_through_columns')
    | map(attribute='alias') | list -%}
{%- set fields = [] -%}
{%- for field in contact_fields -%}
    {%- if field in lead_fields -%}
        {%- do fields.append('coalesce(contacts.' ~ field ~ ', leads.' ~ field ~ ') as ' ~ field) -%}
    {%- else -%}
        {%- do fields.append('contacts.' ~ field ~ ' as ' ~ field) -%}
    {%- endif -%}
{%- endfor -%}
{%- for field in lead_fields if field not in contact_fields -%}
    {%- do fields.append('leads.' ~ field ~ ' as ' ~ field) -%}
{%- endfor %}

with

int_persons_unified as (

    select * from {{ ref('int_persons_unified') }}

),

stg_salesforce__contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

final as (

    select
        {{ handoff.leading_select_targets(fields) }}
        persons.person_id,
        persons.contact_id,
        persons.lead_id
    from int_persons_unified as persons
    -- without the vars no field is read, and the joins only keep the grain (noqa below)
    left join stg_salesforce__contacts as contacts  -- noqa: ST11
        on persons.contact_id = contacts.contact_id
    left join stg_salesforce__leads as leads  -- noqa: ST11
        on persons.lead_id = leads.lead_id

)

select * from final
