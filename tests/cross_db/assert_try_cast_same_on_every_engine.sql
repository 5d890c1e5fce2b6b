{#- handoff.try_cast casts the same text to the same value, or to null, on every engine
    (macros/cross_db/try_cast.sql). Returns the cases that differ from the expected value. -#}
with

integer_cases as (
    select
        cases.input_text,
        cast(cases.expected_value as {{ dbt.type_int() }}) as expected_value
    from (
        values
        ('42', 42), (' 7 ', 7), ('-3', -3), ('+4', 4), ('1.5', null), ('1.0', null), ('1e3', null),
        ('abc', null), ('', null), (null, null)
    ) as cases (input_text, expected_value)
),

numeric_cases as (
    select
        cases.input_text,
        cast(cases.expected_value as {{ dbt.type_numeric() }}) as expected_value
    from (
        values
        ('12.50', 12.5), (' 3 ', 3), ('-0.25', -0.25), ('.5', 0.5), ('1e3', 1000), ('abc', null),
        ('1.2.3', null), ('', null)
    ) as cases (input_text, expected_value)
),

timestamp_cases as (
    select
        cases.input_text,
        cast(cases.expected_text as {{ dbt.type_timestamp() }}) as expected_value
    from (
        values
        ('2026-11-01 10:11:12', '2026-11-01 10:11:12'),
        ('2026-11-01T10:11:12', '2026-11-01 10:11:12'),
        ('2026-11-01 10:11:12.5', '2026-11-01 10:11:12.5'),
        ('2026-11-01', '2026-11-01 00:00:00'),
        ('2026-11-01 10:11:12+02:00', null),
        ('2026-11-01 10:11:12Z', null),
        ('yesterday', null),
        ('', null)
    ) as cases (input_text, expected_text)
),

date_cases as (
    select
        cases.input_text,
        cast(cases.expected_text as date) as expected_value
    from (
        values ('2026-11-01', '2026-11-01'), ('2026-1-1', null), ('soon', null)
    ) as cases (input_text, expected_text)
),

boolean_cases as (
    select
        cases.input_text,
        cast(cases.expected_value as {{ dbt.type_boolean() }}) as expected_value
    from (
        values
        ('true', true), ('TRUE', true), ('t', true), ('yes', true), ('Y', true), ('1', true),
        ('false', false), ('n', false), ('0', false), (' true ', null), ('on', null), ('tr', null),
        ('maybe', null), ('', null)
    ) as cases (input_text, expected_value)
),

typed_cases as (
    select
        cast('2026-11-01 10:11:12' as {{ dbt.type_timestamp() }}) as input_timestamp,
        cast(5 as {{ dbt.type_int() }}) as input_integer,
        cast(true as {{ dbt.type_boolean() }}) as input_boolean
),

failures as (
    select
        'integer' as case_type,
        input_text
    from integer_cases
    where {{ handoff.try_cast('input_text', dbt.type_int()) }} is distinct from expected_value
    union all
    select
        'bigint' as case_type,
        input_text
    from integer_cases
    where {{ handoff.try_cast('input_text', dbt.type_bigint()) }} is distinct from expected_value
    union all
    select
        'numeric' as case_type,
        input_text
    from numeric_cases
    where {{ handoff.try_cast('input_text', dbt.type_numeric()) }} is distinct from expected_value
    union all
    select
        'timestamp' as case_type,
        input_text
    from timestamp_cases
    where {{ handoff.try_cast('input_text', dbt.type_timestamp()) }} is distinct from expected_value
    union all
    select
        'date' as case_type,
        input_text
    from date_cases
    where {{ handoff.try_cast('input_text', 'date') }} is distinct from expected_value
    union all
    select
        'boolean' as case_type,
        input_text
    from boolean_cases
    where {{ handoff.try_cast('input_text', dbt.type_boolean()) }} is distinct from expected_value
    union all
    select
        'typed' as case_type,
        'timestamp, integer, boolean columns' as input_text
    from typed_cases
    where
        {{ handoff.try_cast('input_timestamp', dbt.type_timestamp()) }} is distinct from input_timestamp
        or {{ handoff.try_cast('input_integer', dbt.type_bigint()) }} is distinct from input_integer
        or {{ handoff.try_cast('input_boolean', dbt.type_boolean()) }} is distinct from input_boolean
)

select * from failures
