{% if var('handoff__using_marketo') %}

with

base_marketo__lead_merges as (

    select * from {{ ref('base_marketo__lead_merges') }}

),

trusted_versions as (

    select
        *,
        {{ handoff.latest_version_rank('marketo_activity_id') }} as version_rank
    from base_marketo__lead_merges
    where
        quarantine_reason is null
        and is_current_version

),

final as (

    select
        marketo_activity_id,
        marketo_lead_id,
        occurred_at,
        merged_lead_ids,
        is_merged_in_sales,
        merge_source,
        synced_at
    from trusted_versions
    where version_rank = 1 and not is_deleted

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
