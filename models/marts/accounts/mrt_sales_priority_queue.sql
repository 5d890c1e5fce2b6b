{#- The sales priority queue: every open MQA and every open MQL, as of the build's as-of date, ranked for sales.
    The order is defined once (handoff.priority_queue_order, macros/accounts/accounts_helpers.sql): first-party
    keys only - item tier (1 open MQA, 2 open Hot MQL, 3 open MQL), buying-committee roles covered and engaged
    people at the item's account in the current MQA window, fit (an MQA: account fit; an MQL: person fit), the
    first-party intent band (2 at or above the version's intent_high_cutoff, 1 positive, 0 none; an MQA: its
    account's intent, an MQL: the person's), the week of qualification (most recent first) - and only then
    third-party intent, as the tie-breaker between items equal on every first-party key, then the item id.
    first_party_rank ranks by the first-party keys alone (ties share a rank): third-party intent can reorder
    items within one first_party_rank, never move an item across ranks, and never puts an item in the queue.
    Why it reads marts: the queue lists exactly the open items of fct_mqas and fct_mqls and ranks them on the
    values sales sees in dim_accounts and dim_persons; recomputing them from intermediate models would be a
    second answer to the same question. Each dimension is joined once per item type and carried through. -#}
with

fct_mqas as (

    select * from {{ ref('fct_mqas') }}

),

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

dim_accounts as (

    select * from {{ ref('dim_accounts') }}

),

dim_persons as (

    select * from {{ ref('dim_persons') }}

),

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

version_in_force as (

    select
        definition_version,
        intent_high_cutoff
    from int_definition_versions_resolved
    where {{ handoff.is_in_force_on() }}

),

mqa_items as (

    select
        {{ dbt.concat(["'mqa:'", 'fct_mqas.mqa_id']) }} as queue_item_id,
        'mqa' as item_type,
        1 as queue_tier,
        fct_mqas.mqa_id,
        cast(null as {{ dbt.type_string() }}) as mql_id,
        fct_mqas.account_id,
        cast(null as {{ dbt.type_string() }}) as person_id,
        fct_mqas.mqa_date as qualified_date,
        fct_mqas.definition_version,
        coalesce(dim_accounts.roles_covered, 0) as roles_covered,
        coalesce(dim_accounts.engaged_people, 0) as engaged_people,
        coalesce(dim_accounts.account_fit_score, 0) as fit_score,
        coalesce(dim_accounts.account_intent_score, 0) as first_party_intent_score,
        dim_accounts.third_party_intent_score,
        dim_accounts.account_name,
        cast(null as {{ dbt.type_string() }}) as email,
        cast(null as {{ dbt.type_string() }}) as title,
        coalesce(dim_accounts.is_open_mqa, false) as account_has_open_mqa
    from fct_mqas
    left join dim_accounts
        on fct_mqas.account_id = dim_accounts.account_id
    where fct_mqas.is_open

),

mql_items as (

    select
        {{ dbt.concat(["'mql:'", 'fct_mqls.mql_id']) }} as queue_item_id,
        case when fct_mqls.is_hot_mql then 'hot_mql' else 'mql' end as item_type,
        case when fct_mqls.is_hot_mql then 2 else 3 end as queue_tier,
        cast(null as {{ dbt.type_string() }}) as mqa_id,
        fct_mqls.mql_id,
        fct_mqls.account_id,
        fct_mqls.person_id,
        fct_mqls.mql_date as qualified_date,
        fct_mqls.definition_version,
        coalesce(dim_accounts.roles_covered, 0) as roles_covered,
        coalesce(dim_accounts.engaged_people, 0) as engaged_people,
        coalesce(dim_persons.fit_score, 0) as fit_score,
        coalesce(dim_persons.intent_score, 0) as first_party_intent_score,
        dim_accounts.third_party_intent_score,
        dim_accounts.account_name,
        dim_persons.email,
        dim_persons.title,
        coalesce(dim_accounts.is_open_mqa, false) as account_has_open_mqa
    from fct_mqls
    left join dim_accounts
        on fct_mqls.account_id = dim_accounts.account_id
    left join dim_persons
        on fct_mqls.person_id = dim_persons.person_id
    where fct_mqls.is_open

),

items as (

    select * from mqa_items
    union all
    select * from mql_items

),

banded as (

    select
        items.*,
        case
            when items.first_party_intent_score >= version_in_force.intent_high_cutoff then 2
            when items.first_party_intent_score > 0 then 1
            else 0
        end as first_party_intent_band,
        cast({{ dbt.date_trunc('week', 'items.qualified_date') }} as date) as qualified_week
    from items
    left join version_in_force
        on 1 = 1

),

ranked as (

    select
        *,
        rank() over (order by {{ handoff.priority_queue_first_party_order() }}) as first_party_rank,
        row_number() over (order by {{ handoff.priority_queue_order() }}) as priority_rank,
        count(*) over (partition by {{ handoff.priority_queue_first_party_columns() }}) as first_party_tie_size
    from banded

),

final as (

    select
        ranked.queue_item_id,
        cast(ranked.priority_rank as {{ dbt.type_int() }}) as priority_rank,
        cast(ranked.first_party_rank as {{ dbt.type_int() }}) as first_party_rank,
        ranked.first_party_tie_size > 1 as is_tied_on_first_party_keys,
        ranked.item_type,
        cast(ranked.queue_tier as {{ dbt.type_int() }}) as queue_tier,
        ranked.mqa_id,
        ranked.mql_id,
        ranked.account_id,
        ranked.account_name,
        ranked.person_id,
        ranked.email,
        ranked.title,
        ranked.qualified_date,
        ranked.qualified_week,
        ranked.definition_version,
        cast(ranked.roles_covered as {{ dbt.type_int() }}) as roles_covered,
        cast(ranked.engaged_people as {{ dbt.type_int() }}) as engaged_people,
        cast(ranked.fit_score as {{ dbt.type_int() }}) as fit_score,
        cast(ranked.first_party_intent_score as {{ handoff.type_score() }}) as first_party_intent_score,
        cast(ranked.first_party_intent_band as {{ dbt.type_int() }}) as first_party_intent_band,
        ranked.third_party_intent_score,
        ranked.account_has_open_mqa,
        {{ handoff.scoring_as_of_date() }} as as_of_date
    from ranked

)

select * from final
