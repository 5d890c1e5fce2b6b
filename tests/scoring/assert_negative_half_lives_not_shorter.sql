{#- In every version, each negative signal decays no faster than the slowest positive signal: its half-life is at
    least the longest positive half-life. Scores are evaluated only on days with points (no calendar grid); that
    finds every first crossing of the threshold only if the total cannot rise between those days, which holds
    when negatives fade no faster than positives (the total can then only rise while it is below zero). -#}
with

intent_rules as (

    select * from {{ ref('intent_rules') }}

),

longest_positive as (

    select
        definition_version,
        max(half_life_days) as longest_positive_half_life_days
    from intent_rules
    where points > 0
    group by definition_version

)

select
    intent_rules.definition_version,
    intent_rules.signal_type,
    intent_rules.half_life_days,
    longest_positive.longest_positive_half_life_days
from intent_rules
inner join longest_positive
    on intent_rules.definition_version = longest_positive.definition_version
where
    intent_rules.points < 0
    and intent_rules.half_life_days < longest_positive.longest_positive_half_life_days
