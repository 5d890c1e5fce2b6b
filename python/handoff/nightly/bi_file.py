"""The file BI reads, written from the work file: the marts and the run history only, personal data masked.

DESIGN.md's "two files": the work file holds everything dbt builds (staging, intermediate, reference seeds, marts)
and stays with the analytics engineers (`ProjectPaths.build_warehouse_path`); the published file a BI tool opens
holds the `marts` and `ops` schemas only. Personal columns are found in the models' YAML
(`config: {meta: {personal_data: <kind>}}`, `handoff.personal_data`), and on the way out an email becomes a
SHA-256 hash of the normalised address (still a join key, not an address) and every other personal value
(names, titles, free text, IPs, user agents) becomes null, unless `HANDOFF_BI_PERSONAL_DATA=include` opts in.
Views (e.g. `fct_engagement_events`) are written as tables: the published file must not depend on staging.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb

BI_SCHEMAS = ("marts", "ops")
PERSONAL_DATA_SETTING = "HANDOFF_BI_PERSONAL_DATA"
MASKED, INCLUDED = "masked", "include"


def personal_data_mode() -> str:
    """`masked` (default) or `include` (the opt-in), from HANDOFF_BI_PERSONAL_DATA."""
    value = os.environ.get(PERSONAL_DATA_SETTING, MASKED).strip().lower() or MASKED
    if value not in (MASKED, INCLUDED):
        raise ValueError(f"{PERSONAL_DATA_SETTING} must be '{MASKED}' or '{INCLUDED}', not {value!r}")
    return value


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def masked_expression(column: str, kind: str) -> str:
    """The SQL that replaces a personal column in the published file (its name kept, its type varchar)."""
    quoted = _quoted(column)
    if kind == "email":
        return f"case when {quoted} is null then null else sha256(lower(trim({quoted}))) end as {quoted}"
    return f"cast(null as varchar) as {quoted}"


def write_bi_file(
    work_file: Path,
    target: Path,
    personal_columns: Mapping[str, Mapping[str, str]],
    *,
    mode: str | None = None,
) -> dict[str, int]:
    """Write `target` from the work file (read-only); return rows per `schema.table` written.

    `personal_columns` maps a mart (model name) to {column: kind}. The target is written whole and checkpointed;
    the caller swaps it onto the published path.
    """
    mode = mode or personal_data_mode()
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    written: dict[str, int] = {}
    try:
        con.execute(f"attach {_literal(work_file)} as work (read_only)")
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = 'work' "
            f"and table_schema in ({', '.join(_literal(s) for s in BI_SCHEMAS)}) order by 1, 2"
        ).fetchall()
        for schema in sorted({schema for schema, _ in relations}):
            con.execute(f"create schema if not exists {_quoted(schema)}")
        for schema, table in relations:
            columns = [
                name
                for (name,) in con.execute(
                    "select column_name from information_schema.columns where table_catalog = 'work' "
                    "and table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
            ]
            personal = personal_columns.get(table, {}) if schema == "marts" and mode == MASKED else {}
            select = ", ".join(masked_expression(c, personal[c]) if c in personal else _quoted(c) for c in columns)
            con.execute(
                f"create table {_quoted(schema)}.{_quoted(table)} as "
                f"select {select} from work.{_quoted(schema)}.{_quoted(table)}"
            )
            written[f"{schema}.{table}"] = con.execute(
                f"select count(*) from {_quoted(schema)}.{_quoted(table)}"
            ).fetchone()[0]
        con.execute("detach work")
        con.execute("checkpoint")
    finally:
        con.close()
    return written


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"
