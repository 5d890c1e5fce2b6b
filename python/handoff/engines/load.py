"""Copy a raw DuckDB file (what the loaders or the generator wrote) into PostgreSQL or Spark, table for table.

The portability tests build the same dbt project on three engines from one dataset, so the copy must keep every
value and type that staging reads: NULL apart from the empty string, timestamps without time zone, decimals,
booleans. Postgres gets typed tables filled with COPY (CSV, in which DuckDB quotes empty strings and leaves NULLs
bare, which is exactly how Postgres tells them apart). Spark gets one Parquet file per table, written by DuckDB and
declared as a Parquet-backed table in a Spark database named after the source schema: Spark reads Parquet with its
own reader, so no pandas conversion is involved (pyspark does not fully support pandas 3).
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from handoff.engines.postgres import PostgresServer
from handoff.engines.spark import SparkEngine

RAW_SCHEMAS = ("salesforce", "hubspot", "marketo", "segment", "intent")

# DuckDB type -> Postgres type. Types not listed (lists, structs, maps, unions, bit strings) are copied as text.
_POSTGRES_TYPES = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric(38, 0)",
    "UTINYINT": "smallint",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "UBIGINT": "numeric(20, 0)",
    "UHUGEINT": "numeric(39, 0)",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP_S": "timestamp",
    "TIMESTAMP_MS": "timestamp",
    "TIMESTAMP_NS": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "INTERVAL": "interval",
    "UUID": "uuid",
    "JSON": "jsonb",
    "BLOB": "bytea",
}
# DuckDB types Spark's Parquet reader cannot take as written (or would take with another meaning): cast first.
_SPARK_CASTS = {
    "UUID": "VARCHAR",
    "JSON": "VARCHAR",
    "INTERVAL": "VARCHAR",
    "TIME": "VARCHAR",
    "HUGEINT": "DECIMAL(38, 0)",
    "UHUGEINT": "DECIMAL(38, 0)",
    "UBIGINT": "DECIMAL(20, 0)",
    "UINTEGER": "BIGINT",
    "USMALLINT": "INTEGER",
    "UTINYINT": "SMALLINT",
    "TIMESTAMP_NS": "TIMESTAMP",
    "TIMESTAMP_S": "TIMESTAMP",
    "TIMESTAMP_MS": "TIMESTAMP",
}
_DECIMAL = re.compile(r"^DECIMAL\(\d+,\s*\d+\)$")


@dataclass(frozen=True)
class RawColumn:
    """One column of a raw table, with its DuckDB type."""

    name: str
    duckdb_type: str


@dataclass(frozen=True)
class RawTable:
    """One raw table and its columns, in DuckDB's order."""

    schema: str
    name: str
    columns: tuple[RawColumn, ...]
    rows: int


@dataclass(frozen=True)
class LoadReport:
    """What a load copied and how long it took."""

    engine: str
    tables: tuple[RawTable, ...]
    seconds: float

    @property
    def rows(self) -> int:
        """Rows copied across every table."""
        return sum(table.rows for table in self.tables)


def raw_tables(raw: Path, schemas: Sequence[str] = RAW_SCHEMAS) -> list[RawTable]:
    """Every base table of the raw file in the given schemas (views are not data a loader wrote)."""
    con = duckdb.connect(str(raw), read_only=True)
    try:
        placeholders = ", ".join("?" for _ in schemas)
        columns = con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns "
            f"where table_catalog = current_database() and table_schema in ({placeholders}) "
            "and (table_schema, table_name) in (select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE') order by table_schema, table_name, ordinal_position",
            list(schemas),
        ).fetchall()
        grouped: dict[tuple[str, str], list[RawColumn]] = {}
        for schema, table, column, data_type in columns:
            grouped.setdefault((schema, table), []).append(RawColumn(column, data_type.upper()))
        tables = []
        for (schema, table), table_columns in grouped.items():
            count = con.execute(f"select count(*) from {_duck_name(schema, table)}").fetchall()[0][0]
            tables.append(RawTable(schema, table, tuple(table_columns), int(count)))
        return tables
    finally:
        con.close()


def postgres_type(duckdb_type: str) -> str:
    """The Postgres column type for a DuckDB type; text when there is no faithful equivalent."""
    if _DECIMAL.match(duckdb_type):
        return duckdb_type.lower().replace("decimal", "numeric")
    return _POSTGRES_TYPES.get(duckdb_type, "text")


def load_into_postgres(
    raw: Path, server: PostgresServer, schemas: Sequence[str] = RAW_SCHEMAS, schema_suffix: str = ""
) -> LoadReport:
    """Create each raw schema and table in the server's database and fill it with COPY; replaces existing ones.

    `schema_suffix` loads into `<schema><suffix>` instead, so a second version of the raw data can sit beside the
    first (point dbt at it with the `<source>_schema` vars).
    """
    started = time.perf_counter()
    tables = raw_tables(raw, schemas)
    duck = duckdb.connect(str(raw), read_only=True)
    connection = server.connect()
    try:
        with connection.cursor() as cursor, tempfile.TemporaryDirectory(prefix="handoff-load-") as scratch:
            for schema in sorted({table.schema for table in tables}):
                cursor.execute(f'create schema if not exists "{schema}{schema_suffix}"')
            for table in tables:
                target = f'"{table.schema}{schema_suffix}"."{table.name}"'
                definitions = ", ".join(f'"{c.name}" {postgres_type(c.duckdb_type)}' for c in table.columns)
                cursor.execute(f"drop table if exists {target}")
                cursor.execute(f"create table {target} ({definitions})")
                csv_path = Path(scratch) / f"{table.schema}.{table.name}.csv"
                duck.execute(
                    f"copy (select {_postgres_export_columns(table)} from {_duck_name(table.schema, table.name)}) "
                    f"to '{csv_path}' (format csv, header false)"
                )
                with csv_path.open("r", encoding="utf-8") as data:
                    cursor.copy_expert(f"copy {target} from stdin with (format csv)", data)
                csv_path.unlink()
            cursor.execute("analyze")
    finally:
        connection.close()
        duck.close()
    return LoadReport("postgres", tuple(tables), time.perf_counter() - started)


def _postgres_export_columns(table: RawTable) -> str:
    """The select list that writes each column in a form Postgres' CSV reader parses back to the same value."""
    parts = []
    for column in table.columns:
        quoted = f'"{column.name}"'
        kind = postgres_type(column.duckdb_type)
        if kind == "text" and column.duckdb_type != "VARCHAR":
            parts.append(f"cast({quoted} as varchar) as {quoted}")
        elif kind == "bytea":
            parts.append(f"'\\x' || hex({quoted}) as {quoted}")
        else:
            parts.append(quoted)
    return ", ".join(parts)


def load_into_spark(
    raw: Path, spark: SparkEngine, schemas: Sequence[str] = RAW_SCHEMAS, schema_suffix: str = ""
) -> LoadReport:
    """Write each raw table as Parquet under the session's directory and declare a Spark table over it.

    `schema_suffix` as for load_into_postgres: the tables go to Spark database `<schema><suffix>`.
    """
    started = time.perf_counter()
    tables = raw_tables(raw, schemas)
    duck = duckdb.connect(str(raw), read_only=True)
    try:
        for schema in sorted({table.schema for table in tables}):
            spark.session.sql(f"create database if not exists `{schema}{schema_suffix}`")
        for table in tables:
            directory = spark.parquet_dir / f"{table.schema}{schema_suffix}" / table.name
            directory.mkdir(parents=True, exist_ok=True)
            parquet_path = directory / "part-0.parquet"
            duck.execute(
                f"copy (select {_spark_export_columns(table)} from {_duck_name(table.schema, table.name)}) "
                f"to '{parquet_path}' (format parquet)"
            )
            name = spark.relation_name(f"{table.schema}{schema_suffix}", table.name)
            spark.session.sql(f"drop table if exists {name}")
            spark.session.sql(f"create table {name} using parquet location '{directory}'")
    finally:
        duck.close()
    return LoadReport("spark", tuple(tables), time.perf_counter() - started)


def _spark_export_columns(table: RawTable) -> str:
    """The select list that writes each column as a Parquet type Spark reads with the same meaning."""
    parts = []
    for column in table.columns:
        quoted = f'"{column.name}"'
        if column.duckdb_type == "TIMESTAMP WITH TIME ZONE":
            parts.append(f"timezone('UTC', {quoted}) as {quoted}")
            continue
        cast_to = _SPARK_CASTS.get(column.duckdb_type)
        if cast_to is None and postgres_type(column.duckdb_type) == "text" and column.duckdb_type != "VARCHAR":
            cast_to = "VARCHAR"
        parts.append(f"cast({quoted} as {cast_to}) as {quoted}" if cast_to else quoted)
    return ", ".join(parts)


def _duck_name(schema: str, table: str) -> str:
    """A quoted DuckDB table name."""
    return f'"{schema}"."{table}"'
