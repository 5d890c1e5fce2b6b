"""What a DuckDB warehouse file holds: the tables of the checked schemas, their columns and row counts.

Read once, read-only, before Great Expectations starts, so that suites are only built for tables that exist
(the project grows mart by mart) and rate columns are found by name rather than listed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class TableInfo:
    """One table or view: its qualified name, its columns in order and its row count."""

    schema: str
    name: str
    columns: tuple[str, ...]
    rows: int

    @property
    def qualified(self) -> str:
        """`schema.table`, the name the specs and the run log use."""
        return f"{self.schema}.{self.name}"


def read_catalog(warehouse: Path, schemas: tuple[str, ...]) -> dict[str, TableInfo]:
    """The tables and views of `schemas` in `warehouse`, keyed by `schema.table` (file opened read-only)."""
    if not schemas:
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        placeholders = ", ".join("?" for _ in schemas)
        rows = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            f"where table_catalog = current_database() and table_schema in ({placeholders}) "
            "order by table_schema, table_name, ordinal_position",
            list(schemas),
        ).fetchall()
        columns: dict[tuple[str, str], list[str]] = {}
        for schema, name, column in rows:
            columns.setdefault((schema, name), []).append(column)
        catalog = {}
        for (schema, name), names in columns.items():
            total = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            info = TableInfo(schema, name, tuple(names), int(total[0]) if total else 0)
            catalog[info.qualified] = info
        return catalog
    finally:
        con.close()
