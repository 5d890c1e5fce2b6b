"""Publish: finish the work file, keep it as the build file, and swap the file BI reads onto the published path.

The work file gets the run history, a checkpoint and no open connection; the file BI reads is written from it
(marts only, personal data masked: `bi_file`).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from handoff.dbt import release_duckdb_connections
from handoff.nightly.bi_file import write_bi_file
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


def publish(
    work_file: Path,
    published: Path,
    history: list[RunRecord],
    *,
    aside_dir: Path,
    run_id: str,
    build_file: Path | None = None,
    personal_columns: dict[str, dict[str, str]] | None = None,
) -> dict[str, int]:
    """Finish the work file, write the BI file from it and swap that onto the published path; return its rows.

    With `build_file`, the finished work file is then renamed onto it (the next night's incremental state and the
    analytics engineers' full warehouse); without, the work file is removed once the BI file is written.
    """
    finish_work_file(work_file, history)
    bi_file = aside_dir / f"{run_id}.bi.duckdb"
    aside_dir.mkdir(parents=True, exist_ok=True)
    written = write_bi_file(work_file, bi_file, personal_columns or {})
    fsync_file(bi_file)
    if build_file is not None:
        build_file.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work_file, build_file)
    else:
        work_file.unlink(missing_ok=True)
    swap_into_place(bi_file, published, aside_dir=aside_dir, run_id=run_id)
    return written
