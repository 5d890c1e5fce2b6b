{#- One row per Marketo lead id an activity may carry (every lead, every id merged away, every deleted id), with
    the lead it now is and the Salesforce person it identifies. Grain: marketo_lead_id.
    - Merges: activity_merge_leads sits on the surviving lead and lists the ids merged into it (`[id, ...]`, read
      up to max_merged_ids per merge); a merged-away id resolves to its survivor, following a second merge of that
      survivor too. Activities logged under the old id then count for the surviving lead.
    - Deletes: a lead with a delete activity resolves to no person (its activities stay, unattributed), unless a
      merge names it: the merge is what removed it.
    - Person: by the Salesforce ids the connector carries (sfdc_contact_id, then sfdc_lead_id, through
      int_person_records_mapped, so Salesforce merges resolve too), else by email (int_person_emails_resolved).
    Why 14 CTEs in one model (5 are imports): merges, deletes and the person link are one resolution - the person
    is read from the lead an id finally is, and a delete is overridden by a merge naming it. -#}
{%- set max_merged_ids = 5 -%}

with

stg_marketo__leads as (

    select * from {{ ref('stg_marketo__leads') }}

),

stg_marketo__lead_merges as (

    select * from {{ ref('stg_marketo__lead_merges') }}

),

stg_marketo__lead_deletions as (

    select * from {{ ref('stg_marketo__lead_deletions') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

int_person_emails_resolved as (

    select * from {{ ref('int_person_emails_resolved') }}

),

merge_lists as (

    select
        marketo_lead_id as surviving_lead_id,
        occurred_at as merged_at,
        marketo_activity_id,
        replace(replace(replace(merged_lead_ids, '[', ''), ']', ''), ' ', '') as id_list
    from stg_marketo__lead_merges

),

merged_ids as (

    {% for position in range(1, max_merged_ids + 1) %}
    select
        surviving_lead_id,
        merged_at,
        marketo_activity_id,
        case
            when {{ dbt.length('id_list') }} - {{ dbt.length("replace(id_list, ',', '')") }} >= {{ position - 1 }}
                then nullif({{ dbt.split_part('id_list', "','", position) }}, '')
        end as merged_lead_id
    from merge_lists
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

latest_merges as (

    select
        merged_lead_id,
        surviving_lead_id,
        row_number() over (
            partition by merged_lead_id order by merged_at desc, marketo_activity_id desc
        ) as merge_rank
    from merged_ids
    where merged_lead_id is not null and merged_lead_id <> '' and merged_lead_id <> surviving_lead_id

),

latest_merge_survivors as (

    select
        merged_lead_id,
        surviving_lead_id
    from latest_merges
    where merge_rank = 1

),

deleted_ids as (

    select distinct marketo_lead_id
    from stg_marketo__lead_deletions
    where marketo_lead_id not in (select latest_merge_survivors.merged_lead_id from latest_merge_survivors)

),

lead_ids as (

    select marketo_lead_id from stg_marketo__leads
    union
    select merged_lead_id as marketo_lead_id from latest_merge_survivors
    union
    select marketo_lead_id from deleted_ids

),

canonical as (

    select
        lead_ids.marketo_lead_id,
        coalesce(second_merge.surviving_lead_id, first_merge.surviving_lead_id, lead_ids.marketo_lead_id)
            as canonical_marketo_lead_id,
        first_merge.surviving_lead_id is not null as is_merged_away
    from lead_ids
    left join latest_merge_survivors as first_merge
        on lead_ids.marketo_lead_id = first_merge.merged_lead_id
    left join latest_merge_survivors as second_merge
        on first_merge.surviving_lead_id = second_merge.merged_lead_id

),

with_lead as (

    select
        canonical.marketo_lead_id,
        canonical.canonical_marketo_lead_id,
        canonical.is_merged_away,
        stg_marketo__leads.lead_source,
        deleted_ids.marketo_lead_id is not null as is_deleted,
        case when deleted_ids.marketo_lead_id is null then stg_marketo__leads.email end as email,
        case
            when deleted_ids.marketo_lead_id is null
                then coalesce(stg_marketo__leads.sfdc_contact_id, stg_marketo__leads.sfdc_lead_id)
        end as crm_record_id
    from canonical
    left join stg_marketo__leads
        on canonical.canonical_marketo_lead_id = stg_marketo__leads.marketo_lead_id
    left join deleted_ids
        on canonical.canonical_marketo_lead_id = deleted_ids.marketo_lead_id

),

final as (

    select
        with_lead.marketo_lead_id,
        with_lead.canonical_marketo_lead_id,
        with_lead.is_merged_away,
        with_lead.is_deleted,
        with_lead.email,
        with_lead.crm_record_id,
        with_lead.lead_source,
        coalesce(crm_records.person_id, email_matches.person_id) as person_id,
        case
            when crm_records.person_id is not null then 'sfdc_id'
            when email_matches.person_id is not null then 'email'
        end as person_match_method
    from with_lead
    left join int_person_records_mapped as crm_records
        on with_lead.crm_record_id = crm_records.record_id
    left join int_person_emails_resolved as email_matches
        on with_lead.email = email_matches.email

)

select * from final
