{#- Data tests proportional to the night (overrides dbt's get_where_subquery, as dbt's `where` docs show for
    custom logic). Every data test carries `where: "__night_window__"` (dbt_project.yml). It filters only when
    - the var handoff__night_window_start is set (the nightly sets it on incremental nights: the first day whose
      rows tonight's build may have changed), and
    - the tested model is a large table named in handoff__changed_rows_columns, with the column that dates its
      changed rows (a load time on incremental staging, the event or score day downstream), or in
      handoff__rewritten_rows_columns, with the column stamping the run that wrote each row (rescored_at).
    The test then reads `(<column> >= <window start or this run's start> or <column> is null)`: the rows of the
    window (or written tonight), and every row whose column is null, so a not_null test on it still sees them. Otherwise (full refresh, the
    full-test weekday, a manual build, a small table) the test reads the whole relation. A test's own `where`
    wins over the placeholder, as in dbt. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where == '__night_window__' -%}
        {%- set where = handoff.night_window_condition(relation) -%}
    {%- endif -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{#- The night's changed-rows condition on a tested relation, or '' when its whole content is to be tested. A table
    whose rows carry the run that wrote them (handoff__rewritten_rows_columns: the by-person scoring chain's
    rescored_at) is tested on the rows this run wrote; a table of handoff__changed_rows_columns on the rows dated
    from the window start. -#}
{% macro night_window_condition(relation) -%}
    {%- set rewritten = var('handoff__rewritten_rows_columns', {}).get(relation.identifier) -%}
    {%- set column = rewritten or var('handoff__changed_rows_columns', {}).get(relation.identifier) -%}
    {%- if not column or var('handoff__night_window_start', none) in [none, ''] -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- if modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', column) is none -%}
        {{ exceptions.raise_compiler_error(
            'vars handoff__changed_rows_columns / handoff__rewritten_rows_columns: ' ~ relation.identifier
            ~ ' must name a plain column, got: ' ~ column
        ) }}
    {%- endif -%}
    {%- if rewritten -%}
        {%- set since = handoff.run_started_at_utc() | trim -%}
    {%- else -%}
        {%- set since = handoff.date_var_literal('handoff__night_window_start') | trim -%}
    {%- endif -%}
    {%- do return('(' ~ column ~ ' >= ' ~ since ~ ' or ' ~ column ~ ' is null)') -%}
{%- endmacro %}
