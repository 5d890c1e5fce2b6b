"""Great Expectations suites and the nightly checkpoint over the marts, run before every publish.

Entry point: `run_expectations(warehouse, run_id=..., reports_dir=..., baseline=..., config=...)`, given the
nightly job's work file (opened read-only through GX's SQL data source on duckdb-engine).

What is checked (rules as data in `specs.py`, applied only to tables that exist in the file):
- keys of the known marts unique and not null (`marts.fct_mqls.mql_id`, `marts.dim_persons.person_id`, ...);
- every `*_rate` column of every mart within [0, 1];
- every mart's row count within bounds versus the last successful run (default: not below half, not above 10x);
- health bands (MQL→SQL rate) as GX `severity="warning"` expectations: reported, never blocking.

Results go to `<reports_dir>/expectations/<run_id>/`: `summary.json` (our verdict per check),
`gx_validation_results.json` (GX's own validation results) and `index.html`, a self-contained page written by
`report.py` (not GX Data Docs, whose pages need CDN assets to render).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from handoff.quality.catalog import TableInfo, read_catalog
from handoff.quality.lineage import mart_inputs, row_counts
from handoff.quality.outcome import CheckResult, ExpectationsOutcome
from handoff.quality.plan import Check, Plan, plan_checks
from handoff.quality.specs import DEFAULT_CONFIG, BandSpec, MartSpec, QualityConfig

__all__ = [
    "DEFAULT_CONFIG",
    "BandSpec",
    "Check",
    "CheckResult",
    "ExpectationsOutcome",
    "MartSpec",
    "Plan",
    "QualityConfig",
    "TableInfo",
    "plan_checks",
    "read_catalog",
    "run_expectations",
]


def run_expectations(
    warehouse: Path,
    *,
    run_id: str,
    reports_dir: Path,
    baseline: Mapping[str, int] | None = None,
    config: QualityConfig = DEFAULT_CONFIG,
    manifest: Path | None = None,
) -> ExpectationsOutcome:
    """Check the marts of `warehouse` and write the report; the outcome's `success` says whether to publish.

    `baseline` is each table's row count at the last successful run (from the run history); `reports_dir` is
    the project's reports directory (the results go to `expectations/<run_id>/` under it). `manifest` (the
    build's manifest.json) tells which inputs each mart has, for empty marts (handoff.quality.lineage).
    """
    from handoff.quality.checkpoint import run_checkpoint
    from handoff.quality.report import write_report

    started = time.perf_counter()
    catalog = read_catalog(warehouse, config.schemas)
    inputs = mart_inputs(manifest)
    empty_marts = [spec.table for spec in config.marts if spec.table in catalog and catalog[spec.table].rows == 0]
    input_rows = row_counts(warehouse, [p for mart in empty_marts for p in inputs.get(mart, ())])
    plan = plan_checks(catalog, config, baseline, inputs, input_rows)
    results, gx_results = run_checkpoint(warehouse, plan, run_id=run_id, sample_size=config.result_sample_size)
    outcome = ExpectationsOutcome(
        run_id=run_id,
        results=results,
        tables=[t for t in plan.tables if plan.checks_for(t)],
        missing_tables=plan.missing_tables,
        empty_marts=dict(plan.empty_with_empty_inputs),
    )
    outcome.elapsed_seconds = time.perf_counter() - started
    write_report(outcome, reports_dir / "expectations" / run_id, gx_results, baseline=baseline)
    return outcome
