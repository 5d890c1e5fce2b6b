{#- handoff.regexp_like, regexp_replace_all and regexp_extract (macros/cross_db/regexp.sql) give the same answer on
    every engine, backslash escapes and quotes in patterns included (handoff.string_literal). Returns the cases
    that differ from the expected value. -#}
with

literal_cases as (
    select {{ handoff.string_literal("back\\slash 'quote'") }} as literal_text
),

like_cases as (
    select
        'escaped dot matches a dot' as case_name,
        true as expected_match,
        {{ handoff.regexp_like("'a.b'", '^a\\.b$') }} as actual_match
    union all
    select
        'escaped dot is not any character' as case_name,
        false as expected_match,
        {{ handoff.regexp_like("'axb'", '^a\\.b$') }} as actual_match
    union all
    select
        'digit class' as case_name,
        true as expected_match,
        {{ handoff.regexp_like("'x42'", '\\d+') }} as actual_match
    union all
    select
        'quote in pattern' as case_name,
        true as expected_match,
        {{ handoff.regexp_like("'o''neil'", "^o'n") }} as actual_match
    union all
    select
        'unanchored' as case_name,
        true as expected_match,
        {{ handoff.regexp_like("'abc'", 'b') }} as actual_match
    union all
    select
        'null input' as case_name,
        cast(null as {{ dbt.type_boolean() }}) as expected_match,
        {{ handoff.regexp_like('cast(null as ' ~ dbt.type_string() ~ ')', 'a') }} as actual_match
),

replace_cases as (
    select
        'every match' as case_name,
        'a_b_c' as expected_text,
        {{ handoff.regexp_replace_all("'a.b.c'", '\\.', '_') }} as actual_text
    union all
    select
        'url host' as case_name,
        'example.co.uk' as expected_text,
        {{ handoff.regexp_replace_all("'www.example.co.uk/path?q=1'", '^www[0-9]*\\.|[/:?#].*$', '') }} as actual_text
    union all
    select
        'no match' as case_name,
        'abc' as expected_text,
        {{ handoff.regexp_replace_all("'abc'", '[0-9]', '') }} as actual_text
),

extract_cases as (
    select
        'whole match' as case_name,
        '123' as expected_text,
        {{ handoff.regexp_extract("'abc123def45'", '[0-9]+') }} as actual_text
    union all
    select
        'capture group' as case_name,
        'def' as expected_text,
        {{ handoff.regexp_extract("'abc-def'", '([a-z]+)-([a-z]+)', 2) }} as actual_text
    union all
    select
        'no match is null' as case_name,
        cast(null as {{ dbt.type_string() }}) as expected_text,
        {{ handoff.regexp_extract("'abc'", '[0-9]+') }} as actual_text
    union all
    select
        'escaped dot' as case_name,
        'example.com' as expected_text,
        {{ handoff.regexp_extract("'mail@example.com'", '[a-z]+\\.[a-z]+$') }} as actual_text
),

failures as (
    select
        'regexp_like' as macro_name,
        case_name
    from like_cases
    where actual_match is distinct from expected_match
    union all
    select
        'regexp_replace_all' as macro_name,
        case_name
    from replace_cases
    where actual_text is distinct from expected_text
    union all
    select
        'regexp_extract' as macro_name,
        case_name
    from extract_cases
    where actual_text is distinct from expected_text
    union all
    select
        'string_literal' as macro_name,
        'backslash and quote kept' as case_name
    from literal_cases
    where length(literal_text) <> 18 or literal_text not like 'back_slash _quote_'
)

select * from failures
