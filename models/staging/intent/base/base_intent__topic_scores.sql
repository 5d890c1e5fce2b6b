{#- Row by row: rename, cast, flag. No filtering and no dedupe here, so that every raw row is accounted for
    (staged, quarantined with a reason, or superseded by a newer load; `synced_at` repeats `loaded_at` under the
    name every base model orders versions by). Weeks are normalised to their Monday and domains to a bare host, so
    re-deliveries of the same domain, topic and week share one key. `provider` keeps its agreed output name
    although sqlfluff counts it a keyword (noqa: RF04). -#}
{% if var('handoff__using_intent') %}

{%- set source_relation = source('intent', 'topic_scores') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        {{ handoff.url_domain('domain') }} as account_domain,
        nullif(trim(cast(topic as {{ dbt.type_string() }})), '') as topic,
        cast({{ dbt.date_trunc('week', handoff.try_cast('week_start_date', dbt.type_timestamp())) }} as date)
            as week_start_date,
        {{ handoff.try_cast('score', 'decimal(18,2)') }} as surge_score,
        nullif(lower(trim(cast(provider as {{ dbt.type_string() }}))), '') as provider,  -- noqa: RF04
        {{ handoff.try_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at,
        week_start_date is null as is_missing_week,
        (
            week_start_date is not null
            and {{ handoff.try_cast('week_start_date', dbt.type_timestamp()) }} is null
        )
        or (score is not null and {{ handoff.try_cast('score', 'decimal(18,2)') }} is null) as has_uncastable_value
    from source

),

checked as (

    select
        *,
        case
            when account_domain is null or topic is null or is_missing_week then 'missing_id'
            when loaded_at is null then 'missing_sync_timestamp'
            when {{ handoff.is_future_load_time('loaded_at') }} then 'future_load_timestamp'
            when week_start_date > cast({{ handoff.future_timestamp_limit() }} as date) then 'future_timestamp'
            when has_uncastable_value or surge_score is null then 'uncastable_value'
            when surge_score < 0 or surge_score > 100 then 'out_of_range_value'
        end as quarantine_reason
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "account_domain", "'|'", "topic", "'|'", "cast(week_start_date as " ~ dbt.type_string() ~ ")"
        ])) }} as topic_score_id,
        account_domain,
        topic,
        week_start_date,
        surge_score,
        provider,
        loaded_at,
        loaded_at as synced_at,
        false as is_deleted,
        true as is_current_version,
        quarantine_reason
    from checked

)

select * from final

{% else %}

{{ handoff.empty_from_documented_columns() }}

{% endif %}
