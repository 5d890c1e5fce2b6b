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
    progress: Progress = _quiet,
) -> str:
    """Write the synthetic company's raw data (or one more day of it) and describe what was written."""
    from handoff import generate

    paths = ProjectPaths.default().ensure()
    target = Path(raw).resolve() if raw else paths.raw_path
    config = generate.GeneratorConfig.from_preset(preset, events=events, seed=seed, end_date=end_date)
    started = time.perf_counter()
    if append_day:
        progress(f"appending one day of events to {target}")
        summary = generate.append_day(target, config)
    else:
        progress(f"generating {config.describe()} into {target}")
        summary = generate.generate(target, config)
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
    print("1/3 generating the demo company")
    print(generate_raw(preset="demo", events=events, seed=seed, progress=progress))
    print("2/3 nightly build (freshness, dbt build, expectations, publish)")
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
    print("3/3 summary")
    print(build_summary(paths, elapsed_seconds=time.perf_counter() - started))
    return 0


def passthrough_dbt(dbt_args: Sequence[str]) -> int:
    """`handoff dbt build -s foo`: dbt on the raw file into the development warehouse (never the published one)."""
    from handoff.dbt import run_dbt

    paths = ProjectPaths.default().ensure()
    args = [arg for arg in dbt_args if arg != "--"]
    if not args:
        raise ValueError("give a dbt command, e.g. `handoff dbt build --select staging`")
    result = run_dbt(args, paths=paths, warehouse=paths.dev_warehouse_path, run_name="dbt")
    if not result.success:
        print(result.describe_failure())
        return 1
    return 0
