{#- The first opportunity each MQL's handoff led to (int_mql_opportunities_matched, in the handoff window; ties
    by id), with the facts of that opportunity the handoff measures (int_opportunities_enriched). One row per MQL
    that led to one. -#}

with

int_mql_opportunities_matched as (

    select * from {{ ref('int_mql_opportunities_matched') }}

),

int_opportunities_enriched as (

    select * from {{ ref('int_opportunities_enriched') }}

),

ranked as (

    select
        int_mql_opportunities_matched.mql_id,
        int_opportunities_enriched.opportunity_id,
        int_opportunities_enriched.created_at,
        int_opportunities_enriched.amount,
        int_opportunities_enriched.close_date,
        int_opportunities_enriched.is_closed,
        int_opportunities_enriched.is_won,
        row_number() over (
            partition by int_mql_opportunities_matched.mql_id
            order by int_opportunities_enriched.created_at, int_opportunities_enriched.opportunity_id
        ) as opportunity_rank
    from int_mql_opportunities_matched
    inner join int_opportunities_enriched
        on int_mql_opportunities_matched.opportunity_id = int_opportunities_enriched.opportunity_id
    where int_mql_opportunities_matched.is_in_handoff

),

final as (

    select
        mql_id,
        opportunity_id,
        created_at,
        amount,
        close_date,
        is_closed,
        is_won
    from ranked
    where opportunity_rank = 1

)

select * from final
