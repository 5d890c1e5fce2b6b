{#- handoff.portable_data_type (macros/cross_db/data_types.sql) turns the type names the models' YAML uses into
    names every engine accepts: the casts below fail to compile on an engine that rejects one. Returns the values
    that do not survive their cast. -#}
with

typed as (
    select
        cast('text' as {{ handoff.portable_data_type('varchar') }}) as varchar_value,
        cast(1.5 as {{ handoff.portable_data_type('double') }}) as double_value,
        cast(2.25 as {{ handoff.portable_data_type('decimal(18,2)') }}) as decimal_value,
        cast(7 as {{ handoff.portable_data_type('integer') }}) as integer_value,
        cast(8 as {{ handoff.portable_data_type('bigint') }}) as bigint_value,
        cast(true as {{ handoff.portable_data_type('boolean') }}) as boolean_value,
        cast('2026-11-15' as {{ handoff.portable_data_type('date') }}) as date_value,
        cast('2026-11-15 06:00:00' as {{ handoff.portable_data_type('timestamp') }}) as timestamp_value
)

select * from typed
where
    varchar_value <> 'text'
    or double_value <> 1.5
    or decimal_value <> 2.25
    or integer_value <> 7
    or bigint_value <> 8
    or not boolean_value
    or date_value <> cast('2026-11-15' as date)
    or timestamp_value <> cast('2026-11-15 06:00:00' as {{ dbt.type_timestamp() }})
