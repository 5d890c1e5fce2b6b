"""The engines Handoff is proven on besides embedded DuckDB.

A throwaway PostgreSQL server and a local Spark session, the raw data copied into each, and comparisons of what dbt
built on them (python/tests/test_engines.py).
"""

from handoff.engines.base import EngineUnavailableError, QueryableEngine
from handoff.engines.compare import KEY_MARTS, RelationSpec, compare_engines, read_rows, specs_from_manifest
from handoff.engines.duckdb import DuckDBWarehouse
from handoff.engines.load import LoadReport, load_into_postgres, load_into_spark, raw_tables
from handoff.engines.postgres import PostgresServer, find_postgres_binaries, running_postgres
from handoff.engines.spark import SparkEngine, find_java_home, local_spark

__all__ = [
    "KEY_MARTS",
    "DuckDBWarehouse",
    "EngineUnavailableError",
    "LoadReport",
    "PostgresServer",
    "QueryableEngine",
    "RelationSpec",
    "SparkEngine",
    "compare_engines",
    "find_java_home",
    "find_postgres_binaries",
    "load_into_postgres",
    "load_into_spark",
    "local_spark",
    "raw_tables",
    "read_rows",
    "running_postgres",
    "specs_from_manifest",
]
