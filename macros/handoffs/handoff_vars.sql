{#- The handoff layer's tunable vars and their defaults, in one place (like handoff.scoring_var). Override any in
    dbt_project.yml or with --vars, e.g. --vars '{handoff__handoff_sla_hours: 4}'.
    - handoff__handoff_sla_hours: hours after the MQL clock starts within which sales must touch the MQL.
    - handoff__sales_departments / handoff__sales_role_keywords: a Salesforce user is a sales user when their
      department is in the list, or their role name contains one of the keywords (case-insensitive), and they are
      not an automated user (user_type AutomatedProcess). Marketing and integration users never count as touches.
    - handoff__opportunity_window_days: an opportunity created within this many days after an MQL (of a person
      of the opportunity's account, or the person's own converted lead) or an MQA (of the account) is linked to
      it: the handoff facts' opportunity and the tier-1 pipeline source both use it.
    - handoff__cohort_max_age_weeks: the MQL cohorts mart follows each cohort for this many weeks.
    - handoff__outcome_horizon_days: the horizon of mrt_handoff_rates' horizon-bounded MQL->SQL (an SQL counts
      there only when it came within this many days of the MQL clock start); `handoff review` shows it beside
      the as-of rate. The MQL->SQL health band is not a var: it is the mql_sql_health_band seed. -#}
{% macro handoff_var(name) -%}
    {%- set defaults = {
        'handoff__handoff_sla_hours': 24,
        'handoff__sales_departments': ['Sales', 'Sales Development'],
        'handoff__sales_role_keywords': ['sales', 'sdr', 'bdr', 'account executive'],
        'handoff__opportunity_window_days': 90,
        'handoff__cohort_max_age_weeks': 26,
        'handoff__outcome_horizon_days': 30,
    } -%}
    {%- if name not in defaults -%}
        {{ exceptions.raise_compiler_error('unknown handoff var: ' ~ name) }}
    {%- endif -%}
    {{ return(handoff.typed_var(name, defaults[name])) }}
{%- endmacro %}

{#- The as-of moment of the handoff facts. With the var scoring_as_of_date pinned (back-tests, tests), the end of
    that day (the start of the next), since scoring counts the as-of day's events; otherwise the run's start
    (handoff.run_started_at_utc). An MQL whose SLA window ends after it is still open; touches, decisions and
    meetings after it have not happened yet. -#}
{% macro handoff_as_of_at() -%}
    {%- if var('scoring_as_of_date', none) -%}
        cast({{ dbt.dateadd('day', 1, handoff.scoring_as_of_date()) }} as {{ dbt.type_timestamp() }})
    {%- else -%}
        {{ handoff.run_started_at_utc() }}
    {%- endif -%}
{%- endmacro %}

{#- The MQL->SQL health band of a rate, read from the mql_sql_health_band seed (the band's one place, read by
    Python too): `band` is the alias of that seed's one row, joined into the query (`cross join`). below_label
    under band_low, above_label over band_high, within_label in between (ends included); null for a null rate. -#}
{% macro mql_sql_health_band(rate, band) -%}
    case
        when {{ rate }} is null then null
        when {{ rate }} < {{ band }}.band_low then {{ band }}.below_label
        when {{ rate }} > {{ band }}.band_high then {{ band }}.above_label
        else {{ band }}.within_label
    end
{%- endmacro %}

{#- Reporting grains of the tier-2 marts (weeks start on Monday, as dbt.date_trunc('week') does on DuckDB, Postgres
    and Spark), each with the expression of its last day. -#}
{% macro handoff_period_grains() -%}
    {{ return(['week', 'month']) }}
{%- endmacro %}

{% macro handoff_period_end(grain, period_start_expression) -%}
    {%- if grain == 'week' -%}
        cast({{ dbt.dateadd('day', 6, period_start_expression) }} as date)
    {%- else -%}
        {{ handoff.period_end(grain, period_start_expression) }}
    {%- endif -%}
{%- endmacro %}

{#- The period scaffolding of the tier-2 marts, written once: every row of `relation` once per reporting grain
    (handoff_period_grains), with the period that holds its `date_column` (period_grain, period_start_date,
    period_end_date) before its own columns. The body of an `in_periods` CTE. -#}
{% macro in_handoff_periods(relation, date_column) -%}
    {%- for grain in handoff.handoff_period_grains() %}
    select
        '{{ grain }}' as period_grain,
        {{ handoff.period_start(grain, date_column) }} as period_start_date,
        {{ handoff.handoff_period_end(grain, handoff.period_start(grain, date_column)) }} as period_end_date,
        {{ relation }}.*
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#- The reporting periods (of `relation`, with period_grain, period_start_date and period_end_date) that contain the
    effective_from of an effective definition version (of `definition_versions`): one row per such period. The body
    of a `change_periods` CTE, so every tier-2 mart flags a definition change the same way. -#}
{% macro definition_change_periods(relation, definition_versions) -%}
    select distinct
        periods.period_grain,
        periods.period_start_date
    from (
        select distinct
            period_grain,
            period_start_date,
            period_end_date
        from {{ relation }}
    ) as periods
    inner join {{ definition_versions }}
        on
            periods.period_start_date <= {{ definition_versions }}.effective_from
            and periods.period_end_date >= {{ definition_versions }}.effective_from
    where {{ definition_versions }}.status = 'effective'
{%- endmacro %}
