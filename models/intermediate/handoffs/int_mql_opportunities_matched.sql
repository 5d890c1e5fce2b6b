{#- One row per MQL and opportunity it led to: an opportunity created from the MQL's clock start (mql_at,
    inclusive) to handoff__opportunity_window_days days after it (exclusive), either converted from one of the
    person's leads (link_method converted_lead) or at the person's account (int_persons_matched_to_accounts; link
    method account), both resolved through Salesforce account merges. The same rule credits pipeline to marketing
    in int_opportunities_sourced, so the handoff facts and the tier-1 source split never disagree.
    is_in_handoff: created before the person's next MQL, i.e. this MQL's handoff led to it (the handoff facts keep
    only those; the sourcing keeps every MQL in the window). -#}
with

int_mqls_defined as (

    select * from {{ ref('int_mqls_defined') }}

),

int_persons_matched_to_accounts as (

    select * from {{ ref('int_persons_matched_to_accounts') }}

),

int_person_records_mapped as (

    select * from {{ ref('int_person_records_mapped') }}

),

stg_salesforce__leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

stg_salesforce__opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

stg_salesforce__record_merges as (

    select * from {{ ref('stg_salesforce__record_merges') }}

),

opportunities as (

    select
        stg_salesforce__opportunities.opportunity_id,
        stg_salesforce__opportunities.created_at,
        coalesce(
            stg_salesforce__record_merges.surviving_record_id, stg_salesforce__opportunities.account_id
        ) as account_id
    from stg_salesforce__opportunities
    left join stg_salesforce__record_merges
        on
            stg_salesforce__opportunities.account_id = stg_salesforce__record_merges.merged_record_id
            and stg_salesforce__record_merges.record_type = 'account'
    where stg_salesforce__opportunities.created_at is not null

),

person_links as (

    select
        int_persons_matched_to_accounts.person_id,
        opportunities.opportunity_id,
        'account' as link_method
    from int_persons_matched_to_accounts
    inner join opportunities
        on int_persons_matched_to_accounts.account_id = opportunities.account_id

    union all

    select
        int_person_records_mapped.person_id,
        stg_salesforce__leads.converted_opportunity_id as opportunity_id,
        'converted_lead' as link_method
    from int_person_records_mapped
    inner join stg_salesforce__leads
        on int_person_records_mapped.record_id = stg_salesforce__leads.lead_id
    where stg_salesforce__leads.converted_opportunity_id is not null

),

person_opportunities as (

    select
        person_id,
        opportunity_id,
        max(link_method) as link_method
    from person_links
    group by person_id, opportunity_id

),

final as (

    select
        int_mqls_defined.mql_id,
        int_mqls_defined.person_id,
        int_mqls_defined.mql_at,
        person_opportunities.opportunity_id,
        cast(person_opportunities.link_method as {{ dbt.type_string() }}) as link_method,
        opportunities.created_at as opportunity_created_at,
        (
            int_mqls_defined.next_mql_at is null
            or opportunities.created_at < int_mqls_defined.next_mql_at
        ) as is_in_handoff
    from int_mqls_defined
    inner join person_opportunities
        on int_mqls_defined.person_id = person_opportunities.person_id
    inner join opportunities
        on person_opportunities.opportunity_id = opportunities.opportunity_id
    where
        opportunities.created_at >= int_mqls_defined.mql_at
        and opportunities.created_at < {{ dbt.dateadd(
            'day', handoff.handoff_var('handoff__opportunity_window_days'), 'int_mqls_defined.mql_at'
        ) }}

)

select * from final
