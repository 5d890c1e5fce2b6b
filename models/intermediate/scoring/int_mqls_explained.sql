{#- One row per MQL with its readable explanation: the version and its bar, fit points by rule, intent points
    by signal with decay applied, what was ignored (email opens, signals worth 0, bot-filtered events with
    their counts), and the Hot MQL verdict with the counts behind it. Built from the same rows as
    int_mql_explanations_itemized, so the text and the structured rows never disagree. -#}
with

int_mqls_crossed as (

    select * from {{ ref('int_mqls_crossed') }}

),

int_mqls_hot_evaluated as (

    select * from {{ ref('int_mqls_hot_evaluated') }}

),

int_mql_explanations_itemized as (

    select * from {{ ref('int_mql_explanations_itemized') }}

),

{%- set text = dbt.type_string() %}

item_lines as (

    select
        mql_id,
        component,
        points,
        rule_or_signal,
        case
            when component = 'fit' then {{ dbt.concat([
                'rule_or_signal', "' '",
                "case when points >= 0 then '+' else '' end",
                'cast(cast(points as ' ~ dbt.type_int() ~ ') as ' ~ text ~ ')'
            ]) }}
            when component = 'intent' then {{ dbt.concat([
                'rule_or_signal', "' '",
                "case when points >= 0 then '+' else '' end",
                'cast(points as ' ~ text ~ ')',
                "' ('", 'cast(event_count as ' ~ text ~ ')',
                "case when event_count = 1 then ' event, ' else ' events, ' end",
                'detail', "')'"
            ]) }}
            else {{ dbt.concat([
                'cast(event_count as ' ~ text ~ ')', "' '",
                "case when rule_or_signal like 'filtered:%' then "
                ~ "concat(substr(rule_or_signal, 10), ' (filtered)') else rule_or_signal end"
            ]) }}
        end as item_line
    from int_mql_explanations_itemized

),

grouped as (

    select
        mql_id,
        {{ handoff.string_agg_ordered("case when component = 'fit' then item_line end", '; ', '-abs(points)') }}
            as fit_lines,
        {{ handoff.string_agg_ordered("case when component = 'intent' then item_line end", '; ', '-abs(points)') }}
            as intent_lines,
        {{ handoff.string_agg_ordered("case when component = 'ignored' then item_line end", '; ', 'rule_or_signal') }}
            as ignored_lines
    from item_lines
    group by mql_id

),

final as (

    select
        int_mqls_crossed.mql_id,
        {{ dbt.concat([
            "'MQL #'", 'cast(int_mqls_crossed.mql_sequence as ' ~ text ~ ')',
            "' on '", 'cast(int_mqls_crossed.mql_date as ' ~ text ~ ')',
            "' under definition v'", 'cast(int_mqls_crossed.definition_version as ' ~ text ~ ')',
            "' (intent >= '", 'cast(int_mqls_crossed.mql_threshold as ' ~ text ~ ')',
            "' with fit >= '", 'cast(int_mqls_crossed.fit_gate as ' ~ text ~ ')',
            "case int_mqls_crossed.episode_start_reason"
            ~ " when 'rejected' then '; scoring restarted after a sales rejection on '"
            ~ " when 'gone_cold' then '; scoring restarted after going cold on ' else '' end",
            "case when int_mqls_crossed.episode_start_reason in ('rejected', 'gone_cold')"
            ~ " then cast(int_mqls_crossed.episode_started_on as " ~ text ~ ") else '' end",
            "'). '",
            "'Fit '", 'cast(int_mqls_crossed.fit_score as ' ~ text ~ ')', "': '",
            "coalesce(grouped.fit_lines, 'no fit rule matched')",
            "'. Intent '", 'cast(int_mqls_crossed.intent_score as ' ~ text ~ ')',
            "' (points decayed to the MQL date): '",
            "coalesce(grouped.intent_lines, 'none')",
            "'. Ignored: '", "coalesce(grouped.ignored_lines, 'nothing')",
            "case when int_mqls_hot_evaluated.is_hot_mql then '. Hot MQL: yes (' else '. Hot MQL: no (' end",
            'cast(int_mqls_hot_evaluated.hot_signal_type_count as ' ~ text ~ ')', "' signal types, '",
            'cast(int_mqls_hot_evaluated.hot_channel_count as ' ~ text ~ ')', "' channels, '",
            'cast(int_mqls_hot_evaluated.hot_active_week_count as ' ~ text ~ ')', "' active weeks in the last '",
            'cast(int_mqls_hot_evaluated.hot_window_days as ' ~ text ~ ')', "' days; needs '",
            'cast(int_mqls_hot_evaluated.hot_min_signal_types as ' ~ text ~ ')', "', '",
            'cast(int_mqls_hot_evaluated.hot_min_channels as ' ~ text ~ ')', "' and '",
            'cast(int_mqls_hot_evaluated.hot_min_active_weeks as ' ~ text ~ ')', "').'"
        ]) }} as explanation_text
    from int_mqls_crossed
    inner join int_mqls_hot_evaluated
        on int_mqls_crossed.mql_id = int_mqls_hot_evaluated.mql_id
    left join grouped
        on int_mqls_crossed.mql_id = grouped.mql_id

)

select * from final
