{#- handoff.day_number and handoff.epoch_seconds (macros/cross_db/date_math.sql) count from 1970-01-01 UTC on every
    engine, so decay arithmetic on their differences agrees. Returns the cases that differ. -#}
with

cases as (
    select
        cast(cases.date_text as date) as input_date,
        cast(cases.timestamp_text as {{ dbt.type_timestamp() }}) as input_timestamp,
        cases.expected_day_number,
        cast(cases.expected_epoch_seconds as {{ handoff.type_double() }}) as expected_epoch_seconds
    from (
        values
        ('1970-01-01', '1970-01-01 00:00:00', 0, 0),
        ('2026-11-15', '2026-11-15 06:00:00.5', 20772, 1794722400.5),
        ('1969-12-31', '1969-12-31 23:59:59', -1, -1)
    ) as cases (date_text, timestamp_text, expected_day_number, expected_epoch_seconds)
),

computed as (
    select
        input_date,
        expected_day_number,
        expected_epoch_seconds,
        {{ handoff.day_number('input_date') }} as actual_day_number,
        {{ handoff.day_number('input_timestamp') }} as day_number_of_timestamp,
        {{ handoff.epoch_seconds('input_timestamp') }} as actual_epoch_seconds
    from cases
)

select * from computed
where
    actual_day_number <> expected_day_number
    or day_number_of_timestamp <> expected_day_number
    or abs(actual_epoch_seconds - expected_epoch_seconds) > 0.001
