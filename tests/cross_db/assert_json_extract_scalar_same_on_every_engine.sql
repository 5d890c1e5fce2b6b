{#- handoff.json_extract_scalar (macros/cross_db/json.sql) reads the same scalar from JSON text on every engine:
    strings unquoted, numbers and booleans as written, null for a missing path or a JSON null. Returns the cases
    that differ. -#}
with

documents as (
    select '{"context": {"ip": "10.0.0.1", "page": {"depth": 3}}, "score": 2.5, "bot": false, "note": null}' as payload
),

extracted as (
    select
        {{ handoff.json_extract_scalar('payload', 'context.ip') }} as nested_string,
        {{ handoff.json_extract_scalar('payload', 'context.page.depth') }} as nested_number,
        {{ handoff.json_extract_scalar('payload', 'score') }} as top_number,
        {{ handoff.json_extract_scalar('payload', 'bot') }} as top_boolean,
        {{ handoff.json_extract_scalar('payload', 'note') }} as json_null,
        {{ handoff.json_extract_scalar('payload', 'context.missing') }} as missing_key
    from documents
)

select * from extracted
where
    nested_string is distinct from '10.0.0.1'
    or nested_number is distinct from '3'
    or top_number is distinct from '2.5'
    or top_boolean is distinct from 'false'
    or json_null is not null
    or missing_key is not null
