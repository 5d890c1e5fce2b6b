"""The benchmark on PostgreSQL and Spark, beside DuckDB: the same steps, the same table, and the key marts compared.

`handoff bench --target postgres --target spark --preset demo` generates one raw file, starts each throwaway engine
as the test suite does (handoff.engines: a PostgreSQL server on a loopback port, a local[2] Spark session), and
times on each: the raw data's load, the full build with every data test, one more day appended and loaded, and the
incremental build. With more than one target, the key marts and every staging table are compared across them after
the full builds, as python/tests/test_engines.py does on the tiny company.

Each load and build runs in its own process (`python -m handoff.bench_engines TARGET load|build ...`), as on
DuckDB, so its wall time, CPU time and peak memory are its own. A Spark step starts its own session on the
benchmark's Spark directory (the Derby metastore and the Parquet warehouse persist across steps); the session's
start-up is part of the step and is reported beside it. The PostgreSQL server runs in this process's
`running_postgres`; its processes' CPU time (every backend, live or ended) and their summed resident memory,
sampled, are added to the dbt client's, so a step's figures cover the work wherever it ran.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from handoff.bench import BenchmarkReport, Progress, _measured, profiled
from handoff.dbt import scheduled_build_command
from handoff.project import ProjectPaths

TARGETS = ("duckdb", "postgres", "spark")
SAMPLE_SECONDS = 0.5


@dataclass
class EngineBenchmark:
    """Every target's report and what the comparison of their full builds found."""

    reports: list[BenchmarkReport] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)  # labels of the relations compared
    differences: list[str] = field(default_factory=list)

    def report(self, target: str) -> BenchmarkReport:
        """The report of one target."""
        return next(report for report in self.reports if report.target == target)

    def to_text(self) -> str:
        """Each target's table, the full builds side by side, and the comparison's verdict."""
        parts = [report.to_text() for report in self.reports]
        fulls = {r.target: r.step("full build") for r in self.reports if any(s.name == "full build" for s in r.steps)}
        if "duckdb" in fulls and len(fulls) > 1:
            base = fulls["duckdb"]
            lines = ["full build against DuckDB (wall, CPU):"]
            lines += [
                f"  {target:<10}{step.wall_seconds:>8.1f} s {step.wall_seconds / base.wall_seconds:>6.2f}x"
                f"{step.cpu_seconds:>9.1f} s {step.cpu_seconds / max(base.cpu_seconds, 1e-9):>6.2f}x"
                for target, step in fulls.items()
            ]
            parts.append("\n".join(lines))
        if self.compared:
            verdict = (
                f"key marts and staging agree across {', '.join(r.target for r in self.reports)} "
                f"({len(self.compared)} relations)"
                if not self.differences
                else f"{len(self.differences)} disagreements across engines:\n" + "\n".join(self.differences)
            )
            parts.append(verdict)
        return "\n\n".join(parts)


class _ServerMeter:
    """CPU seconds and summed resident memory of a PostgreSQL server's processes, while a step runs.

    CPU: the postmaster's own and its ended children's (reaped backends) plus every live backend's. Memory: the sum of
    the processes' RSS, sampled every half second (shared buffers are counted once per process: an upper bound).
    """

    def __init__(self, postmaster_pid: int) -> None:
        import psutil

        self._psutil = psutil
        self._postmaster = psutil.Process(postmaster_pid)
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _processes(self) -> list[Any]:
        return [self._postmaster, *self._postmaster.children(recursive=True)]

    def cpu_seconds(self) -> float:
        """Every CPU second the server has used so far."""
        times = self._postmaster.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in self._postmaster.children(recursive=True):
            with contextlib.suppress(self._psutil.Error):
                child_times = child.cpu_times()
                total += child_times.user + child_times.system
        return total

    def _sample(self) -> None:
        while not self._stop.is_set():
            rss = 0
            for process in self._processes():
                with contextlib.suppress(self._psutil.Error):
                    rss += process.memory_info().rss
            self._peak = max(self._peak, rss)
            self._stop.wait(SAMPLE_SECONDS)

    @contextlib.contextmanager
    def measuring(self) -> Iterator[dict[str, float]]:
        """Yield a dict that holds the step's server CPU seconds and peak RSS bytes once the block ends."""
        figures: dict[str, float] = {}
        self._peak = 0
        self._stop.clear()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        before = self.cpu_seconds()
        self._thread.start()
        try:
            yield figures
        finally:
            self._stop.set()
            self._thread.join()
            figures["cpu_seconds"] = self.cpu_seconds() - before
            figures["peak_rss_bytes"] = float(self._peak)


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])


def run_engine_benchmark(
    *,
    events: int,
    targets: Sequence[str],
    seed: int = 42,
    work_dir: Path | None = None,
    progress: Progress = print,
    selection: Sequence[str] = (),
    compare: bool = True,
) -> EngineBenchmark:
    """Generate once, then load, full-build, append a day, load and build incrementally on every target.

    `selection` narrows each dbt build (`--select ...`), for the suite's cheap check of this path on tiny data.
    """
    from handoff.engines import running_postgres

    unknown = sorted(set(targets) - set(TARGETS))
    if unknown or not targets:
        raise ValueError(f"unknown target(s) {unknown}; choose from {', '.join(TARGETS)}")
    paths = ProjectPaths.default().ensure()
    bench_dir = Path(work_dir or paths.data_dir / "bench" / f"{events}").resolve()
    bench_dir.mkdir(parents=True, exist_ok=True)
    raw = bench_dir / "raw.duckdb"
    warehouse = bench_dir / "warehouse.duckdb"
    for stale in (raw, warehouse):
        stale.unlink(missing_ok=True)
    shutil.rmtree(_spark_root(bench_dir), ignore_errors=True)
    env = {
        **os.environ,
        "HANDOFF_DATA_DIR": str(bench_dir),
        "HANDOFF_RAW": str(raw),
        "HANDOFF_DEV_WAREHOUSE": str(warehouse),
    }
    cli = [sys.executable, "-m", "handoff.cli"]
    result = EngineBenchmark()
    reports = {target: BenchmarkReport(events=events, raw_path=raw, target=target) for target in targets}
    result.reports = list(reports.values())

    with contextlib.ExitStack() as stack:
        server = stack.enter_context(running_postgres()) if "postgres" in targets else None
        meter = _ServerMeter(_postmaster_pid(server.data_dir)) if server is not None else None
        if server is not None:
            env.update(server.dbt_env())
            reports["postgres"].note = "CPU and peak memory: the dbt client plus the PostgreSQL server's processes"
        if "spark" in targets:
            reports["spark"].note = "each Spark step starts its own local[2] session: start-up included"

        def step(target: str, name: str, command: list[str], run_name: str | None = None, dbt: bool = False) -> None:
            progress(f"{target}: {name} ...")
            run_results = bench_dir / "runs" / (run_name or "dbt") / "target" / "run_results.json"
            if dbt:
                run_results.unlink(missing_ok=True)
            if target == "postgres" and meter is not None:
                with meter.measuring() as server_figures:
                    measured = _measured(f"{name}", command, env)
                measured = replace(
                    measured,
                    cpu_seconds=measured.cpu_seconds + server_figures["cpu_seconds"],
                    peak_rss_bytes=measured.peak_rss_bytes + int(server_figures["peak_rss_bytes"]),
                )
            else:
                measured = _measured(name, command, env)
            if dbt:
                measured = profiled(measured, run_results.parent, run_results.parent.parent / "logs")
            reports[target].steps.append(measured)
            progress(f"{target}: {name}: {measured.wall_seconds:.1f} s")

        def engine_command(target: str, action: str, *extra: str) -> list[str]:
            return [sys.executable, "-m", "handoff.bench_engines", target, action, "--work-dir", str(bench_dir), *extra]

        def build(target: str, full_refresh: bool) -> None:
            name = "full build" if full_refresh else "incremental build"
            select = ["--select", *selection] if selection else []
            if target == "duckdb":
                command = [*cli, "dbt", *scheduled_build_command(full_refresh=full_refresh), *select]
                step(target, name, command, dbt=True)
                return
            run_name = f"{target}_{'full' if full_refresh else 'incremental'}"
            extra = ["--run-name", run_name, *(["--full-refresh"] if full_refresh else []), *select]
            step(target, name, engine_command(target, "build", *extra), run_name=run_name, dbt=True)

        generate = [*cli, "generate", "--events", str(events), "--seed", str(seed), "--raw", str(raw)]
        step("duckdb" if "duckdb" in reports else targets[0], "generate", generate)
        for target in targets:
            if target != "duckdb":
                step(target, "load", engine_command(target, "load"))
            build(target, full_refresh=True)

        if compare and len(targets) > 1:
            progress("comparing the key marts across engines ...")
            result.compared, result.differences = _compare(targets, bench_dir, warehouse, server, selection)

        append = [*cli, "generate", "--events", str(events), "--seed", str(seed), "--append-day"]
        step("duckdb" if "duckdb" in reports else targets[0], "append one day", append)
        for target in targets:
            if target != "duckdb":
                step(target, "load one more day", engine_command(target, "load"))
            build(target, full_refresh=False)
    return result


def _compare(
    targets: Sequence[str], bench_dir: Path, warehouse: Path, server: Any, selection: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Compare staging and the key marts of the full builds, DuckDB (or the first target) as the reference."""
    from handoff.engines import KEY_MARTS, DuckDBWarehouse, compare_engines, local_spark, specs_from_manifest

    first_run = "dbt" if targets[0] == "duckdb" else f"{targets[0]}_full"
    manifest = bench_dir / "runs" / first_run / "target" / "manifest.json"
    run_results = json.loads((bench_dir / "runs" / first_run / "target" / "run_results.json").read_text())
    built = {result["unique_id"].rsplit(".", 1)[-1] for result in run_results["results"]}
    specs = [spec for spec in [*specs_from_manifest(manifest), *KEY_MARTS] if spec.name in built or not selection]
    with contextlib.ExitStack() as stack:
        engines: list[Any] = []
        for target in targets:
            if target == "duckdb":
                engines.append(DuckDBWarehouse(warehouse))
            elif target == "postgres":
                engines.append(server)
            else:
                engines.append(stack.enter_context(local_spark(root=_spark_root(bench_dir))))
        return [spec.label for spec in specs], compare_engines(engines, specs)


def _spark_root(bench_dir: Path) -> Path:
    return bench_dir / "spark"


def _child(argv: Sequence[str] | None = None) -> int:
    """One load or build on Postgres or Spark, run by run_engine_benchmark in its own process."""
    from handoff.dbt import run_dbt
    from handoff.engines import PostgresServer, load_into_postgres, load_into_spark, local_spark
    from handoff.engines.postgres import find_postgres_binaries

    parser = argparse.ArgumentParser(prog="python -m handoff.bench_engines")
    parser.add_argument("target", choices=["postgres", "spark"])
    parser.add_argument("action", choices=["load", "build"])
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--run-name", default="dbt")
    parser.add_argument("--full-refresh", action="store_true")
    parser.add_argument("--select", nargs="*", default=[])
    args = parser.parse_args(argv)
    paths = ProjectPaths.default().ensure()
    raw = paths.raw_path
    with contextlib.ExitStack() as stack:
        if args.target == "postgres":
            engine: Any = PostgresServer(
                host=os.environ["HANDOFF_PG_HOST"],
                port=int(os.environ["HANDOFF_PG_PORT"]),
                user=os.environ["HANDOFF_PG_USER"],
                database=os.environ["HANDOFF_PG_DATABASE"],
                socket_dir=Path(),
                data_dir=Path(),
                log_path=Path(),
                binaries=find_postgres_binaries(),
            )
        else:
            engine = stack.enter_context(local_spark(root=_spark_root(args.work_dir)))
            print(f"  spark session started in {engine.startup_seconds:.1f} s", flush=True)
        if args.action == "load":
            report = (load_into_postgres if args.target == "postgres" else load_into_spark)(raw, engine)
            print(f"  {report.rows:,} rows in {len(report.tables)} tables loaded in {report.seconds:.1f} s", flush=True)
            return 0
        command = scheduled_build_command(full_refresh=args.full_refresh)
        if args.select:
            command += ["--select", *args.select]
        built = run_dbt(
            command,
            paths=paths,
            warehouse=paths.data_dir / "unused.duckdb",
            run_name=args.run_name,
            target=args.target,
            extra_env=engine.dbt_env(),
            dbt_vars=engine.dbt_vars(),
        )
        if not built.success:
            print(built.describe_failure(), file=sys.stderr)
            return 1
        return 0


if __name__ == "__main__":
    raise SystemExit(_child())
