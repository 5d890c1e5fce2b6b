{#- Email and web-domain normalisation shared by every staging model that carries an email or a website. -#}

{#- Lowercased, trimmed email; empty strings become null. -#}
{% macro normalize_email(expression) -%}
    nullif(lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))), '')
{%- endmacro %}

{#- True when a normalised email has one @, a local part and a dotted domain with a 2+ letter TLD. -#}
{% macro is_valid_email(normalized_email) -%}
    coalesce({{ handoff.regexp_like(normalized_email, '^[a-z0-9._%+\'-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$') }}, false)
{%- endmacro %}

{#- The domain part of a normalised email. -#}
{% macro email_domain(normalized_email) -%}
    nullif({{ dbt.split_part(normalized_email, "'@'", 2) }}, '')
{%- endmacro %}

{#- The bare host of a website or URL: no scheme, no www., no port, path, query or fragment; lowercased. -#}
{% macro url_domain(expression) -%}
    nullif(
        {{ handoff.regexp_replace_all(
            handoff.regexp_replace_all(
                'lower(trim(cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')))',
                '^[a-z][a-z0-9+.-]*://', ''),
            '^www[0-9]*\\.|[/:?#].*$', '') }},
        ''
    )
{%- endmacro %}


{#- The path of a URL, lowercased, without scheme, host, query or fragment ('https://x.com/Pricing?a=1' -> '/pricing');
    the key web pages are mapped to signals by (Segment's page_path, Marketo's webpage_url). -#}
{% macro url_path(expression) -%}
    {{ handoff.regexp_replace_all(
        handoff.regexp_replace_all('lower(' ~ expression ~ ')', '^[a-z][a-z0-9+.-]*://[^/?#]*', ''),
        '[?#].*$', '') }}
{%- endmacro %}
