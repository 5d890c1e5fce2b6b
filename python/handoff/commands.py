"""The CLI's commands as plain functions: generate, load-samples, nightly, demo, dbt passthrough.

Kept apart from cli.py so tests and the Dagster definitions call the same code the command line does.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from handoff.project import ProjectPaths

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def generate_raw(
    *,
    raw: Path | None = None,
    preset: str = "demo",
    events: int | None = None,
    seed: int = 42,
    end_date: date | None = None,
    append_day: bool = False,
    engagement_source: str = "hubspot",
    progress: Progress = _quiet,
) -> str:
    """Write the synthetic company's raw data (or one more day of it) and describe what was written."""
    from handoff import generate

    paths = ProjectPaths.default().ensure()
    target = Path(raw).resolve() if raw else paths.raw_path
    config = generate.GeneratorConfig.from_preset(
        preset, events=events, seed=seed, end_date=end_date, engagement_source=engagement_source
    )
    started = time.perf_counter()
    if append_day:
        progress(f"appending one day of events to {target}")
        summary = generate.append_day(target, config)
    else:
        from handoff.progress import progress_bar

        progress(f"generating {config.describe()} into {target}")
        with progress_bar("generating", None, unit="chunks of companies") as advance:
            summary = generate.generate(target, config, on_chunk=lambda done, total: advance(total=total))
    return f"{summary}\nwritten to {target} in {time.perf_counter() - started:.1f} s"


def load_connector_samples(*, raw: Path | None = None, shared_dir: Path | None = None) -> str:
    """Load the real Fivetran Salesforce, HubSpot and Marketo samples into a raw file, as the connectors land them."""
    from handoff import generate

    paths = ProjectPaths.default().ensure()
    target = Path(raw).resolve() if raw else paths.raw_path
    shared = Path(shared_dir) if shared_dir else paths.project_dir.parent / "shared"
    data = shared / "data"
    if not data.is_dir():
        raise FileNotFoundError(f"no connector samples under {data}; pass --shared-dir")
    marketo = data / "fivetran_marketo_sample"
    loaded = generate.load_samples(
        target,
        data / "fivetran_salesforce_sample",
        data / "fivetran_hubspot_sample",
        marketo if marketo.is_dir() else None,
    )
    return "\n".join(f"{table}: {rows} rows" for table, rows in sorted(loaded.items()))


def nightly(
    *,
    full_refresh: bool = False,
    skip_freshness: bool = False,
    skip_expectations: bool = False,
    accept_row_count_change: bool = False,
    progress: Progress = _quiet,
) -> int:
    """Run the nightly job on the default paths and print its outcome; return its exit code."""
    from handoff.nightly import run_nightly
    from handoff.quality import DEFAULT_CONFIG

    paths = ProjectPaths.default().ensure()
    quality = DEFAULT_CONFIG.with_overrides(check_row_count_bounds=False) if accept_row_count_change else None
    outcome = run_nightly(
        paths,
        full_refresh=full_refresh,
        skip_freshness=skip_freshness,
        skip_expectations=skip_expectations,
        quality_config=quality,
        progress=progress,
    )
    print(outcome.message)
    return outcome.exit_code


def demo(*, events: int | None = None, seed: int = 42, progress: Progress = _quiet) -> int:
    """The README's main job: demo data, the nightly build into the embedded DuckDB, and a summary."""
    from handoff.nightly import run_nightly
    from handoff.quality import DEFAULT_CONFIG
    from handoff.summary import build_summary

    paths = ProjectPaths.default().ensure()
    started = time.perf_counter()
    print("1/4 generating the demo company")
    print(generate_raw(preset="demo", events=events, seed=seed, progress=progress))
    print("2/4 nightly build (freshness, dbt build, expectations, publish)")
    # a new demo company is a deliberate change of scale: the row-count bounds compare like with like only
    outcome = run_nightly(
        paths,
        full_refresh=True,
        quality_config=DEFAULT_CONFIG.with_overrides(check_row_count_bounds=False),
        progress=progress,
    )
    if outcome.exit_code != 0:
        print(outcome.message)
        return outcome.exit_code
    print("3/4 summary")
    print(build_summary(paths, elapsed_seconds=time.perf_counter() - started))
    print("4/4 board")
    return demo_board(paths)


def demo_board(paths: ProjectPaths) -> int:
    """Start the board on the demo's warehouse: in a terminal it stays up until Ctrl-C, elsewhere it is checked."""
    import sys

    from handoff.board import serve

    if sys.stdout.isatty():
        return serve.serve(paths)
    port = serve.free_port()
    process = serve.start(paths.warehouse_path, port, log=paths.runs_dir / "board.log")
    try:
        seconds = serve.wait_until_up(port, process)
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f"the board started in {seconds:.1f} s and was stopped (no terminal); open it with `./handoff board`")
    return 0


def doctor(*, raw: Path | None = None, as_json: bool = False, quick: bool = False) -> int:
    """`handoff doctor`: the raw data against the contract; exit 1 only when a build cannot succeed.

    Unless `quick`, the staging of every feature with raw rows is built on a scratch file, so a feature whose
    rows staging quarantines all is reported as empty before the night finds it (handoff.staging_probe).
    """
    from handoff.settings import load_settings
    from handoff.sources import describe, diagnose
    from handoff.staging_probe import probe_staging, with_staging_probe

    paths = ProjectPaths.default()
    settings = load_settings()
    raw_path = Path(raw).resolve() if raw else paths.raw_path
    if not raw_path.exists():
        raise FileNotFoundError(f"no raw data at {raw_path}: set HANDOFF_RAW, `raw:` in the settings file, or --raw")
    diagnosis = diagnose(
        project_dir=paths.project_dir, raw_path=raw_path, explicit_vars=settings.vars, settings_file=settings.path
    )
    if diagnosis.ok and not quick:
        diagnosis = with_staging_probe(diagnosis, probe_staging(paths, raw_path, diagnosis))
    print(diagnosis.to_json() if as_json else describe(diagnosis))
    return 0 if diagnosis.ok else 1


def _split_vars(args: list[str]) -> tuple[list[str], dict]:
    """Take dbt's own `--vars` out of passthrough arguments, so they merge with the found switches."""
    from handoff.settings import parse_vars

    rest: list[str] = []
    found: dict = {}
    values = iter(args)
    for arg in values:
        if arg == "--vars":
            found.update(parse_vars(next(values, "")))
        elif arg.startswith("--vars="):
            found.update(parse_vars(arg.split("=", 1)[1]))
        else:
            rest.append(arg)
    return rest, found


def passthrough_dbt(dbt_args: Sequence[str]) -> int:
    """`handoff dbt build -s foo`: dbt on the raw file into the development warehouse (never the published one).

    The switches found in the raw data (handoff.sources) and the settings file apply, under dbt's own `--vars`.
    A raw table that cannot build (an always-read table absent, a needed column missing) stops a build at once.
    """
    from handoff.dbt import effective_vars, run_dbt
    from handoff.settings import load_settings
    from handoff.sources import diagnose_raw

    paths = ProjectPaths.default().ensure()
    args, explicit = _split_vars([arg for arg in dbt_args if arg != "--"])
    if not args:
        raise ValueError("give a dbt command, e.g. `handoff dbt build --select staging`")
    settings = load_settings()
    diagnosis = diagnose_raw(paths.project_dir, paths.raw_path, {**settings.vars, **explicit})
    if diagnosis and args[0] in {"build", "run", "test", "seed", "snapshot"}:
        if diagnosis.switch_notice():
            print(diagnosis.switch_notice())
        if diagnosis.problems:
            print(f"handoff dbt {args[0]}: {diagnosis.problems[0]} (handoff doctor lists every problem)")
            return 1
    dbt_vars = effective_vars(paths, paths.raw_path, explicit)
    result = run_dbt(
        args, paths=paths, warehouse=paths.dev_warehouse_path, run_name="dbt", dbt_vars=dbt_vars, stream=True
    )
    if not result.success:
        print(result.describe_failure())
        return 1
    return 0
