"""The warehouse files: the published one (only ever read, copied and replaced) and the run's work copy.

The published file is never opened for writing by the nightly job. While copying it and while swapping the new
one in, the job holds it open read-only: DuckDB then refuses any writer for that moment (a manual `dbt run`
against the published file, say), so the copy is consistent and no writer can be mid-transaction on the file
being replaced. BI readers also open it read-only, so they are never blocked by the job.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb


class PublishedInUse(Exception):
    """Another process has the published warehouse open for writing."""


# Run ids sort by start time and name every file a run leaves: 20261123T020000Z-3f9a1c
_RUN_FILE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6}\.")


def new_run_id(now: datetime | None = None) -> str:
    """A run id: UTC start time plus a random suffix (two runs in one second still differ)."""
    return f"{(now or datetime.now(UTC)):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def wal_path(database: Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return database.with_name(database.name + ".wal")


def work_file_for(work_dir: Path, run_id: str) -> Path:
    """Where a run builds: `<work_dir>/<run_id>.duckdb`."""
    return work_dir / f"{run_id}.duckdb"


def remove_leftovers(work_dir: Path) -> list[Path]:
    """Delete what earlier runs left in the work directory (failed runs' work files, killed runs' halves).

    Only called while holding the nightly lock, so no other run can be using them; only files named after a
    run id are touched (other commands may use the work directory too). Returns what was removed.
    """
    removed = []
    if work_dir.is_dir():
        for path in sorted(work_dir.iterdir()):
            if path.is_file() and _RUN_FILE.match(path.name):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


@contextlib.contextmanager
def hold_published_read_only(published: Path) -> Iterator[None]:
    """Hold the published file open read-only (or do nothing if it does not exist yet).

    Raises PublishedInUse when a writer holds it: copying it then could capture a half-written state, and
    replacing it would leave that writer writing to an unlinked file (and its WAL beside the new one).
    """
    if not published.exists():
        yield
        return
    try:
        con = duckdb.connect(str(published), read_only=True)
    except duckdb.Error as error:
        raise PublishedInUse(
            f"the published warehouse {published} is open for writing by another process "
            f"(only BI readers, read-only, should use it): {str(error).splitlines()[0]}"
        ) from error
    try:
        yield
    finally:
        con.close()


def copy_published(published: Path, work_file: Path) -> int:
    """Copy the published warehouse (and a leftover WAL, if any) to the work file; return the bytes copied.

    Incremental models keep their state this way. Returns 0 when nothing is published yet.
    """
    work_file.parent.mkdir(parents=True, exist_ok=True)
    with hold_published_read_only(published):
        if not published.exists():
            return 0
        shutil.copyfile(published, work_file)
        copied = work_file.stat().st_size
        if wal_path(published).exists():
            shutil.copyfile(wal_path(published), wal_path(work_file))
            copied += wal_path(work_file).stat().st_size
    return copied


def fsync_file(path: Path) -> None:
    """Flush a file's data to disk (so a rename never exposes a file whose blocks are not written yet)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry change (the rename) to disk."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap_into_place(work_file: Path, published: Path, *, aside_dir: Path, run_id: str) -> None:
    """Atomically replace the published warehouse with the finished work file.

    Readers that opened the old file keep reading its inode, whole; readers opening after the rename get the
    new file, whole. A WAL left beside the old file (a writer that crashed) is moved aside first: it belongs to
    the old file and must never be replayed into the new one. When the work directory is on another file system
    (HANDOFF_WAREHOUSE elsewhere), the file is first copied beside the published one, then renamed.
    """
    published.parent.mkdir(parents=True, exist_ok=True)
    with hold_published_read_only(published):
        stale_wal = wal_path(published)
        if stale_wal.exists():
            aside_dir.mkdir(parents=True, exist_ok=True)
            os.replace(stale_wal, aside_dir / f"{run_id}.replaced-{published.name}.wal")
        try:
            os.replace(work_file, published)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            staged = published.with_name(f".{published.name}.{run_id}.incoming")
            shutil.copyfile(work_file, staged)
            fsync_file(staged)
            os.replace(staged, published)
            work_file.unlink(missing_ok=True)
    # The swap has happened: from here on nothing may report the publish as failed. Flushing the directory
    # entry only matters for a power cut, so a file system that refuses it is not an error.
    with contextlib.suppress(OSError):
        fsync_dir(published.parent)
