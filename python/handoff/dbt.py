"""Run dbt in-process with dbtRunner and turn its result into something a person can act on.

Shell strings lose structure; dbtRunner gives the failing nodes and their messages, which the nightly job and
the CLI print as one readable paragraph.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handoff.project import ProjectPaths

FAILED_STATUSES = {"error", "fail", "runtime error"}


@dataclass(frozen=True)
class NodeProblem:
    """One node that failed or warned."""

    unique_id: str
    status: str
    message: str


@dataclass
class DbtResult:
    """What a dbt invocation did."""

    command: list[str]
    success: bool
    elapsed_seconds: float
    log_path: Path
    target_path: Path
    failures: list[NodeProblem] = field(default_factory=list)
    warnings: list[NodeProblem] = field(default_factory=list)
    node_statuses: dict[str, str] = field(default_factory=dict)
    exception: str | None = None
    # what `dbt ls` listed (one entry per resource, in its --output form); empty for other commands
    listed: list[str] = field(default_factory=list)
    manifest: Any = None  # `dbt parse`'s Manifest: later calls of the same run pass it back instead of parsing again

    def describe_failure(self) -> str:
        """One line: the first failing node and its database error, how many more failed, and the full log."""
        if self.success:
            return "dbt succeeded"
        first = self.first_failure()
        if first is None:
            cause = _first_error_line(self.exception or "") or "error"
        else:
            cause = f"{first.unique_id} ({first.status}): {_first_error_line(first.message) or first.status}"
        more = len(self.failures) - 1
        others = f" (and {more} more failed)" if more > 0 else ""
        return f"dbt {self.command_label} failed at {cause}{others}. Full log: {self.log_path}"

    def first_failure(self) -> NodeProblem | None:
        """The root cause among the failures: the first model, seed or snapshot in error, else the first failure.

        A model that cannot build makes its tests and children skip or fail after it; its own error is the why.
        """
        built = [p for p in self.failures if p.unique_id.split(".")[0] in {"model", "seed", "snapshot"}]
        return (built or self.failures or [None])[0]

    @property
    def command_label(self) -> str:
        """The dbt sub-command as a person would say it: `build`, `source freshness`."""
        words = self.command[:2] if self.command[:1] == ["source"] else self.command[:1]
        return " ".join(words)


_ERROR_LINE = re.compile(r"\b(?:[A-Z][A-Za-z]* )?(?:Error|Exception):")
_WRAPPER_LINE = re.compile(r"^(?:Runtime|Database|Compilation) Error in ")


def _first_error_line(message: str) -> str:
    """The database's own words from dbt's message (`Catalog Error: Table with name x does not exist!`).

    dbt wraps them: "Runtime Error in model m (path)" first, the engine's error on a following line.
    """
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    own = [line for line in lines if not _WRAPPER_LINE.match(line)]
    chosen = next((line for line in own if _ERROR_LINE.search(line)), own[0] if own else lines[0] if lines else "")
    return " ".join(chosen.split())


def scheduled_build_command(*, full_refresh: bool) -> list[str]:
    """The `dbt build` of a scheduled night: every model, seed, snapshot and data test, but no unit tests.

    Unit tests check the SQL's logic on fixed inputs, not the night's data: they run in `./handoff test` and CI, and
    dbt's guidance is to leave them out of production builds, where they only cost time on every night.
    """
    command = ["build", "--full-refresh"] if full_refresh else ["build"]
    return [*command, "--exclude-resource-type", "unit_test"]


def dbt_environment(warehouse: Path, raw: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables every dbt call of Handoff runs with: profiles.yml reads the two files from them.

    Both the in-process runner (`run_dbt`) and the nightly's dagster-dbt subprocess use this one mapping, so a
    setting added here reaches every build.
    """
    return {
        "HANDOFF_WAREHOUSE": str(warehouse),
        "HANDOFF_RAW": str(raw),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        **(extra or {}),
    }


@contextlib.contextmanager
def scoped_environ(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for one block, then restore them (dbt, in process or as a child, reads them)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def run_dbt(
    command: Sequence[str],
    *,
    paths: ProjectPaths,
    warehouse: Path,
    raw: Path | None = None,
    run_name: str = "dbt",
    dbt_vars: Mapping[str, Any] | None = None,
    target: str | None = None,
    extra_env: Mapping[str, str] | None = None,
    stream: bool | None = None,
    manifest: Any = None,
) -> DbtResult:
    """Invoke `dbt <command>` on the project against the given warehouse and raw files.

    Each call writes its logs and artifacts under runs/<run_name>/ so concurrent or successive commands never
    overwrite each other's target directory. `manifest` (a `dbt parse` result's, parsed with the same vars) skips
    the parse, which costs seconds to tens of seconds per call on this project. dbt's full log always goes to
    runs/<run_name>/logs/dbt.log (debug level, no colour codes); the console gets it only with `stream` (default:
    HANDOFF_DBT_STREAM=1, which `handoff nightly --verbose` sets), so a scheduled job prints its own steps rather
    than a thousand dbt lines.
    """
    from dbt.cli.main import dbtRunner

    run_dir = paths.runs_dir / run_name
    target_path = run_dir / "target"
    log_path = run_dir / "logs"
    run_dir.mkdir(parents=True, exist_ok=True)
    args = [
        *command,
        "--project-dir",
        str(paths.project_dir),
        "--profiles-dir",
        str(paths.profiles_dir),
        "--target-path",
        str(target_path),
        "--log-path",
        str(log_path),
    ]
    if target:
        args += ["--target", target]
    args += console_log_args(stream)
    dbt_vars = effective_vars(paths, raw or paths.raw_path, dbt_vars, target=target)
    if dbt_vars:
        args += ["--vars", yaml.safe_dump(dict(dbt_vars), default_flow_style=True).strip()]
    started = time.perf_counter()
    with scoped_environ(dbt_environment(warehouse, raw or paths.raw_path, extra_env)):
        try:
            outcome = dbtRunner(manifest=manifest).invoke(args)
        finally:
            # the caller reads, copies or swaps the warehouse next: no cached handle may outlive the call
            release_duckdb_connections()
    elapsed = time.perf_counter() - started
    result = DbtResult(
        command=list(command),
        success=bool(outcome.success),
        elapsed_seconds=elapsed,
        log_path=log_path / "dbt.log",
        target_path=target_path,
        exception=str(outcome.exception) if outcome.exception else None,
    )
    if command[:1] == ["parse"] and outcome.success:
        result.manifest = outcome.result
    if command and command[0] == "ls" and isinstance(outcome.result, list):
        result.listed = [str(entry) for entry in outcome.result]
    else:
        _collect_node_results(result, outcome.result)
    return result


STREAM_ENV = "HANDOFF_DBT_STREAM"


def console_log_args(stream: bool | None) -> list[str]:
    """Dbt's logging flags: the file always at debug without colour; the console only when streaming."""
    if stream is None:
        stream = os.environ.get(STREAM_ENV, "") == "1"
    file_args = ["--log-level-file", "debug", "--no-use-colors-file"]
    if not stream:
        return ["--log-level", "none", *file_args]
    return [*([] if sys.stdout.isatty() else ["--no-use-colors"]), *file_args]


def effective_vars(
    paths: ProjectPaths, raw: Path, dbt_vars: Mapping[str, Any] | None, *, target: str | None = None
) -> dict[str, Any]:
    """The vars every dbt call passes: switches found in the raw data, the settings file, then `dbt_vars` on top.

    One rule for every command (nightly, bench, backtest, calibrate, review, `handoff dbt`): a table the raw
    database lacks switches its features off (handoff.sources), and what the company set explicitly wins.
    """
    from handoff.settings import load_settings
    from handoff.sources import diagnose_raw

    settings = load_settings()
    explicit = {**settings.vars, **dict(dbt_vars or {})}
    diagnosis = diagnose_raw(paths.project_dir, raw, explicit, target=target, settings_file=settings.path)
    return diagnosis.dbt_vars() if diagnosis else explicit


def _collect_node_results(result: DbtResult, execution: Any) -> None:
    """Copy per-node statuses and problems out of dbt's result object, whatever the command."""
    for node_result in getattr(execution, "results", None) or []:
        node = getattr(node_result, "node", None)
        unique_id = getattr(node, "unique_id", None) or str(getattr(node_result, "unique_id", "?"))
        status = str(getattr(node_result, "status", "")).lower()
        message = str(getattr(node_result, "message", "") or "") or _freshness_message(node_result, node)
        result.node_statuses[unique_id] = status
        if status in FAILED_STATUSES:
            result.failures.append(NodeProblem(unique_id, status, message))
        elif status == "warn":
            result.warnings.append(NodeProblem(unique_id, status, message))


def _freshness_message(node_result: Any, node: Any) -> str:
    """Why a source freshness check warned or failed: dbt leaves `message` empty for these results.

    Returns "" for results that are not freshness results, so other commands are unaffected.
    """
    age = getattr(node_result, "age", None)
    if age is None:
        return str(getattr(node_result, "error", "") or "")
    max_loaded_at = getattr(node_result, "max_loaded_at", None)
    newest = f"newest row loaded at {max_loaded_at:%Y-%m-%d %H:%M} UTC, " if max_loaded_at else ""
    limits = []
    threshold = getattr(node, "freshness", None)
    for label in ("warn_after", "error_after"):
        limit = getattr(threshold, label, None)
        if limit:
            period = getattr(limit.period, "value", limit.period)
            limits.append(f"{label.replace('_', ' ')} {limit.count} {period}")
    suffix = f" ({', '.join(limits)})" if limits else ""
    return f"{newest}{float(age) / 3600:.1f} h old{suffix}"


def release_duckdb_connections() -> None:
    """Close the DuckDB database dbt-duckdb keeps cached in this process after an in-process dbt call.

    dbt-duckdb caches its environment (and with it an open DuckDB database) at class level. It closes the
    file when the last handle is released, but a caller that renames, copies or reopens the warehouse file
    with another configuration (the nightly job's atomic swap) must not rely on that: a cached handle would
    keep writing to the renamed inode. Safe to call when dbt-duckdb is not installed or holds nothing.
    """
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    lock = getattr(DuckDBConnectionManager, "_LOCK", None)
    with lock if lock is not None else contextlib.nullcontext():
        environment = getattr(DuckDBConnectionManager, "_ENV", None)
        if environment is not None:
            with contextlib.suppress(Exception):
                environment.close()
            DuckDBConnectionManager._ENV = None
