"""The DuckDB warehouse as an engine the comparison helpers read, like the Postgres server and the Spark session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb


@dataclass(frozen=True)
class DuckDBWarehouse:
    """A built warehouse file, opened read-only for each query (a writer elsewhere is never blocked for long)."""

    path: Path
    name: str = "duckdb"

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run one statement on a fresh read-only connection and return every row."""
        from handoff.dbt import release_duckdb_connections

        # dbt-duckdb keeps the file open in this process after an in-process build; a read-only connection to the
        # same file would be refused while that handle lives.
        release_duckdb_connections()
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def relation_name(self, schema: str, identifier: str) -> str:
        """dbt-duckdb names relations `"schema"."identifier"` in the warehouse's own catalog."""
        return f'"{schema}"."{identifier}"'
