"""Read-only looks into a DuckDB warehouse file: row counts per layer, and the marts as data frames.

Opening read-only matters: a published warehouse is read by BI tools all day, and a writer would lock them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import duckdb
import pandas as pd

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


class MartReader:
    """Questions to a built warehouse's marts, answered as data frames (the review reads through it).

    Callers hand it plain SQL on marts (select, where, joins on keys, `?` parameters) and do engine-specific work
    (formatting dates as months, picking the latest row) in pandas on the answer: a report then reads the numbers
    the marts define, with no engine's dialect and no intermediate model in between.
    """

    def __init__(self, warehouse: Path) -> None:
        if not Path(warehouse).is_file():
            raise FileNotFoundError(f"no warehouse at {warehouse}: build it first (handoff nightly)")
        self._con = duckdb.connect(str(warehouse), read_only=True)

    def frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        """The answer to one query."""
        return self._con.execute(sql, list(params)).df()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, for handoff.outcomes' queries (they ask which relations the warehouse holds)."""
        return self._con

    def close(self) -> None:
        """Release the file (a nightly may want to swap it)."""
        self._con.close()

    def __enter__(self) -> MartReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
