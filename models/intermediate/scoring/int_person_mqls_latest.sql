{#- Grain: one row per person with at least one MQL under Handoff's definition (int_mqls_crossed). Method: the
    person's MQL count and their latest MQL (by MQL date) with its open, Hot and recycle state, for dim_persons.
    The Hot flag comes from int_mqls_hot_evaluated. -#}
with

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_mqls_hot_evaluated as (

    select * from {{ ref('int_mqls_hot_evaluated') }}

),

ranked as (

    select
        int_mqls_crossed.person_id,
        int_mqls_crossed.mql_id,
        int_mqls_crossed.mql_date,
        int_mqls_crossed.is_open,
        int_mqls_hot_evaluated.is_hot_mql,
        int_mqls_crossed.recycled_on,
        int_mqls_crossed.recycle_reason,
        count(*) over (partition by int_mqls_crossed.person_id) as mql_count,
        row_number() over (
            partition by int_mqls_crossed.person_id
            order by int_mqls_crossed.mql_date desc
        ) as recency_rank
    from int_mqls_crossed
    inner join int_mqls_hot_evaluated
        on int_mqls_crossed.mql_id = int_mqls_hot_evaluated.mql_id

),

final as (

    select
        person_id,
        mql_count,
        mql_id as latest_mql_id,
        mql_date as latest_mql_date,
        is_open as is_latest_mql_open,
        is_hot_mql as is_latest_mql_hot,
        recycled_on as latest_mql_recycled_on,
        recycle_reason as latest_mql_recycle_reason
    from ranked
    where recency_rank = 1

)

select * from final
