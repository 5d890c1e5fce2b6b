{% if var('handoff__using_user_roles') %}

with

base_salesforce__user_roles as (

    select * from {{ ref('base_salesforce__user_roles') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('user_role_id') }} as version_rank
    from base_salesforce__user_roles
    where quarantine_reason is null and is_current_version

),

final as (

    select
        user_role_id,
        parent_user_role_id,
        user_role_name,
        developer_name,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

    {{ handoff.empty_from_documented_columns() }}

{% endif %}
