{#- handoff.power, handoff.safe_divide and handoff.type_double (macros/cross_db/numeric.sql) give double-precision
    answers on every engine: integer counts divide into fractions, division by zero is null, decay factors agree
    to 1e-12. Returns the cases that differ. -#}
with

cases as (
    select
        'half-life decay after 14 of 14 days' as case_name,
        {{ handoff.power('0.5', '14.0 / 14') }} as actual_value,
        cast(0.5 as {{ handoff.type_double() }}) as expected_value
    union all
    select
        'decay after 3 days, 7-day half-life' as case_name,
        {{ handoff.power('0.5', handoff.safe_divide('3', '7')) }} as actual_value,
        cast(0.7429971445684742 as {{ handoff.type_double() }}) as expected_value
    union all
    select
        'integer counts divide into a fraction' as case_name,
        {{ handoff.safe_divide('1', '4') }} as actual_value,
        cast(0.25 as {{ handoff.type_double() }}) as expected_value
    union all
    select
        'double keeps digits a 4-byte float loses' as case_name,
        cast(0.1 as {{ handoff.type_double() }}) * 3 as actual_value,
        cast(0.3 as {{ handoff.type_double() }}) as expected_value
    union all
    select
        'division by zero is null' as case_name,
        {{ handoff.safe_divide('1', '0') }} as actual_value,
        cast(null as {{ handoff.type_double() }}) as expected_value
)

select * from cases
where
    (actual_value is null) <> (expected_value is null)
    or abs(actual_value - expected_value) > 1e-12
