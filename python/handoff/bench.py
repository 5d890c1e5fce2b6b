"""The benchmark: generate N events, a full build, then one day of new and late events and an incremental build.

Each dbt build runs in its own process so its peak memory (the kernel's max RSS for that child) and wall time are
measured alone, as a scheduler would see them. Speed goals live here, never in timed tests. The same steps on
PostgreSQL and Spark (`--target`) are in handoff.bench_engines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from handoff.dbt import scheduled_build_command
from handoff.project import ProjectPaths

Progress = Callable[[str], None]
SLOWEST_SHOWN = 5


@dataclass(frozen=True)
class Step:
    """One measured step."""

    name: str
    wall_seconds: float
    peak_rss_bytes: int
    cpu_seconds: float = 0.0  # user + system of the step's process tree: steadier than wall on a shared machine
    slowest_nodes: tuple[tuple[str, float], ...] = ()  # a dbt step's slowest nodes (name, seconds), slowest first
    load_average: float = 0.0  # the machine's 1-minute load average as the step ended: how shared the cores were


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
            ratio = self.step("incremental build").wall_seconds / self.step("full build").wall_seconds
            lines.append(f"  incremental / full: {ratio:.1%}")
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

    run_results = bench_dir / "runs" / "dbt" / "target" / "run_results.json"
    with progress_bar("benchmark", len(plan), unit="steps") as advance:
        for name, command in plan:
            progress(f"{name} ...")
            advance(0, description=f"benchmark: {name}")
            run_results.unlink(missing_ok=True)
            step = _measured(name, command, env)
            if command[len(cli)] == "dbt":
                step = replace(step, slowest_nodes=slowest_nodes(run_results))
            report.steps.append(step)
            progress(f"{name}: {report.steps[-1].wall_seconds:.1f} s")
            advance()
    return report
