"""One nightly at a time: an OS-level lock (`flock`) on `<data_dir>/nightly.lock`, never waited for.

`flock` belongs to the open file, so the kernel releases it when the holder exits for any reason, SIGKILL
included: there is no stale lock to clean up by hand. The file itself is never deleted (deleting it would let
two processes lock two different inodes); it only carries the holder's run id and pid for the refusal message.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path


class LockRefused(Exception):
    """Another nightly holds the lock; this run must change nothing."""


def _holder(fd: int) -> str:
    """Who holds the lock, as far as the file says (it may be mid-write: then "unknown")."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "holder unknown"
    return f"run {info.get('run_id', '?')}, pid {info.get('pid', '?')}, started {info.get('started_at', '?')}"


@contextlib.contextmanager
def nightly_lock(lock_path: Path, run_id: str) -> Iterator[None]:
    """Hold the nightly lock for the duration of the block, or raise LockRefused at once."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockRefused(
                f"another nightly is already running ({_holder(fd)}; lock file {lock_path}). "
                "This run was refused and changed nothing; the running one will publish when it finishes."
            ) from None
        holder = {"run_id": run_id, "pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(holder).encode("utf-8"))
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
