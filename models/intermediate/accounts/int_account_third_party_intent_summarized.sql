{#- Grain: one row per account with third-party intent in the lookback (accounts var
    third_party_intent_lookback_weeks: that many weeks up to the as-of date's week). Method: the intent feed's
    topic scores (stg_intent__topic_scores) attributed to accounts through their resolved website domain
    (int_account_domains_resolved); the account's top surge score and its topic (highest surge, then the most
    recent week, then the topic name) and how many topics surged. Third-party intent only breaks ties in the
    sales priority queue: it never qualifies anyone. -#}
with

stg_intent__topic_scores as (

    select * from {{ ref('stg_intent__topic_scores') }}

),

int_account_domains_resolved as (

    select * from {{ ref('int_account_domains_resolved') }}

),

intent_weeks as (

    select
        int_account_domains_resolved.account_id,
        stg_intent__topic_scores.topic,
        stg_intent__topic_scores.week_start_date,
        stg_intent__topic_scores.surge_score
    from stg_intent__topic_scores
    inner join int_account_domains_resolved
        on stg_intent__topic_scores.account_domain = int_account_domains_resolved.website_domain
    where
        stg_intent__topic_scores.week_start_date <= {{ handoff.scoring_as_of_date() }}
        and stg_intent__topic_scores.week_start_date >= cast({{ dbt.dateadd(
            'day',
            -7 * (handoff.accounts_var('third_party_intent_lookback_weeks') | int - 1),
            dbt.date_trunc('week', handoff.scoring_as_of_date())
        ) }} as date)

),

ranked as (

    select
        account_id,
        topic,
        surge_score,
        row_number() over (
            partition by account_id
            order by surge_score desc, week_start_date desc, topic asc
        ) as surge_rank
    from intent_weeks

),

topic_counts as (

    select
        account_id,
        count(distinct topic) as topic_count
    from intent_weeks
    group by account_id

),

final as (

    select
        ranked.account_id,
        ranked.surge_score as third_party_intent_score,
        ranked.topic as third_party_top_topic,
        topic_counts.topic_count as third_party_topic_count
    from ranked
    inner join topic_counts
        on ranked.account_id = topic_counts.account_id
    where ranked.surge_rank = 1

)

select * from final
