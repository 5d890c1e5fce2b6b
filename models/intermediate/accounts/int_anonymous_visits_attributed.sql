{#- One row per page view of a visitor never identified - no identify call tied its user id or anonymous id to
    an email, so int_engagement_events_classified found no email for it - that was not filtered as a bot, with
    the account its reverse-IP company domain resolves to (int_account_domains_resolved: personal mail and ISP
    domains that no account holds stay unattributed; a domain several accounts share goes to the one the
    documented rule picks). Anonymous visits describe an account's activity; they never make anyone engaged and
    never count towards an MQA. -#}
with

int_engagement_events_classified as (

    select * from {{ ref('int_engagement_events_classified') }}

),

stg_segment__pages as (

    select * from {{ ref('stg_segment__pages') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

anonymous_page_events as (

    select
        source_event_id as page_view_id,
        anonymous_id,
        occurred_at,
        event_date,
        signal_type
    from int_engagement_events_classified
    where
        event_source = 'page'
        and source_system = 'segment'
        and email is null
        and person_id is null
        and not is_filtered

),

final as (

    select
        anonymous_page_events.page_view_id,
        anonymous_page_events.anonymous_id,
        anonymous_page_events.occurred_at as viewed_at,
        anonymous_page_events.event_date as view_date,
        anonymous_page_events.signal_type,
        stg_segment__pages.company_domain,
        int_account_domains_resolved.account_id,
        coalesce(int_account_domains_resolved.is_shared_domain, false) as is_shared_domain_match,
        case
            when int_account_domains_resolved.account_id is not null then 'attributed'
            when stg_segment__pages.company_domain is null then 'no_company_domain'
            else 'no_account_for_domain'
        end as attribution_status
    from anonymous_page_events
    inner join stg_segment__pages
        on anonymous_page_events.page_view_id = stg_segment__pages.page_view_id
    left join int_account_domains_resolved
        on stg_segment__pages.company_domain = int_account_domains_resolved.website_domain

)

select * from final
