{#- Referential checks of base models: whether a row's foreign key names a record its parent table never delivered.
    `known_key` is the joined parent id (null when none matched), read from the parent's base model: every version the
    connector delivered, deleted and merged-away records included (merges are resolved downstream, e.g.
    int_person_records_mapped), so only an id the source never held is an orphan, and a parent quarantined for its
    own reason does not cascade into its children.
    The base model left joins the parent's distinct ids (a `known_<parent>` CTE, `select distinct` or `union`): one
    match at most per row, so no row is multiplied or lost, and an anti-join plan on every engine (a `not in`
    subquery is a nested loop on Postgres once the ids outgrow work_mem). A null key is not an orphan here: each
    model says whether a missing reference is allowed.
    What an orphan leads to is decided per class and documented in docs/conventions.md ("Referential problems"):
    quarantined as `orphan_reference`, or kept with an `is_<parent>_missing` flag counted in fct_source_row_flags. -#}
{% macro is_orphan_reference(foreign_key, known_key) -%}
    ({{ foreign_key }} is not null and {{ known_key }} is null)
{%- endmacro %}
