{#- One row per version of the MQL definition, proposed ones included: its status, the days it is in force
    (effective_from to effective_to, the next effective version's start, exclusive), every setting marketing and
    sales argue about (MQL threshold, fit gate, quadrant cut-offs, Hot MQL, recycling, MQA), both sign-offs, the
    change note, and the restatement reason `handoff sign-off --restate` records.
    - is_signed_off: both teams signed (name and date). An effective version is always signed off
      (tests/scoring/assert_versions_in_use_are_signed_off).
    - is_in_use: effective and in force on some day up to the as-of date (handoff.scoring_as_of_date); scores and
      MQLs carry it. is_in_force: in force on the as-of date itself.
    - previous_definition_version: the effective version it replaced (null for the first and for proposed ones). -#}
with

int_definition_versions_resolved as (

    select * from {{ ref('int_definition_versions_resolved') }}

),

previous_versions as (

    select
        definition_version,
        lag(definition_version) over (order by effective_from) as previous_definition_version
    from int_definition_versions_resolved
    where is_effective

),

final as (

    select
        cast(versions.definition_version as {{ dbt.type_int() }}) as definition_version,
        cast(versions.status as {{ dbt.type_string() }}) as status,
        versions.effective_from,
        versions.effective_to,
        cast(previous_versions.previous_definition_version as {{ dbt.type_int() }}) as previous_definition_version,
        cast(versions.intent_rule_set_version as {{ dbt.type_int() }}) as intent_rule_set_version,
        cast(versions.mql_threshold as {{ dbt.type_int() }}) as mql_threshold,
        cast(versions.fit_gate as {{ dbt.type_int() }}) as fit_gate,
        cast(versions.fit_high_cutoff as {{ dbt.type_int() }}) as fit_high_cutoff,
        cast(versions.intent_high_cutoff as {{ dbt.type_int() }}) as intent_high_cutoff,
        cast(versions.hot_min_signal_types as {{ dbt.type_int() }}) as hot_min_signal_types,
        cast(versions.hot_min_channels as {{ dbt.type_int() }}) as hot_min_channels,
        cast(versions.hot_min_active_weeks as {{ dbt.type_int() }}) as hot_min_active_weeks,
        cast(versions.hot_window_days as {{ dbt.type_int() }}) as hot_window_days,
        cast(versions.recycle_after_days as {{ dbt.type_int() }}) as recycle_after_days,
        cast(versions.mqa_min_engaged_people as {{ dbt.type_int() }}) as mqa_min_engaged_people,
        cast(versions.mqa_min_roles as {{ dbt.type_int() }}) as mqa_min_roles,
        cast(versions.mqa_window_days as {{ dbt.type_int() }}) as mqa_window_days,
        cast(versions.mqa_account_fit_gate as {{ dbt.type_int() }}) as mqa_account_fit_gate,
        cast(versions.marketing_signed_by as {{ dbt.type_string() }}) as marketing_signed_by,
        versions.marketing_signed_at as marketing_signed_date,
        cast(versions.sales_signed_by as {{ dbt.type_string() }}) as sales_signed_by,
        versions.sales_signed_at as sales_signed_date,
        coalesce(
            versions.marketing_signed_by is not null
            and versions.marketing_signed_at is not null
            and versions.sales_signed_by is not null
            and versions.sales_signed_at is not null,
            false
        ) as is_signed_off,
        cast(versions.change_note as {{ dbt.type_string() }}) as change_note,
        cast(versions.restatement_reason as {{ dbt.type_string() }}) as restatement_reason,
        versions.restatement_reason is not null as is_restatement,
        coalesce(
            versions.is_effective and versions.effective_from <= {{ handoff.scoring_as_of_date() }},
            false
        ) as is_in_use,
        coalesce({{ handoff.is_in_force_on(versions='versions') }}, false) as is_in_force
    from int_definition_versions_resolved as versions
    left join previous_versions
        on versions.definition_version = previous_versions.definition_version

)

select * from final
