{#- One row per account, contact or lead deleted by a Salesforce merge: the losing record is deleted and its
    master_record_id names the survivor. Read from the base models so a merged-away record counts even when its
    row would be quarantined for its content (an old malformed email, say): only an id and a sync time are needed.
    Merges chain (A into B, later B into C): surviving_record_id follows the chain to its end, up to four hops. -#}
with

base_salesforce__accounts as (

    select * from {{ ref('base_salesforce__accounts') }}

),

base_salesforce__contacts as (

    select * from {{ ref('base_salesforce__contacts') }}

),

base_salesforce__leads as (

    select * from {{ ref('base_salesforce__leads') }}

),

record_versions as (

    select
        'account' as record_type,
        account_id as record_id,
        master_record_id,
        is_deleted,
        synced_at
    from base_salesforce__accounts
    where account_id is not null and synced_at is not null and is_current_version

    union all

    select
        'contact' as record_type,
        contact_id as record_id,
        master_record_id,
        is_deleted,
        synced_at
    from base_salesforce__contacts
    where contact_id is not null and synced_at is not null and is_current_version

    union all

    select
        'lead' as record_type,
        lead_id as record_id,
        master_record_id,
        is_deleted,
        synced_at
    from base_salesforce__leads
    where lead_id is not null and synced_at is not null and is_current_version

),

latest_versions as (

    select
        *,
        {{ handoff.latest_version_rank('record_type, record_id') }} as version_rank
    from record_versions

),

merges_first_seen as (

    select
        record_type,
        record_id,
        min(synced_at) as merged_at
    from record_versions
    where is_deleted and master_record_id is not null
    group by record_type, record_id

),

direct_merges as (

    select
        latest_versions.record_id as merged_record_id,
        latest_versions.record_type,
        latest_versions.master_record_id,
        merges_first_seen.merged_at
    from latest_versions
    inner join merges_first_seen
        on
            latest_versions.record_type = merges_first_seen.record_type
            and latest_versions.record_id = merges_first_seen.record_id
    where
        latest_versions.version_rank = 1
        and latest_versions.is_deleted
        and latest_versions.master_record_id is not null
        and latest_versions.master_record_id != latest_versions.record_id

),

chains_resolved as (

    select
        hop_1.merged_record_id,
        hop_1.record_type,
        hop_1.master_record_id,
        hop_1.merged_at,
        coalesce(
            hop_4.master_record_id,
            hop_3.master_record_id,
            hop_2.master_record_id,
            hop_1.master_record_id
        ) as surviving_record_id
    from direct_merges as hop_1
    left join direct_merges as hop_2
        on hop_1.master_record_id = hop_2.merged_record_id
    left join direct_merges as hop_3
        on hop_2.master_record_id = hop_3.merged_record_id
    left join direct_merges as hop_4
        on hop_3.master_record_id = hop_4.merged_record_id

),

final as (

    select
        merged_record_id,
        surviving_record_id,
        master_record_id,
        record_type,
        merged_at
    from chains_resolved

)

select * from final
