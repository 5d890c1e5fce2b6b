{#- Intent rules are coherent: is_negative agrees with the sign of the points, the daily cap has the same sign as
    the points and is at least one event's worth, and half-lives are at least one day. -#}
select
    definition_version,
    signal_type,
    points,
    daily_cap,
    half_life_days,
    is_negative
from {{ ref('intent_rules') }}
where
    is_negative <> (points < 0)
    or (points > 0 and daily_cap < points)
    or (points < 0 and daily_cap > points)
    or (points = 0 and daily_cap <> 0)
    or half_life_days < 1
