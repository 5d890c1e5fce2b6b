{#- In the sales priority queue, third-party intent only reorders items tied on every first-party key: walking
    the queue in priority order, first_party_rank never decreases, and an item whose first-party keys are unique
    has priority_rank = first_party_rank (nothing from outside its tie can be put before it). Also every
    queue item is an open MQA or MQL: third-party intent cannot put anything in the queue. -#}
with

queue as (

    select * from {{ ref('mrt_sales_priority_queue') }}

),

fct_mqas as (

    select * from {{ ref('fct_mqas') }}

),

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

walked as (

    select
        queue_item_id,
        priority_rank,
        first_party_rank,
        is_tied_on_first_party_keys,
        lag(first_party_rank) over (order by priority_rank) as previous_first_party_rank
    from queue

)

select
    walked.queue_item_id,
    'first_party_rank decreases along the queue' as failure
from walked
where walked.first_party_rank < walked.previous_first_party_rank

union all

select
    walked.queue_item_id,
    'untied item out of its first-party place' as failure
from walked
where not walked.is_tied_on_first_party_keys and walked.priority_rank <> walked.first_party_rank

union all

select
    queue.queue_item_id,
    'item is not an open MQA or MQL' as failure
from queue
left join fct_mqas
    on queue.mqa_id = fct_mqas.mqa_id and fct_mqas.is_open
left join fct_mqls
    on queue.mql_id = fct_mqls.mql_id and fct_mqls.is_open
where fct_mqas.mqa_id is null and fct_mqls.mql_id is null
