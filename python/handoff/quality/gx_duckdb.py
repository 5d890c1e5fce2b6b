"""A Great Expectations SQL data source over a DuckDB file, opened read-only, that actually returns rows.

Why this exists: GX's SQLAlchemy engine runs a metric query, leaves the `with engine.connect()` block (which
rolls the connection back) and only then fetches the rows. DuckDB discards a pending result on rollback, so
with plain duckdb-engine every metric comes back empty and every expectation fails with "list index out of
range" (GX issues #10738 and #11579, still open for duckdb-engine 0.17 / GX 1.24). The fix here buffers each
result in the cursor at execute time; metric queries return aggregates or a capped sample, so the buffer stays
small. Connections are created by us (`creator`) so they are always read-only and can all be disposed of
before the nightly job renames the file.

Second workaround: SQLAlchemy 2.1's column reflection queries `pg_catalog.pg_collation`, which DuckDB lacks, so
GX falls back to `select * from <table name> limit 1` without the schema. Each data source therefore serves one
schema and its connections start with `USE <schema>`: table assets are then plain table names, and GX never
has to run a whole-table `select *` (as it does to reflect a QueryAsset) just to learn the columns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import duckdb_engine


class _BufferedCursor:
    """A DB-API cursor that fetches everything at execute time, so a later rollback cannot empty it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._rows: list[Any] = []
        self._position = 0
        self.description: Sequence[Any] | None = None
        self.arraysize = 1

    def execute(self, statement: str, parameters: Any = None, context: Any = None) -> None:
        self._inner.execute(statement, parameters, context)
        self.description = self._inner.description
        self._rows = self._inner.fetchall() if self.description else []
        self._position = 0

    def executemany(self, statement: str, parameters: Any = None, context: Any = None) -> None:
        self._inner.executemany(statement, parameters, context)
        self.description, self._rows, self._position = None, [], 0

    @property
    def rowcount(self) -> int:
        return len(self._rows) if self.description else -1

    def fetchone(self) -> Any:
        if self._position >= len(self._rows):
            return None
        self._position += 1
        return self._rows[self._position - 1]

    def fetchmany(self, size: int | None = None) -> list[Any]:
        chunk = self._rows[self._position : self._position + (size or self.arraysize)]
        self._position += len(chunk)
        return chunk

    def fetchall(self) -> list[Any]:
        rest = self._rows[self._position :]
        self._position = len(self._rows)
        return rest

    def close(self) -> None:
        self._rows = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BufferedConnection(duckdb_engine.ConnectionWrapper):
    """duckdb-engine's connection wrapper, handing out buffered cursors."""

    def cursor(self) -> _BufferedCursor:  # type: ignore[override]
        return _BufferedCursor(super().cursor())


def read_only_creator(warehouse: Path, schema: str) -> Callable[[], _BufferedConnection]:
    """A SQLAlchemy `creator`: read-only DuckDB connections to `warehouse` whose default schema is `schema`."""
    path = str(warehouse)
    use = 'use "{}"'.format(schema.replace('"', '""'))

    def create() -> _BufferedConnection:
        connection = duckdb.connect(path, read_only=True)
        connection.execute(use)
        return _BufferedConnection(connection)

    return create


def add_duckdb_datasource(context: Any, name: str, warehouse: Path, schema: str) -> Any:
    """Register one schema of `warehouse` as a GX SQL data source (read-only, buffered) and return it."""
    return context.data_sources.add_sql(
        name=name,
        connection_string=f"duckdb:///{warehouse}",
        kwargs={"creator": read_only_creator(warehouse, schema)},
    )


def dispose_datasource(datasource: Any) -> None:
    """Close every connection GX opened through `datasource` (its own engine and its execution engine's)."""
    # Best effort: the nightly job verifies afterwards that it can open the file for writing.
    with contextlib.suppress(Exception):
        datasource.get_execution_engine().close()
    with contextlib.suppress(Exception):
        datasource.get_engine().dispose()
