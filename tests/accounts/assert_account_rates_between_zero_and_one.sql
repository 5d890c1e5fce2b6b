{#- Every rate the accounts marts publish lies in [0, 1] (null allowed where the denominator is 0): the shares
    and tie rates of fct_account_match_quality, and dim_accounts' role coverage and engaged share. Each rate is
    a count divided by a count cast to a float (handoff.safe_divide), so integer division cannot truncate it. -#}
{%- set rates = [
    ('fct_account_match_quality', 'match_quality_id', 'share_of_population'),
    ('fct_account_match_quality', 'match_quality_id', 'shared_domain_tie_rate'),
    ('dim_accounts', 'account_id', 'role_coverage_rate'),
    ('dim_accounts', 'account_id', 'engaged_share_of_matched_people'),
] %}
{%- for model_name, key, rate in rates %}
select
    '{{ model_name }}' as model_name,
    '{{ rate }}' as rate_name,
    cast({{ key }} as {{ dbt.type_string() }}) as row_key,
    {{ rate }} as rate_value
from {{ ref(model_name) }}
where {{ rate }} < 0 or {{ rate }} > 1
{{ 'union all' if not loop.last }}
{%- endfor %}
