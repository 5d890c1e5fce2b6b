"""The nightly job's sequence: lock → freshness → build on a work copy → expectations → publish → run log.

Every step either succeeds or ends the run with its own exit code; whatever happens, the published warehouse is
only ever read (copied) and, at the very end, replaced by a rename. See the package docstring for the contract.

`run_nightly` is the whole sequence in one call. The steps it is made of (`NightlyRun`, `clear_leftovers`,
`plan_tests`, `parse_project`, `check_freshness`, `prepare_work_file`, `record_build_facts`, `check_expectations`,
`success_record`, `publish_work_file`, the `finish_*` recorders, each step wrapped in `timed_step` / `step_timer`) are
public so an orchestrator (`handoff.orchestration`, Dagster) runs this same code one task at a time instead of a
copy of it.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from handoff.dbt import DbtResult, release_duckdb_connections, run_dbt, scheduled_build_command
from handoff.nightly import files
from handoff.nightly.bi_file import personal_data_mode
from handoff.nightly.facts import definition_versions_in_force, mart_row_counts
from handoff.nightly.lock import LockRefused, nightly_lock
from handoff.nightly.outcome import (
    EXIT_CODES,
    EXIT_SUCCESS,
    EXIT_UNEXPECTED,
    FAILED,
    REFUSED,
    SUCCESS,
    NightlyOutcome,
    Step,
)
from handoff.nightly.publish import publish
from handoff.nightly.runlog import HISTORY_FILE, RunRecord, append_run, last_successful, read_runs, versions
from handoff.nightly.window import COLUMNS_VAR, NightWindow, newest_load_date, plan_window
from handoff.personal_data import personal_columns
from handoff.project import ProjectPaths
from handoff.quality.specs import QualityConfig
from handoff.sources import Diagnosis, TableFacts, features_built_empty

Progress = Callable[[str], None]
LOCK_FILE = "nightly.lock"


class StepFailed(Exception):
    """A step decided the run cannot publish; carries the paragraph to show and the log to point at."""

    def __init__(self, step: Step, detail: str, log_path: Path | None = None) -> None:
        super().__init__(detail)
        self.step = step
        self.detail = detail
        self.log_path = log_path


@dataclass
class NightlyRun:
    """The state of one run: its id, files, timings and the notes that end up in the outcome and run log."""

    paths: ProjectPaths
    progress: Progress | None
    run_id: str = field(default_factory=files.new_run_id)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    step_seconds: dict[str, float] = field(default_factory=dict)
    skipped_steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    definition_versions: list[str] = field(default_factory=list)
    report_path: Path | None = None
    work_file: Path | None = None
    diagnosis: Diagnosis | None = None
    manifest_path: Path | None = None  # the build's manifest.json: which inputs each mart has (expectations)
    empty_features: list[str] = field(default_factory=list)  # switches whose staging models came out empty
    window: NightWindow | None = None  # which rows tonight's data tests read (plan_tests)
    manifest: Any = None  # the project parsed once (parse_project); freshness and the build reuse it

    def __post_init__(self) -> None:
        # Resolved once: run_dbt points HANDOFF_WAREHOUSE at the work file while dbt runs.
        self.published = self.paths.warehouse_path
        self.run_dir = self.paths.runs_dir / "nightly" / self.run_id
        self.log_path = self.run_dir / "nightly.log"
        self.history_path = self.paths.runs_dir / HISTORY_FILE

    def say(self, message: str) -> None:
        """Report progress to the caller and keep it in the run's own log."""
        self.log(message)
        if self.progress:
            self.progress(message)

    def log(self, text: str) -> None:
        """Append to runs/nightly/<run_id>/nightly.log (timestamped)."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("a", encoding="utf-8") as handle:
            handle.write(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} {text}\n")

    def record(self, status: str, step: Step | None, exit_code: int, message: str) -> RunRecord:
        """The run as a run-history row."""
        dbt_version, handoff_version = versions()
        return RunRecord(
            run_id=self.run_id,
            started_at=self.started_at.isoformat(timespec="seconds"),
            ended_at=datetime.now(UTC).isoformat(timespec="seconds"),
            status=status,
            failing_step=step.value if step else None,
            exit_code=exit_code,
            message=message,
            row_counts=dict(self.row_counts),
            definition_versions=list(self.definition_versions),
            step_seconds={k: round(v, 3) for k, v in self.step_seconds.items()},
            dbt_version=dbt_version,
            handoff_version=handoff_version,
        )

    def outcome(self, record: RunRecord, log_path: Path | None, work_file: Path | None) -> NightlyOutcome:
        """The run's result for the caller."""
        return NightlyOutcome(
            run_id=self.run_id,
            status=record.status,
            failing_step=record.failing_step,
            message=record.message,
            exit_code=record.exit_code,
            log_path=log_path,
            started_at=self.started_at,
            ended_at=datetime.now(UTC),
            warehouse_path=self.published,
            step_seconds=dict(self.step_seconds),
            skipped_steps=list(self.skipped_steps),
            row_counts=dict(self.row_counts),
            definition_versions=list(self.definition_versions),
            warnings=list(self.warnings),
            work_file=work_file,
            report_path=self.report_path,
            run_log_path=self.history_path,
            empty_features=list(self.empty_features),
        )


def run_nightly(
    paths: ProjectPaths,
    *,
    full_refresh: bool = False,
    dbt_vars: dict | None = None,
    skip_freshness: bool = False,
    skip_expectations: bool = False,
    progress: Callable[[str], None] | None = None,
    quality_config: QualityConfig | None = None,
) -> NightlyOutcome:
    """Rebuild the warehouse on a work copy and publish it atomically, or leave the published one untouched.

    `quality_config` (a `handoff.quality.QualityConfig`) overrides the expectation rules, e.g.
    `DEFAULT_CONFIG.with_overrides(check_row_count_bounds=False)` to accept a deliberate change of scale.
    """
    run = NightlyRun(paths, progress)
    try:
        paths.ensure()
        run.say(f"nightly run {run.run_id}: warehouse {run.published}")
    except OSError as error:
        return _cannot_start(run, error)
    started = time.perf_counter()
    try:
        with nightly_lock(paths.data_dir / LOCK_FILE, run.run_id):
            run.step_seconds[Step.LOCK.value] = time.perf_counter() - started
            try:
                return _run_locked(run, full_refresh, dbt_vars, skip_freshness, skip_expectations, quality_config)
            except Exception as error:  # a bug outside the steps: report it, never publish
                run.log(traceback.format_exc())
                message = (
                    f"Nightly run {run.run_id} failed unexpectedly (exit {EXIT_UNEXPECTED}): "
                    f"{type(error).__name__}: {error}. The published warehouse was not changed: {run.published}. "
                    f"Nightly log: {run.log_path}"
                )
                return finish_unpublished(run, FAILED, None, message, run.log_path, None)
    except LockRefused as refused:
        run.step_seconds[Step.LOCK.value] = time.perf_counter() - started
        return finish_refused(run, refused)
    except OSError as error:  # the lock file itself could not be opened (permissions, missing disk)
        return finish_lock_error(run, error)


def finish_refused(run: NightlyRun, refused: LockRefused) -> NightlyOutcome:
    """Record a run refused because another nightly holds the lock (exit 2; nothing was touched)."""
    message = f"Nightly run {run.run_id} refused (exit {EXIT_CODES[Step.LOCK]}): {refused}"
    return finish_unpublished(run, REFUSED, Step.LOCK, message, run.log_path, None)


def finish_lock_error(run: NightlyRun, error: OSError) -> NightlyOutcome:
    """Record a run whose lock file could not be opened (exit 2; nothing was touched)."""
    message = f"Nightly run {run.run_id} failed at step 'lock' (exit {EXIT_CODES[Step.LOCK]}): {error}"
    return finish_unpublished(run, FAILED, Step.LOCK, message, run.log_path, None)


def _run_locked(
    run: NightlyRun,
    full_refresh: bool,
    dbt_vars: Mapping[str, Any] | None,
    skip_freshness: bool,
    skip_expectations: bool,
    quality_config: QualityConfig | None,
) -> NightlyOutcome:
    """The steps after the lock; any StepFailed ends the run without touching the published file."""
    clear_leftovers(run)
    try:
        parse_project(run, dbt_vars)
        timed_step(run, Step.FRESHNESS, skip_freshness, lambda: check_freshness(run, dbt_vars))
        timed_step(run, Step.BUILD, False, lambda: _build(run, full_refresh, dbt_vars))
        timed_step(run, Step.EXPECTATIONS, skip_expectations, lambda: check_expectations(run, quality_config))
        success = success_record(run)
        timed_step(run, Step.PUBLISH, False, lambda: publish_work_file(run, success))
    except StepFailed as failed:
        return finish_failed(run, failed)
    return finish_published(run, success)


def clear_leftovers(run: NightlyRun) -> None:
    """Delete earlier runs' work files; only ever called while holding the lock (see `files.remove_leftovers`)."""
    for leftover in files.remove_leftovers(run.paths.work_dir):
        run.say(f"removed a previous run's leftover {leftover.name}")


def timed_step(run: NightlyRun, step: Step, skip: bool, action: Callable[[], None]) -> None:
    """Run one step (or note it as skipped), timed, with any unexpected error turned into that step's failure."""
    if skip:
        run.skipped_steps.append(step.value)
        run.say(f"{step}: skipped")
        return
    with step_timer(run, step):
        action()


@contextlib.contextmanager
def step_timer(run: NightlyRun, step: Step) -> Iterator[None]:
    """Time the block as `step` and turn any unexpected error in it into that step's failure (traceback logged).

    A step run in several parts (an orchestrator's tasks) adds up its time under the one step name.
    """
    started = time.perf_counter()
    try:
        yield
    except StepFailed:
        raise
    except (Exception, SystemExit) as error:  # a library calling sys.exit() mid-step must not look like success
        run.log(traceback.format_exc())
        raise StepFailed(step, f"{type(error).__name__}: {error}", run.log_path) from error
    finally:
        run.step_seconds[step.value] = run.step_seconds.get(step.value, 0.0) + time.perf_counter() - started
        release_duckdb_connections()


def plan_tests(run: NightlyRun, full_refresh: bool, dbt_vars: Mapping[str, Any] | None) -> dict[str, Any]:
    """Decide which rows tonight's data tests read (handoff.nightly.window), say it, and return the build's vars.

    Called once the work file holds the previous build: the window starts from the newest load it holds. The window
    var is read when the tests compile, not when the project parses, so the parsed manifest stays valid.
    """
    from handoff.settings import load_settings
    from handoff.sources import project_vars

    assert run.work_file is not None
    variables = {**project_vars(run.paths.project_dir), **load_settings().vars, **dict(dbt_vars or {})}
    newest = None
    if not full_refresh and run.manifest_path is not None:
        newest = newest_load_date(run.work_file, run.manifest_path, variables.get(COLUMNS_VAR) or {})
    run.window = plan_window(
        full_refresh=full_refresh, today=run.started_at.date(), newest_load=newest, variables=variables
    )
    run.say(run.window.describe())
    return {**dict(dbt_vars or {}), **run.window.dbt_vars()}


def parse_project(run: NightlyRun, dbt_vars: Mapping[str, Any] | None) -> None:
    """Parse the dbt project once for the whole run: freshness and the build are handed its manifest.

    Each dbt call parses the project on its own otherwise (8 to 30 s here, more under load), and dbt's partial
    parsing cannot help across them: the calls point at different warehouse files, which dbt treats as a changed
    profile. The parse targets the work file's path (its name is the database name models compile to).
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        result = run_dbt(
            ["parse"],
            paths=run.paths,
            warehouse=files.work_file_for(run.paths.work_dir, run.run_id),
            run_name=f"nightly/{run.run_id}/parse",
            dbt_vars=dbt_vars,
        )
    except Exception as error:  # a broken project cannot build: the build step's failure
        run.log(traceback.format_exc())
        raise StepFailed(Step.BUILD, f"dbt parse: {type(error).__name__}: {error}", run.log_path) from error
    finally:
        run.step_seconds["parse"] = time.perf_counter() - started
        release_duckdb_connections()
    if not result.success or result.manifest is None:
        raise StepFailed(Step.BUILD, result.describe_failure(), result.log_path)
    run.manifest = result.manifest
    run.manifest_path = result.target_path / "manifest.json"
    cpu = time.process_time() - cpu_started  # steadier than wall time on a shared machine
    run.say(
        f"parse: project parsed once in {run.step_seconds['parse']:.1f} s ({cpu:.1f} s CPU); "
        "freshness and the build reuse it"
    )


def diagnose_sources(run: NightlyRun, dbt_vars: Mapping[str, Any] | None) -> Diagnosis | None:
    """What the raw data holds (handoff.sources), said once per run: the switches found and what stops a build."""
    from handoff.dbt import effective_vars
    from handoff.settings import load_settings
    from handoff.sources import diagnose_raw

    if run.diagnosis is None:
        settings = load_settings()
        explicit = {**settings.vars, **dict(dbt_vars or {})}
        run.diagnosis = diagnose_raw(run.paths.project_dir, run.paths.raw_path, explicit, settings_file=settings.path)
        notice = run.diagnosis.switch_notice() if run.diagnosis else None
        if notice:
            run.say(notice)
        effective_vars(run.paths, run.paths.raw_path, dbt_vars)  # same facts as every dbt call of this run
    return run.diagnosis


def _no_data_notes(tables: Sequence[TableFacts]) -> list[str]:
    """One warning per table without a load time to measure; one per source when all its tables say the same.

    A company without Marketo has fourteen absent Marketo tables: one line says so, not fourteen.
    """
    notes: list[str] = []
    by_source: dict[str, list[TableFacts]] = {}
    for facts in tables:
        by_source.setdefault(facts.table.source, []).append(facts)
    for source, members in by_source.items():
        reasons = {facts.no_data_reason for facts in members}
        if len(members) > 1 and len(reasons) == 1 and None not in reasons:
            names = ", ".join(facts.table.name for facts in members)
            notes.append(f"source {source}.*: no data ({reasons.pop()}) in all {len(members)} tables: {names}")
            continue
        for facts in members:
            if facts.no_data_reason:
                notes.append(f"source {facts.table.key}: no data ({facts.no_data_reason})")
            elif facts.has_thresholds and not facts.has_load_time:
                notes.append(
                    f"source {facts.table.key}: no load time to measure (no column {facts.table.loaded_at_field})"
                )
    return notes


def check_freshness(run: NightlyRun, dbt_vars: Mapping[str, Any] | None) -> None:
    """Source freshness from the facts of handoff.sources, measured by `dbt source freshness` where there is data.

    An absent, switched-off or empty table has no load time to measure: it is reported as "no data" (a warning).
    Tables holding rows go through `dbt source freshness` (against a scratch DuckDB file, away from the published
    file and the work copy); an error-level stale table stops the run unless it is only quiet (its connector
    loaded other tables in time: see `handoff.sources.TableFacts.freshness`), which is a warning.
    """
    diagnosis = diagnose_sources(run, dbt_vars)
    checked = [f for f in diagnosis.tables if f.freshness_measurable] if diagnosis else None
    if diagnosis:
        for note in _no_data_notes(diagnosis.tables):
            run.warnings.append(note)
            run.say(f"freshness: {note}")
        if not checked:
            run.say("freshness: no source table holds data to measure")
            return
    select = ["--select", *(f"source:{f.table.key}" for f in checked)] if checked else []
    scratch = run.paths.work_dir / f"{run.run_id}.freshness.duckdb"
    run.say("freshness: dbt source freshness")
    try:
        result = run_dbt(
            ["source", "freshness", *select],
            paths=run.paths,
            warehouse=scratch,
            run_name=f"nightly/{run.run_id}/freshness",
            dbt_vars=dbt_vars,
            manifest=run.manifest,
        )
    finally:
        release_duckdb_connections()
        for path in (scratch, files.wal_path(scratch)):
            path.unlink(missing_ok=True)
    quiet = {f"source.{f.table.key}" for f in checked or [] if f.is_quiet}
    stale = [p for p in result.failures if not _is_quiet(p.unique_id, quiet)]
    for problem in [*result.warnings, *(p for p in result.failures if _is_quiet(p.unique_id, quiet))]:
        kind = "quiet table, its connector loaded other tables in time" if problem.status != "warn" else "warn"
        note = f"source {_source_name(problem.unique_id)} is stale ({kind}): {problem.message}"
        run.warnings.append(note)
        run.say(f"freshness: {note}")
    if stale or (result.failures == [] and not result.success):
        result.failures = stale
        raise StepFailed(Step.FRESHNESS, result.describe_failure(), result.log_path)
    warned = len(result.warnings) + len(result.failures) - len(stale)
    run.say(f"freshness: {len(result.node_statuses)} source tables checked, {warned} stale (warn)")


def _is_quiet(unique_id: str, quiet: set[str]) -> bool:
    """`source.<project>.salesforce.account` is among the quiet `source.salesforce.account`."""
    parts = unique_id.split(".")
    return len(parts) > 3 and f"source.{'.'.join(parts[2:])}" in quiet


def check_sources_can_build(run: NightlyRun, dbt_vars: Mapping[str, Any] | None) -> None:
    """Stop before building when the raw data cannot build: one line naming the table (and column)."""
    diagnosis = diagnose_sources(run, dbt_vars)
    if diagnosis and diagnosis.problems:
        raise StepFailed(Step.BUILD, f"{diagnosis.problems[0]} (handoff doctor lists every problem)")


def _build(run: NightlyRun, full_refresh: bool, dbt_vars: Mapping[str, Any] | None) -> None:
    """`dbt build` on a copy of the published warehouse (a fresh file on --full-refresh)."""
    check_sources_can_build(run, dbt_vars)
    prepare_work_file(run, full_refresh)
    dbt_vars = plan_tests(run, full_refresh, dbt_vars)
    command = scheduled_build_command(full_refresh=full_refresh)
    dbt_log = run.paths.runs_dir / "nightly" / run.run_id / "build" / "logs" / "dbt.log"
    run.say(f"build: dbt {' '.join(command)} (full log: {dbt_log})")
    result: DbtResult = run_dbt(
        command,
        paths=run.paths,
        warehouse=run.work_file,
        run_name=f"nightly/{run.run_id}/build",
        dbt_vars=dbt_vars,
        manifest=run.manifest,
    )
    release_duckdb_connections()
    run.manifest_path = result.target_path / "manifest.json"
    if not result.success:
        raise StepFailed(Step.BUILD, result.describe_failure(), result.log_path)
    for problem in result.warnings:
        run.warnings.append(f"dbt warned: {problem.unique_id}: {problem.message.strip().splitlines()[0]}")
    record_build_facts(run, nodes=len(result.node_statuses), seconds=result.elapsed_seconds)


def prepare_work_file(run: NightlyRun, full_refresh: bool) -> Path:
    """Make the run's work file: a copy of the last build file, or nothing yet on a full refresh.

    dbt then builds into this file only. The build file (everything dbt built last time) carries the incremental
    state; a site published before the build file existed starts from its published warehouse instead.
    """
    run.work_file = files.work_file_for(run.paths.work_dir, run.run_id)
    if full_refresh:
        run.say(f"build: full refresh into a new work file {run.work_file.name}")
    else:
        build_file = run.paths.build_warehouse_path
        source = build_file if build_file.exists() else run.published
        try:
            copied = files.copy_published(source, run.work_file)
        except files.PublishedInUse as error:  # a BI client writing to it: it cannot be replaced tonight either
            raise StepFailed(Step.PUBLISH, str(error)) from error
        what = f"copied {source.name} ({copied / 1e6:,.1f} MB)" if copied else "nothing built yet"
        run.say(f"build: {what} -> {run.work_file}")
    return run.work_file


def record_build_facts(run: NightlyRun, *, nodes: int, seconds: float) -> None:
    """After a successful build: the mart row counts and definition versions the run log and expectations use."""
    assert run.work_file is not None
    if run.diagnosis:
        run.empty_features = features_built_empty(run.work_file, run.diagnosis.features)
        predicted = {feature.switch for feature in run.diagnosis.features_without_data}
        without_data = [switch for switch in run.empty_features if switch in predicted]
        # raw rows were there, but none could be trusted: the quality marts say why, row by row
        all_quarantined = [switch for switch in run.empty_features if switch not in predicted]
        if without_data:
            run.say(f"build: features without data (built empty): {', '.join(without_data)}")
        if all_quarantined:
            run.say(
                f"build: features built empty although their tables have rows (every row quarantined; "
                f"see marts.fct_quarantined_rows): {', '.join(all_quarantined)}"
            )
    run.row_counts = mart_row_counts(run.work_file)
    run.definition_versions = definition_versions_in_force(run.work_file)
    run.say(
        f"build: {nodes} nodes in {seconds:.0f} s; "
        f"{len(run.row_counts)} mart relations, {sum(run.row_counts.values()):,} rows; "
        f"definition versions in force: {', '.join(run.definition_versions) or 'none'}"
    )


def check_expectations(run: NightlyRun, quality_config: QualityConfig | None) -> None:
    """The GX checkpoint over the work file's marts (read-only); critical failures stop the publish."""
    from handoff.quality import DEFAULT_CONFIG, run_expectations

    assert run.work_file is not None
    previous = last_successful(read_runs(run.history_path))
    baseline = previous.row_counts if previous else None
    run.say(
        "expectations: Great Expectations checkpoint over the work file"
        + (f" (row counts bounded by run {previous.run_id})" if previous else " (first run: no row-count bounds)")
    )
    outcome = run_expectations(
        run.work_file,
        run_id=run.run_id,
        reports_dir=run.paths.reports_dir,
        baseline=baseline,
        config=quality_config or DEFAULT_CONFIG,
        manifest=run.manifest_path,
    )
    run.report_path = outcome.html_path
    for warning in outcome.warnings:
        run.warnings.append(f"expectation warning: {warning.describe()}")
    run.say(f"expectations: {outcome.describe()}")
    if not outcome.success:
        raise StepFailed(Step.EXPECTATIONS, f"expectations failed: {outcome.describe()}", outcome.html_path)


def success_record(run: NightlyRun) -> RunRecord:
    """The row this run will carry into the new warehouse (written before the swap, so it is in the file)."""
    total = sum(run.row_counts.values())
    warnings = f" Warnings: {'; '.join(run.warnings)}." if run.warnings else ""
    skipped = f" Skipped: {', '.join(run.skipped_steps)}." if run.skipped_steps else ""
    tested = f" T{run.window.describe()[1:]}." if run.window else ""
    elapsed = (datetime.now(UTC) - run.started_at).total_seconds()
    message = (
        f"Nightly run {run.run_id} published {run.published} after {elapsed:.0f} s: "
        f"{len(run.row_counts)} mart relations, {total:,} rows; definition versions in force: "
        f"{', '.join(run.definition_versions) or 'none'}.{tested}{warnings}{skipped}"
        + (f" Expectations report: {run.report_path}." if run.report_path else "")
        + f" Run log: {run.history_path}"
    )
    return run.record(SUCCESS, None, EXIT_SUCCESS, message)


def publish_work_file(run: NightlyRun, record: RunRecord) -> None:
    """Finish the work file with the full history (this run included) and swap it onto the published path."""
    assert run.work_file is not None
    history = [*read_runs(run.history_path), record]
    run.say(f"publish: run history ({len(history)} rows) into ops.nightly_runs, checkpoint, swap onto {run.published}")
    try:
        written = publish(
            run.work_file,
            run.published,
            history,
            aside_dir=run.paths.work_dir,
            run_id=run.run_id,
            build_file=run.paths.build_warehouse_path,
            personal_columns=personal_columns(run.paths.project_dir),
        )
    except files.PublishedInUse as error:
        raise StepFailed(Step.PUBLISH, str(error)) from error
    run.say(
        f"publish: done; BI reads {len(written)} relations (marts and ops only, personal data {personal_data_mode()}); "
        f"the full build is kept in {run.paths.build_warehouse_path}"
    )


def finish_published(run: NightlyRun, record: RunRecord) -> NightlyOutcome:
    """Append the success row to the durable history; a failure here is reported (exit 7), not hidden."""
    started = time.perf_counter()
    try:
        append_run(run.history_path, record)
    except OSError as error:
        run.step_seconds[Step.RUN_LOG.value] = time.perf_counter() - started
        record.status, record.failing_step = FAILED, Step.RUN_LOG.value
        record.exit_code = EXIT_CODES[Step.RUN_LOG]
        record.message = (
            f"Nightly run {run.run_id} published {run.published}, but its row could not be appended to "
            f"{run.history_path} (exit {record.exit_code}): {error}. The warehouse's ops.nightly_runs has it."
        )
        run.say(record.message)
        return run.outcome(record, run.log_path, None)
    run.step_seconds[Step.RUN_LOG.value] = time.perf_counter() - started
    run.say(record.message)
    return run.outcome(record, run.log_path, None)


def finish_failed(run: NightlyRun, failed: StepFailed) -> NightlyOutcome:
    """Record a step's failure: one paragraph naming the step, the published file (unchanged) and the logs."""
    message = (
        f"Nightly run {run.run_id} failed at step '{failed.step}' (exit {EXIT_CODES[failed.step]}): "
        f"{failed.detail.rstrip('.')}. The published warehouse was not changed: {run.published}."
    )
    if run.work_file and run.work_file.exists():
        message += f" Work file kept for inspection until the next run: {run.work_file}."
    if failed.log_path and failed.log_path != run.log_path and str(failed.log_path) not in failed.detail:
        message += f" Full log: {failed.log_path}."
    message += f" Nightly log: {run.log_path}"
    work_file = run.work_file if run.work_file and run.work_file.exists() else None
    return finish_unpublished(run, FAILED, failed.step, message, failed.log_path or run.log_path, work_file)


def finish_unpublished(
    run: NightlyRun, status: str, step: Step | None, message: str, log_path: Path | None, work_file: Path | None
) -> NightlyOutcome:
    """Record a run that did not publish (the jsonl only; the warehouse is not touched)."""
    record = run.record(status, step, EXIT_CODES[step] if step else EXIT_UNEXPECTED, message)
    try:
        append_run(run.history_path, record)
    except OSError as error:
        record.message += f" (The run history could not be written: {error}.)"
    run.say(record.message)
    return run.outcome(record, log_path, work_file)


def _cannot_start(run: NightlyRun, error: OSError) -> NightlyOutcome:
    """The data directories cannot be created: nothing can be locked, logged or built (exit 1)."""
    message = (
        f"Nightly run {run.run_id} could not start (exit {EXIT_UNEXPECTED}): {error}. "
        f"Nothing was changed: {run.published}"
    )
    if run.progress:
        run.progress(message)
    record = run.record(FAILED, None, EXIT_UNEXPECTED, message)
    return run.outcome(record, None, None)


def _source_name(unique_id: str) -> str:
    """`source.handoff.salesforce.lead` -> `salesforce.lead`."""
    parts = unique_id.split(".")
    return ".".join(parts[2:]) if len(parts) > 2 else unique_id
