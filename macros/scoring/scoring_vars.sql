{#- The scoring layer's tunable vars and their defaults, in one place. Override any with --vars or in
    dbt_project.yml, e.g. --vars '{bot_click_seconds_after_delivery: 5}'.
    - bot_click_seconds_after_delivery: an email click this many seconds (or fewer) after the message was
      delivered is a security scanner, not a person (filter reason click_within_seconds_of_delivery).
    - bot_all_links_min_links / bot_all_links_window_seconds: a recipient who clicks every link of an email
      (at least min_links distinct links, every link anyone clicked in that email) within window seconds is a
      scanner (filter reason all_links_clicked_at_once).
    The MQL definition itself (points, caps, half-lives, thresholds) is not a var: it is versioned data in
    seeds/definitions/. -#}
{% macro scoring_var(name) -%}
    {%- set defaults = {
        'bot_click_seconds_after_delivery': 10,
        'bot_all_links_min_links': 2,
        'bot_all_links_window_seconds': 60,
    } -%}
    {%- if name not in defaults -%}
        {{ exceptions.raise_compiler_error('unknown scoring var: ' ~ name) }}
    {%- endif -%}
    {{ return(handoff.typed_var(name, defaults[name])) }}
{%- endmacro %}
