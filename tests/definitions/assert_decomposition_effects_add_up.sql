{#- The decomposition of a definition change is exact: for every re-scored change, the definition effect and the
    behaviour effect add up to the total change, and the published volumes are the MQLs of fct_mqls in each
    period. A change that is not re-scored carries no effects at all (never a partial guess). Returns the
    offending rows. -#}
with

decomposition as (

    select * from {{ ref('fct_definition_change_decomposition') }}

),

fct_mqls as (

    -- Handoff's own versions: an external definition's MQLs (crm) carry no version and no scores
    select * from {{ ref('fct_mqls') }}
    where definition_version is not null

),

published as (

    select
        decomposition.to_definition_version,
        sum(
            case
                when
                    fct_mqls.mql_date >= decomposition.period_start_date
                    and fct_mqls.mql_date <= decomposition.period_end_date
                    then 1
                else 0
            end
        ) as mqls_after,
        sum(
            case
                when
                    fct_mqls.mql_date >= decomposition.comparison_start_date
                    and fct_mqls.mql_date <= decomposition.comparison_end_date
                    then 1
                else 0
            end
        ) as mqls_before
    from decomposition
    cross join fct_mqls
    group by decomposition.to_definition_version

)

select
    decomposition.to_definition_version,
    decomposition.total_change,
    decomposition.definition_effect,
    decomposition.behaviour_effect
from decomposition
left join published
    on decomposition.to_definition_version = published.to_definition_version
where
    (
        decomposition.is_rescored_exactly
        and (
            decomposition.definition_effect is null
            or decomposition.behaviour_effect is null
            or decomposition.definition_effect + decomposition.behaviour_effect <> decomposition.total_change
        )
    )
    or (
        not decomposition.is_rescored_exactly
        and (decomposition.definition_effect is not null or decomposition.behaviour_effect is not null)
    )
    or decomposition.total_change <> decomposition.mqls_after - decomposition.mqls_before
    or coalesce(published.mqls_after, 0) <> decomposition.mqls_after
    or coalesce(published.mqls_before, 0) <> decomposition.mqls_before
