"""The run history: one row per nightly run, durable in a JSON-lines file and copied into the warehouse.

The JSON-lines file (`<runs_dir>/run_history.jsonl`) is the source of truth: it is appended to after every run,
failed ones included, without touching the warehouse. At each publish the whole history is written into the new
warehouse as `ops.nightly_runs` before the swap, so BI tools always find the history, including the failed runs
since the previous publish.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb

from handoff import __version__ as handoff_version

HISTORY_FILE = "run_history.jsonl"
HISTORY_TABLE = "ops.nightly_runs"


@dataclass
class RunRecord:
    """One run's row. Times are UTC ISO 8601 strings; `row_counts` maps `schema.table` to rows."""

    run_id: str
    started_at: str
    ended_at: str
    status: str
    failing_step: str | None
    exit_code: int
    message: str
    row_counts: dict[str, int] = field(default_factory=dict)
    definition_versions: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)
    dbt_version: str = ""
    handoff_version: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunRecord:
        """Read a row written by this or an older version (unknown keys ignored, missing ones defaulted)."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known.setdefault("exit_code", 0)
        known.setdefault("message", "")
        known.setdefault("failing_step", None)
        return cls(**known)


def versions() -> tuple[str, str]:
    """(dbt-core version, handoff version) for the record."""
    try:
        dbt_version = metadata.version("dbt-core")
    except metadata.PackageNotFoundError:
        dbt_version = "unknown"
    return dbt_version, handoff_version


def append_run(history_path: Path, record: RunRecord) -> None:
    """Append one row durably: one write under an exclusive lock, then fsync (safe beside a concurrent refusal).

    If a process was killed in the middle of an earlier append, the file ends without a newline; the new row
    then starts on a line of its own, so only the torn row is lost, never this one.
    """
    history_path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(asdict(record), default=str, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(history_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_runs(history_path: Path) -> list[RunRecord]:
    """Every readable row, oldest first; a torn last line (a process killed mid-write) is skipped."""
    if not history_path.exists():
        return []
    runs = []
    for line in history_path.read_text(encoding="utf-8").splitlines():
        try:
            runs.append(RunRecord.from_dict(json.loads(line)))
        except (ValueError, TypeError):
            continue
    return runs


def last_successful(runs: list[RunRecord]) -> RunRecord | None:
    """The most recent run that published."""
    return next((run for run in reversed(runs) if run.status == "success"), None)


def _timestamp(value: str) -> datetime | None:
    """UTC ISO string to a naive UTC datetime (the warehouse keeps timestamps without time zone)."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except (AttributeError, ValueError):
        return None


def write_history_table(con: duckdb.DuckDBPyConnection, runs: list[RunRecord]) -> None:
    """Replace `ops.nightly_runs` in the open (work) warehouse with the full history."""
    schema, table = HISTORY_TABLE.split(".")
    con.execute(f"create schema if not exists {schema}")
    con.execute(
        f"create or replace table {schema}.{table} ("
        "run_id varchar primary key, started_at timestamp, ended_at timestamp, status varchar, "
        "failing_step varchar, exit_code integer, message varchar, row_counts varchar, "
        "definition_versions varchar, step_seconds varchar, dbt_version varchar, handoff_version varchar)"
    )
    rows = {}
    for run in runs:  # a run id appears once; the later row wins
        rows[run.run_id] = (
            run.run_id,
            _timestamp(run.started_at),
            _timestamp(run.ended_at),
            run.status,
            run.failing_step,
            run.exit_code,
            run.message,
            json.dumps(run.row_counts, sort_keys=True),
            json.dumps(run.definition_versions),
            json.dumps(run.step_seconds, sort_keys=True),
            run.dbt_version,
            run.handoff_version,
        )
    if rows:
        con.executemany(f"insert into {schema}.{table} values ({', '.join('?' * 12)})", list(rows.values()))
