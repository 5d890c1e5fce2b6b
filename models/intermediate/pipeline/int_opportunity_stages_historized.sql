{#- One row per opportunity x stage entry. From the history-mode versions (handoff__using_opportunity_history) when
    the opportunity has any; otherwise (switch off, or an opportunity history mode never captured) one row derived
    from the current opportunity row: the current stage, entered at creation (or on the close date when closed). -#}

with

stg_salesforce__opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

stg_salesforce__opportunity_history as (

    select * from {{ ref('stg_salesforce__opportunity_history') }}

),

-- versions of the opportunities that still exist: a deleted opportunity is no pipeline, and its stages neither
versions as (

    select
        opportunity_history.opportunity_id,
        opportunity_history.stage_name,
        opportunity_history.is_closed,
        opportunity_history.is_won,
        opportunity_history.valid_from_at,
        lag(opportunity_history.stage_name) over (
            partition by opportunity_history.opportunity_id
            order by opportunity_history.valid_from_at
        ) as previous_stage_name
    from stg_salesforce__opportunity_history as opportunity_history
    inner join stg_salesforce__opportunities as opportunities
        on opportunity_history.opportunity_id = opportunities.opportunity_id
    where
        opportunity_history.stage_name is not null
        and opportunity_history.valid_from_at is not null

),

-- a version opens a stage entry when its stage differs from the previous version's (amount or date edits do not)
entries_flagged as (

    select
        *,
        case
            when previous_stage_name is null or previous_stage_name <> stage_name then 1 else 0
        end as is_stage_entry
    from versions

),

entries_numbered as (

    select
        *,
        sum(is_stage_entry) over (
            partition by opportunity_id
            order by valid_from_at
            rows between unbounded preceding and current row
        ) as stage_entry_number
    from entries_flagged

),

history_entries as (

    select
        opportunity_id,
        stage_entry_number,
        stage_name,
        is_closed,
        is_won,
        valid_from_at as stage_entered_at,
        'opportunity_history' as stage_history_source
    from entries_numbered
    where is_stage_entry = 1

),

opportunities_with_history as (

    select distinct opportunity_id
    from history_entries

),

current_row_entries as (

    select
        opportunities.opportunity_id,
        1 as stage_entry_number,
        opportunities.stage_name,
        opportunities.is_closed,
        opportunities.is_won,
        case
            when
                opportunities.is_closed
                and cast(opportunities.close_date as {{ dbt.type_timestamp() }}) > opportunities.created_at
                then cast(opportunities.close_date as {{ dbt.type_timestamp() }})
            else opportunities.created_at
        end as stage_entered_at,
        'current_row' as stage_history_source
    from stg_salesforce__opportunities as opportunities
    left join opportunities_with_history
        on opportunities.opportunity_id = opportunities_with_history.opportunity_id
    where
        opportunities_with_history.opportunity_id is null
        and opportunities.stage_name is not null
        and opportunities.created_at is not null

),

stage_entries as (

    select * from history_entries
    union all
    select * from current_row_entries

),

sequenced as (

    select
        *,
        lead(stage_entered_at) over (
            partition by opportunity_id order by stage_entry_number
        ) as stage_exited_at,
        lead(stage_name) over (
            partition by opportunity_id order by stage_entry_number
        ) as next_stage_name
    from stage_entries

),

timed as (

    select
        *,
        cast(
            {{ handoff.epoch_seconds('stage_exited_at') }}
            - {{ handoff.epoch_seconds('stage_entered_at') }}
            as {{ handoff.type_double() }}
        ) / 3600 as hours_in_stage
    from sequenced

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'opportunity_id', "'|'", 'cast(stage_entry_number as ' ~ dbt.type_string() ~ ')'
        ])) }} as opportunity_stage_id,
        opportunity_id,
        cast(stage_entry_number as {{ dbt.type_int() }}) as stage_entry_number,
        stage_name,
        next_stage_name,
        is_closed as is_closed_stage,
        is_won as is_won_stage,
        stage_entered_at,
        stage_exited_at,
        stage_exited_at is null as is_current_stage,
        hours_in_stage,
        hours_in_stage / 24 as days_in_stage,
        stage_history_source
    from timed

)

select * from final
