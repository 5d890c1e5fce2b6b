"""The nightly job: rebuild the warehouse on a work copy and publish it atomically, or publish nothing.

The warehouse is rebuilt every night and read all day by BI tools, so a broken or half-built set of marts must
never be published. `run_nightly(paths, ...)` runs, in order:

1. **lock**: `flock` on `<data_dir>/nightly.lock`, non-blocking; a second nightly is refused at once, and the
   lock dies with its holder (even on SIGKILL).
   Then **parse**: `dbt parse` once; freshness and the build are handed its manifest instead of parsing again.
2. **freshness**: `dbt source freshness` (against a scratch file); an error-level stale source stops the run,
   a warn-level one is reported in the outcome's warnings and message.
3. **build**: the published warehouse is copied to `<work_dir>/<run_id>.duckdb` (incremental models keep their
   state; `full_refresh=True` starts from an empty file instead) and `dbt build` runs against that copy. On an
   incremental night the large tables' data tests read the night's window only (handoff.nightly.window).
4. **expectations**: the Great Expectations checkpoint of `handoff.quality` over the work file's marts,
   read-only; a critical failure stops the run, warnings (health bands) are reported.
5. **publish**: the full run history is written into the work file as `ops.nightly_runs`, every DuckDB
   connection to it is closed and its WAL checkpointed, then `os.replace` renames it onto the published path.
   Readers that opened the old file keep reading it whole; readers opening later get the new file whole.
6. **run log**: the run's row is appended to `<runs_dir>/run_history.jsonl`.

Exit codes (`NightlyOutcome.exit_code`; the CLI returns it):

    0  success: the new warehouse is published
    1  unexpected error before the run could start (e.g. the data directory is not writable)
    2  lock: another nightly is running (status "refused"), or the lock file cannot be opened
    3  freshness: a connector is stale beyond its error_after threshold (or freshness could not be checked);
       absent, switched-off and empty tables are "no data" warnings, quiet tables of a live connector warnings
    4  build: a raw table cannot build (handoff.sources), dbt build failed (a model or a test), or the work copy
       could not be made
    5  expectations: a Great Expectations check failed (report under reports/expectations/<run_id>/)
    6  publish: the work file could not be finished or swapped in, or the published file is open for writing by
       another process (a BI client) when the run starts or ends
    7  run log: published, but the row could not be appended to run_history.jsonl

On any failure the published warehouse is byte-for-byte unchanged: it is only ever read (copied) and replaced by
a rename, never opened for writing, so a SIGKILL mid-build cannot damage it either. The failed run's work file
is kept for inspection (its path is in the message) and deleted by the next nightly, which removes every
leftover run file from the work directory once it holds the lock. Each run also writes its own log to
`<runs_dir>/nightly/<run_id>/nightly.log` and dbt's logs beside it (`freshness/logs`, `build/logs`).
"""

from __future__ import annotations

from handoff.nightly.job import run_nightly
from handoff.nightly.lock import LockRefused
from handoff.nightly.outcome import EXIT_CODES, EXIT_SUCCESS, EXIT_UNEXPECTED, NightlyOutcome, Step
from handoff.nightly.runlog import HISTORY_FILE, HISTORY_TABLE, RunRecord, read_runs

__all__ = [
    "EXIT_CODES",
    "EXIT_SUCCESS",
    "EXIT_UNEXPECTED",
    "HISTORY_FILE",
    "HISTORY_TABLE",
    "LockRefused",
    "NightlyOutcome",
    "RunRecord",
    "Step",
    "read_runs",
    "run_nightly",
]
