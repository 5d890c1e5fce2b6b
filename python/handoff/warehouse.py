"""Read-only looks into a DuckDB warehouse file: row counts per layer for summaries, benchmarks and tests.

Opening read-only matters: a published warehouse is read by BI tools all day, and a writer would lock them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

LAYER_SCHEMAS = ("staging", "intermediate", "marts", "quality", "reference", "ops")


@dataclass(frozen=True)
class RelationCount:
    """One table or view and its rows."""

    schema: str
    name: str
    kind: str
    rows: int


def relation_counts(warehouse: Path, schemas: tuple[str, ...] = LAYER_SCHEMAS) -> list[RelationCount]:
    """Every relation of the layer schemas with its row count (views are counted too: they are what BI sees)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        placeholders = ", ".join("?" for _ in schemas)
        rows = con.execute(
            "select table_schema, table_name, table_type from information_schema.tables "
            f"where table_catalog = current_database() and table_schema in ({placeholders}) "
            "order by table_schema, table_name",
            list(schemas),
        ).fetchall()
        counts = []
        for schema, name, kind in rows:
            total = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            counts.append(RelationCount(schema, name, "view" if "VIEW" in kind else "table", int(total[0])))
        return counts
    finally:
        con.close()


def layer_totals(counts: list[RelationCount]) -> dict[str, tuple[int, int]]:
    """Per schema: (relations, rows)."""
    totals: dict[str, tuple[int, int]] = {}
    for count in counts:
        relations, rows = totals.get(count.schema, (0, 0))
        totals[count.schema] = (relations + 1, rows + count.rows)
    return totals
