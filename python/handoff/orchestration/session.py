"""One nightly run driven step by step from outside (by Dagster's assets), with the nightly's own functions.

`handoff.nightly.run_nightly` runs its steps in one call; an orchestrator runs them as separate tasks. This class
is what ties those tasks into one run: it holds the nightly lock from `start()` until `close()`, remembers which
steps passed, and refuses to publish a work file that was not built in full and checked in this same session.
It knows nothing of Dagster, so its rules can be read (and tested) on their own.

Every failure is recorded exactly as the CLI records it (`finish_failed` & co.: a run-history row with the failing
step and its exit code, one paragraph naming what failed) and then raised as `NightlyFailed`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from handoff.dbt import effective_vars, release_duckdb_connections
from handoff.nightly.job import (
    LOCK_FILE,
    NightlyRun,
    StepFailed,
    check_expectations,
    check_freshness,
    check_sources_can_build,
    clear_leftovers,
    finish_failed,
    finish_lock_error,
    finish_published,
    finish_refused,
    prepare_work_file,
    publish_work_file,
    record_build_facts,
    step_timer,
    success_record,
    timed_step,
)
from handoff.nightly.lock import LockRefused, nightly_lock
from handoff.nightly.outcome import EXIT_UNEXPECTED, NightlyOutcome, Step
from handoff.project import ProjectPaths
from handoff.quality.specs import QualityConfig


class NightlyFailed(Exception):
    """A step ended the run without publishing; `message` is the paragraph the run history also holds."""

    def __init__(self, message: str, outcome: NightlyOutcome | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome


class NightlySession:
    """The state of one nightly run whose steps are called one by one."""

    def __init__(self, paths: ProjectPaths, progress: Callable[[str], None] | None = None) -> None:
        self.paths = paths
        self.progress = progress
        self.run: NightlyRun | None = None
        self.full_refresh = False
        self.dbt_vars: dict[str, Any] = {}
        self.built = False  # the whole dbt project was built, every error-severity test passed
        self.checked = False  # the expectations passed (or were skipped on request, as `--skip-expectations`)
        self.outcome: NightlyOutcome | None = None
        self._lock = contextlib.ExitStack()

    # -- the steps, in order --------------------------------------------------------------------------------

    def start(self, *, full_refresh: bool, skip_freshness: bool, dbt_vars: Mapping[str, Any] | None) -> Path:
        """Lock, clear earlier runs' leftovers, check freshness and make the work file; return its path."""
        if self.run is not None:
            raise RuntimeError("this session has already started a nightly run")
        run = NightlyRun(self.paths, self.progress)
        try:
            self.paths.ensure()
            run.say(f"nightly run {run.run_id}: warehouse {run.published}")
        except OSError as error:
            raise NightlyFailed(
                f"Nightly run {run.run_id} could not start (exit {EXIT_UNEXPECTED}): {error}. "
                f"Nothing was changed: {run.published}"
            ) from error
        self._take_lock(run)
        self.run = run
        # the switches found in the raw data, the settings file and --vars: what dagster-dbt's build passes too
        self.full_refresh = full_refresh
        self.dbt_vars = effective_vars(self.paths, self.paths.raw_path, dbt_vars)
        clear_leftovers(run)

        def make_work_file() -> None:
            check_sources_can_build(run, self.dbt_vars)
            prepare_work_file(run, full_refresh)

        self._step(Step.FRESHNESS, lambda: check_freshness(run, self.dbt_vars), skip=skip_freshness)
        self._step(Step.BUILD, make_work_file)
        assert run.work_file is not None
        return run.work_file

    @contextlib.contextmanager
    def building(self) -> Iterator[NightlyRun]:
        """The block that runs `dbt build` into the work file, timed and failed as the nightly's build step.

        The caller reports the result with `build_passed` (inside the block) or raises `StepFailed`.
        """
        run = self._require(work_file=True)
        with self._recorded(), step_timer(run, Step.BUILD):
            yield run

    def build_passed(self, *, nodes: int, seconds: float, warnings: list[str], complete: bool) -> None:
        """The dbt build succeeded: note the built file's facts; only a `complete` build (no subset) may publish."""
        run = self._require(work_file=True)
        run.warnings.extend(warnings)
        record_build_facts(run, nodes=nodes, seconds=seconds)
        self.built = complete
        if not complete:
            run.say("build: a subset of the dbt project was built; this run will not publish")

    def check(self, *, skip: bool, quality_config: QualityConfig | None) -> None:
        """The Great Expectations checkpoint over the work file (or a recorded skip)."""
        run = self._require(work_file=True)
        if not self.built:
            self._fail(Step.BUILD, "the dbt build did not run in full in this run, so there is nothing to check")
        self._step(Step.EXPECTATIONS, lambda: check_expectations(run, quality_config), skip=skip)
        self.checked = True

    def publish(self) -> NightlyOutcome:
        """Swap the work file in and append the run's row: only after a full build and the expectations."""
        run = self._require(work_file=True)
        if not self.built:
            self._fail(Step.BUILD, "the dbt build did not run in full in this run; only a full build is published")
        if not self.checked:
            self._fail(Step.EXPECTATIONS, "the expectations did not run in this run; nothing unchecked is published")
        record = success_record(run)
        self._step(Step.PUBLISH, lambda: publish_work_file(run, record))
        self.outcome = finish_published(run, record)
        return self.outcome

    def close(self) -> None:
        """End the session: record a run that stopped before publishing, then release the lock."""
        try:
            if self.run is not None and self.outcome is None:
                steps = ((Step.BUILD, self.built), (Step.EXPECTATIONS, self.checked), (Step.PUBLISH, False))
                missing = next(step for step, done in steps if not done)
                detail = (
                    "the run ended before this step ran (a partial selection of the nightly's assets, or a "
                    "cancelled run); only a run of the whole handoff_nightly job publishes"
                )
                self.outcome = finish_failed(self.run, StepFailed(missing, detail))
        finally:
            release_duckdb_connections()
            self._lock.close()

    # -- helpers ---------------------------------------------------------------------------------------------

    def _step(self, step: Step, action: Callable[[], None], *, skip: bool = False) -> None:
        """Run one of the nightly's steps through `timed_step`; a failure is recorded and raised."""
        run = self._require()
        with self._recorded():
            timed_step(run, step, skip, action)

    @contextlib.contextmanager
    def _recorded(self) -> Iterator[None]:
        """Turn a step's failure into the nightly's run-history row and a `NightlyFailed`."""
        run = self._require()
        try:
            yield
        except StepFailed as failed:
            self.outcome = finish_failed(run, failed)
            raise NightlyFailed(self.outcome.message, self.outcome) from failed

    def _fail(self, step: Step, detail: str) -> None:
        """Record the run as failed at `step` (the published warehouse untouched) and raise."""
        with self._recorded():
            raise StepFailed(step, detail)

    def _take_lock(self, run: NightlyRun) -> None:
        """The nightly's lock, held until `close()`; a refusal is recorded as the CLI records it (exit 2)."""
        started = time.perf_counter()
        try:
            self._lock.enter_context(nightly_lock(self.paths.data_dir / LOCK_FILE, run.run_id))
        except LockRefused as refused:
            run.step_seconds[Step.LOCK.value] = time.perf_counter() - started
            outcome = finish_refused(run, refused)
            raise NightlyFailed(outcome.message, outcome) from refused
        except OSError as error:
            outcome = finish_lock_error(run, error)
            raise NightlyFailed(outcome.message, outcome) from error
        run.step_seconds[Step.LOCK.value] = time.perf_counter() - started

    def _require(self, *, work_file: bool = False) -> NightlyRun:
        """The started run (with its work file): a step asked for out of order is a usage error."""
        if self.run is None:
            raise NightlyFailed(
                "No nightly run was started in this Dagster run: the work_copy asset takes the lock and makes "
                "the work file, and every later step needs it. Materialise the handoff_nightly job."
            )
        if work_file and (self.run.work_file is None or self.outcome is not None):
            raise NightlyFailed(f"Nightly run {self.run.run_id} has no work file to use (it already ended).")
        return self.run
