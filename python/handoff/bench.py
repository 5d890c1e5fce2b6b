"""The benchmark: generate N events, a full build, then one day of new and late events and an incremental build.

Each dbt build runs in its own process so its peak memory (the kernel's max RSS for that child) and wall time are
measured alone, as a scheduler would see them. Speed goals live here, never in timed tests. The same steps on
PostgreSQL and Spark (`--target`) are in handoff.bench_engines.

Where a build's time goes, from its own artifacts: the five slowest nodes and the scoring chain's node time (the
summed execution time of the models in SCORING_CHAIN_FOLDERS: classification, daily points, decay, daily scores, MQL
crossings and explanations; the work the lean hand-written DuckDB SQL of DESIGN.md does) from run_results.json and
manifest.json, and the parse from dbt.log (full, or partial when dbt reused the previous build's saved manifest).
The incremental build's data tests read the window the nightly would give them (handoff.nightly.window); its own
`--vars` make dbt parse again, as the nightly's one parse per night does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from handoff.dbt import scheduled_build_command
from handoff.nightly.window import COLUMNS_VAR, NEVER, WEEKDAY_VAR, NightWindow, newest_load_date, plan_window
from handoff.project import ProjectPaths

Progress = Callable[[str], None]
SLOWEST_SHOWN = 5
SCORING_CHAIN_FOLDERS = ("models/intermediate/engagement/", "models/intermediate/scoring/")


@dataclass(frozen=True)
class Step:
    """One measured step."""

    name: str
    wall_seconds: float
    peak_rss_bytes: int
    cpu_seconds: float = 0.0  # user + system of the step's process tree: steadier than wall on a shared machine
    slowest_nodes: tuple[tuple[str, float], ...] = ()  # a dbt step's slowest nodes (name, seconds), slowest first
    load_average: float = 0.0  # the machine's 1-minute load average as the step ended: how shared the cores were
    scoring_chain_seconds: float | None = None  # a dbt step's summed node time of the scoring chain's models
    tests_seconds: float | None = None  # a dbt step's summed node time of its data tests
    parse: str = ""  # a dbt step's parse, as dbt.log tells it: "full 12.3 s" or "partial 1.1 s"


@dataclass
class BenchmarkReport:
    """What the benchmark measured."""

    events: int
    raw_path: Path
    steps: list[Step] = field(default_factory=list)
    target: str = "duckdb"
    note: str = ""  # how the figures were taken where it differs from DuckDB (a server's processes counted)

    def step(self, name: str) -> Step:
        """The step of that name."""
        return next(step for step in self.steps if step.name == name)

    def to_text(self) -> str:
        """A table a person can paste into an issue note."""
        lines = [f"benchmark on {self.target} at {self.events:,} engagement events ({self.raw_path})"]
        if self.note:
            lines.append(f"  ({self.note})")
        lines.append(f"  {'step':<22}{'wall s':>10}{'CPU s':>10}{'peak RSS MiB':>15}{'events/s':>14}{'load':>7}")
        for step in self.steps:
            rate = self.events / step.wall_seconds if step.wall_seconds else 0.0
            lines.append(
                f"  {step.name:<22}{step.wall_seconds:>10.1f}{step.cpu_seconds:>10.1f}"
                f"{step.peak_rss_bytes / 2**20:>15.0f}{rate:>14,.0f}{step.load_average:>7.1f}"
            )
        names = {step.name for step in self.steps}
        if {"full build", "incremental build"} <= names:
            full, incremental = self.step("full build"), self.step("incremental build")
            lines.append(
                f"  incremental / full: {incremental.wall_seconds / full.wall_seconds:.1%} wall, "
                f"{incremental.cpu_seconds / max(full.cpu_seconds, 1e-9):.1%} CPU"
            )
        chained = [step for step in self.steps if step.scoring_chain_seconds is not None]
        if chained:
            lines.append(
                "  scoring chain node time (summed over threads; "
                + ", ".join(folder.removeprefix("models/").rstrip("/") for folder in SCORING_CHAIN_FOLDERS)
                + "): "
                + ", ".join(f"{step.name} {step.scoring_chain_seconds:.1f} s" for step in chained)
            )
        tested = [step for step in self.steps if step.tests_seconds is not None]
        if tested:
            lines.append(
                "  data tests node time (summed over threads): "
                + ", ".join(f"{step.name} {step.tests_seconds:.1f} s" for step in tested)
            )
        parsed = [step for step in self.steps if step.parse]
        if parsed:
            lines.append("  dbt parse: " + "; ".join(f"{step.name}: {step.parse}" for step in parsed))
        for step in self.steps:
            if step.slowest_nodes:
                lines.append(f"  slowest nodes of the {step.name}:")
                lines += [f"    {seconds:>8.1f} s  {name}" for name, seconds in step.slowest_nodes]
        return "\n".join(lines)


def _measured(name: str, command: list[str], env: dict[str, str]) -> Step:
    """Run a child process and read its own wall time and max RSS from wait4."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"benchmark step '{name}' failed with exit code {child.returncode}")
    return Step(name, wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, load_average=os.getloadavg()[0])


def slowest_nodes(run_results: Path, count: int = SLOWEST_SHOWN) -> tuple[tuple[str, float], ...]:
    """The `count` slowest nodes of a dbt invocation (models, tests, seeds), from its run_results.json."""
    if not run_results.exists():
        return ()
    results = json.loads(run_results.read_text()).get("results", [])
    timed = sorted(
        ((_node_label(result["unique_id"]), float(result.get("execution_time") or 0.0)) for result in results),
        key=lambda item: item[1],
        reverse=True,
    )
    return tuple(timed[:count])


def tests_seconds(run_results: Path) -> float | None:
    """Summed execution time of the data tests of one invocation (its run_results.json)."""
    if not run_results.exists():
        return None
    results = json.loads(run_results.read_text()).get("results", [])
    return sum(float(r.get("execution_time") or 0.0) for r in results if r["unique_id"].startswith("test."))


def scoring_chain_seconds(run_results: Path, manifest: Path) -> float | None:
    """Summed execution time of the models in SCORING_CHAIN_FOLDERS, from one invocation's artifacts.

    Summed over dbt's threads, so it is node time, not wall time: comparable across builds and with a lean query.
    """
    if not run_results.exists() or not manifest.exists():
        return None
    nodes = json.loads(manifest.read_text()).get("nodes", {})
    chain = {
        unique_id
        for unique_id, node in nodes.items()
        if node.get("resource_type") == "model" and node.get("original_file_path", "").startswith(SCORING_CHAIN_FOLDERS)
    }
    results = json.loads(run_results.read_text()).get("results", [])
    return sum(float(result.get("execution_time") or 0.0) for result in results if result["unique_id"] in chain)


_LOG_TIME = re.compile(r"^(\d{2}:\d{2}:\d{2}\.\d+) ")


def parse_description(dbt_log: Path) -> str:
    """How the invocation logged in `dbt_log` parsed the project: "full 12.3 s", "partial 1.1 s", "none 0.9 s".

    From dbt's own lines of the log's last invocation (rotated files read first, oldest first): "Running with dbt="
    starts it, "Found N models" ends the parse; dbt says "Starting full parse" or "Partial parsing enabled" (a
    saved manifest reused) or "Unable to do partial parsing" (a full parse), and none of these when it was handed a
    parsed manifest ("none": start-up only).
    """
    rotated = [path for path in dbt_log.parent.glob(f"{dbt_log.name}.*") if path.suffix[1:].isdigit()]
    files = sorted(rotated, key=lambda path: -int(path.suffix[1:])) + ([dbt_log] if dbt_log.exists() else [])
    lines = [line for path in files for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    started = found = None
    kind = "none"
    for line in lines:
        stamp = _LOG_TIME.match(line)
        if stamp and "Running with dbt=" in line:
            started, found, kind = stamp.group(1), None, "none"
        elif "Starting full parse" in line or "Unable to do partial parsing" in line:
            kind = "full"
        elif "Partial parsing enabled" in line:
            kind = "partial"
        elif stamp and started and found is None and re.search(r"\]: Found \d+ models", line):
            found = stamp.group(1)
    if not started or not found:
        return ""
    seconds = (datetime.strptime(found, "%H:%M:%S.%f") - datetime.strptime(started, "%H:%M:%S.%f")).total_seconds()
    return f"{kind} {seconds % 86400:.1f} s"


def profiled(step: Step, target_dir: Path, log_dir: Path) -> Step:
    """A dbt step with where its time went: slowest nodes, scoring chain node time, parse."""
    return replace(
        step,
        slowest_nodes=slowest_nodes(target_dir / "run_results.json"),
        scoring_chain_seconds=scoring_chain_seconds(target_dir / "run_results.json", target_dir / "manifest.json"),
        tests_seconds=tests_seconds(target_dir / "run_results.json"),
        parse=parse_description(log_dir / "dbt.log"),
    )


def night_window(paths: ProjectPaths, warehouse: Path, manifest: Path) -> NightWindow:
    """The window the nightly would test tonight's incremental build with (handoff.nightly.window).

    Any weekday: the benchmark measures an ordinary incremental night, not the full-test weekday's.
    """
    from handoff.sources import project_vars

    variables = {**project_vars(paths.project_dir), WEEKDAY_VAR: NEVER}
    newest = newest_load_date(warehouse, manifest, variables.get(COLUMNS_VAR) or {})
    return plan_window(full_refresh=False, today=date.today(), newest_load=newest, variables=variables)


def clear_artifacts(target_dir: Path) -> None:
    """Remove the previous invocation's results, so a step reads only its own (dbt.log is read for its last run)."""
    (target_dir / "run_results.json").unlink(missing_ok=True)


def _node_label(unique_id: str) -> str:
    """`model.handoff.int_x` -> `int_x (model)`; tests keep their generated name."""
    kind, _, rest = unique_id.partition(".")
    name = rest.split(".")[1] if rest.count(".") >= 1 else rest
    return f"{name} ({kind})"


def run_benchmark(
    *, events: int, seed: int = 42, work_dir: Path | None = None, progress: Progress = print
) -> BenchmarkReport:
    """Generate, full build, append a day, incremental build; each step measured in its own process."""
    paths = ProjectPaths.default().ensure()
    bench_dir = Path(work_dir or paths.data_dir / "bench" / f"{events}").resolve()
    bench_dir.mkdir(parents=True, exist_ok=True)
    raw = bench_dir / "raw.duckdb"
    warehouse = bench_dir / "warehouse.duckdb"
    for stale in (raw, warehouse):
        stale.unlink(missing_ok=True)
    env = {
        **os.environ,
        "HANDOFF_DATA_DIR": str(bench_dir),
        "HANDOFF_RAW": str(raw),
        "HANDOFF_DEV_WAREHOUSE": str(warehouse),
    }
    cli = [sys.executable, "-m", "handoff.cli"]
    report = BenchmarkReport(events=events, raw_path=raw)
    plan = [
        ("generate", [*cli, "generate", "--events", str(events), "--seed", str(seed), "--raw", str(raw)]),
        ("full build", [*cli, "dbt", *scheduled_build_command(full_refresh=True)]),
        ("append one day", [*cli, "generate", "--events", str(events), "--seed", str(seed), "--append-day"]),
        ("incremental build", [*cli, "dbt", *scheduled_build_command(full_refresh=False)]),
    ]
    from handoff.progress import progress_bar

    target_dir, log_dir = bench_dir / "runs" / "dbt" / "target", bench_dir / "runs" / "dbt" / "logs"
    with progress_bar("benchmark", len(plan), unit="steps") as advance:
        for name, command in plan:
            progress(f"{name} ...")
            advance(0, description=f"benchmark: {name}")
            clear_artifacts(target_dir)
            if name == "incremental build":
                window = night_window(paths, warehouse, target_dir / "manifest.json")
                report.note = window.describe()
                command = [*command, "--vars", json.dumps(window.dbt_vars())]
            step = _measured(name, command, env)
            if command[len(cli)] == "dbt":
                step = profiled(step, target_dir, log_dir)
            report.steps.append(step)
            progress(f"{name}: {report.steps[-1].wall_seconds:.1f} s")
            advance()
    return report
