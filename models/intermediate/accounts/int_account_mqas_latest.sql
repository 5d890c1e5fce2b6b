{#- Grain: one row per account with at least one MQA (int_mqas_crossed). Method: the account's MQA count and its
    latest MQA (by MQA date) with its definition version and open or lapsed state. An account qualifies as an MQA
    on the as-of date exactly when its latest MQA is open: the MQA rule itself lives in int_mqas_crossed only. -#}
with

int_mqas_crossed as (

    select * from {{ ref('int_mqas_crossed') }}

),

ranked as (

    select
        account_id,
        mqa_id,
        mqa_date,
        definition_version,
        is_open,
        lapsed_on,
        count(*) over (partition by account_id) as mqa_count,
        row_number() over (partition by account_id order by mqa_date desc) as recency_rank
    from int_mqas_crossed

),

final as (

    select
        account_id,
        mqa_count,
        mqa_id as latest_mqa_id,
        mqa_date as latest_mqa_date,
        definition_version as latest_mqa_definition_version,
        is_open as is_latest_mqa_open,
        lapsed_on as latest_mqa_lapsed_on
    from ranked
    where recency_rank = 1

)

select * from final
