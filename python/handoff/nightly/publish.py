"""Publish: finish the work file (run history in, WAL checkpointed, every connection closed), then swap it in."""

from __future__ import annotations

from pathlib import Path

import duckdb

from handoff.dbt import release_duckdb_connections
from handoff.nightly.files import fsync_file, swap_into_place, wal_path
from handoff.nightly.runlog import RunRecord, write_history_table


class PublishError(Exception):
    """The work file could not be finished or swapped in; the published warehouse is unchanged."""


def finish_work_file(work_file: Path, history: list[RunRecord]) -> None:
    """Write the full run history into the work file and leave it closed, checkpointed and on disk.

    The connection opened here is the only one: dbt's cached one is released first, GX's were disposed of. If
    anything in this process still held the file, DuckDB would refuse this read-write open (a different
    configuration), and the publish fails rather than renaming a file someone is writing.
    """
    release_duckdb_connections()
    try:
        con = duckdb.connect(str(work_file))
    except duckdb.Error as error:
        raise PublishError(f"cannot open the work file for writing: {error}") from error
    try:
        write_history_table(con, history)
        con.execute("checkpoint")
    finally:
        con.close()
    if wal_path(work_file).exists():
        raise PublishError(f"the work file still has a write-ahead log after checkpoint: {wal_path(work_file)}")
    fsync_file(work_file)


def publish(work_file: Path, published: Path, history: list[RunRecord], *, aside_dir: Path, run_id: str) -> None:
    """Finish the work file and atomically rename it onto the published path."""
    finish_work_file(work_file, history)
    swap_into_place(work_file, published, aside_dir=aside_dir, run_id=run_id)
