{#- Every rate and share the tier-2 marts publish lies in [0, 1] (null where its base is 0), and none is computed
    from a base that is 0. Returns one row per offending value. -#}
{%- set rates = [
    ('mrt_handoff_health', 'mql_sql_rate', 'mql_count'),
    ('mrt_handoff_health', 'touched_within_sla_rate', 'sla_decided_count'),
    ('mrt_handoff_health', 'meeting_rate', 'mql_count'),
    ('mrt_handoff_health', 'meeting_to_opportunity_rate', 'meeting_count'),
    ('mrt_handoff_rejection_reasons', 'share_of_rejections', 'rejected_mql_count'),
    ('mrt_mql_cohorts', 'sql_share', 'observed_mql_count'),
    ('mrt_mql_cohorts', 'opportunity_share', 'observed_mql_count'),
    ('mrt_mql_cohorts', 'won_share', 'observed_mql_count'),
] %}
{%- for model_name, rate, base in rates %}
select
    '{{ model_name }}' as model_name,
    '{{ rate }}' as rate_name,
    cast({{ rate }} as {{ handoff.type_double() }}) as rate_value,
    cast({{ base }} as {{ dbt.type_bigint() }}) as base_value
from {{ ref(model_name) }}
where
    {{ rate }} < 0
    or {{ rate }} > 1
    or ({{ base }} = 0 and {{ rate }} is not null)
    or ({{ base }} > 0 and {{ rate }} is null)
{{ 'union all' if not loop.last }}
{%- endfor %}
