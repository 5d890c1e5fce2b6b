"""Run a plan of checks as one Great Expectations 1.x checkpoint over a DuckDB file, read-only.

Each checked schema is one data source (see `gx_duckdb.py`); each table a TableAsset with one ExpectationSuite
and one ValidationDefinition; one Checkpoint runs them all. Every expectation is a SQL aggregate pushed down to
DuckDB. A single-column key is checked with `ExpectColumnProportionOfUniqueValuesToBeBetween(1, 1)`, one
`count(distinct)`, rather than `ExpectColumnValuesToBeUnique`, whose SQL runs a window over the whole table
twice: measured on 10 M rows and 2 cores, 5.7 s against 17.8 s. The price is the evidence: the share of
distinct values, not a sample of the duplicates (the dbt `unique` test on the model names those).

The context is ephemeral: suites are rebuilt from `specs.py` each night, nothing GX writes is needed
afterwards, and the report is ours (see `report.py`).
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any

from handoff.quality.gx_duckdb import add_duckdb_datasource, dispose_datasource
from handoff.quality.outcome import CheckResult
from handoff.quality.plan import Check, Plan

CHECKPOINT_NAME = "handoff_nightly"
_META_KEY = "handoff_check"


def _import_gx() -> Any:
    """Import GX with its usage statistics off (they are on by default) and its import-time noise hushed.

    Trap: GX probes `pyspark.sql.connect`, whose import calls `sys.exit(0)` ("Skipping doctests: No module
    named 'google.rpc'") when `__main__` has neither `__spec__` nor `__file__`, i.e. under `python -c`: the
    nightly would vanish mid-run with exit code 0. Setting `sys.ps1` for the import makes pyspark skip that
    doctest check and raise an ImportError instead, which GX handles.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    main = sys.modules.get("__main__")
    pretend_interactive = (
        "great_expectations" not in sys.modules
        and getattr(main, "__spec__", None) is None
        and not hasattr(main, "__file__")
        and not hasattr(sys, "ps1")
    )
    if pretend_interactive:
        sys.ps1 = ">>> "
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import great_expectations as gx
    finally:
        if pretend_interactive:
            del sys.ps1
    # GX pins one module's logger at INFO ("Created temporary directory ... for ephemeral docs site"), which
    # dbt's in-process logging setup then prints on every run: noise here.
    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return gx


def _expectation(gx: Any, check: Check, index: int) -> Any:
    """The GX expectation for one check, tagged with its index so results map back to the plan."""
    common = {"severity": check.severity, "meta": {_META_KEY: index, "why": check.why}}
    expectations = gx.expectations
    if check.kind == "column_exists":
        return expectations.ExpectColumnToExist(column=check.columns[0], **common)
    if check.kind == "not_null":
        return expectations.ExpectColumnValuesToNotBeNull(column=check.columns[0], **common)
    if check.kind == "unique":
        return expectations.ExpectColumnProportionOfUniqueValuesToBeBetween(
            column=check.columns[0], min_value=1, max_value=1, **common
        )
    if check.kind == "compound_unique":
        return expectations.ExpectCompoundColumnsToBeUnique(column_list=list(check.columns), **common)
    if check.kind == "between":
        return expectations.ExpectColumnValuesToBeBetween(
            column=check.columns[0], min_value=check.min_value, max_value=check.max_value, **common
        )
    if check.kind == "row_count":
        return expectations.ExpectTableRowCountToBeBetween(
            min_value=int(check.min_value or 0), max_value=int(check.max_value) if check.max_value else None, **common
        )
    raise ValueError(f"unknown check kind: {check.kind}")


def run_checkpoint(
    warehouse: Path, plan: Plan, *, run_id: str, sample_size: int = 5
) -> tuple[list[CheckResult], list[dict[str, Any]]]:
    """Validate every planned check; return our results and GX's own validation results (as JSON dicts).

    All connections are disposed of before returning, so the caller can reopen or rename the file.
    """
    if not plan.checks:
        return [], []
    gx = _import_gx()
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    datasources: dict[str, Any] = {}
    try:
        definitions = []
        for table in plan.tables:
            checks = [(i, c) for i, c in enumerate(plan.checks) if c.table == table]
            if not checks:
                continue
            schema, name = table.split(".", 1)
            if schema not in datasources:
                datasources[schema] = add_duckdb_datasource(context, f"work_{schema}", warehouse, schema)
            asset = datasources[schema].add_table_asset(name=table, table_name=name)
            batch = asset.add_batch_definition_whole_table("whole table")
            suite = context.suites.add(gx.ExpectationSuite(name=table))
            for index, check in checks:
                suite.add_expectation(_expectation(gx, check, index))
            definitions.append(
                context.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch, suite=suite))
            )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=CHECKPOINT_NAME,
                validation_definitions=definitions,
                result_format={"result_format": "BASIC", "partial_unexpected_count": sample_size},
            )
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = checkpoint.run(run_id=RunIdentifier(run_name=run_id))
    finally:
        for datasource in datasources.values():
            dispose_datasource(datasource)
    return _collect(plan, result, sample_size), [vr.to_json_dict() for vr in result.run_results.values()]


def _collect(plan: Plan, result: Any, sample_size: int) -> list[CheckResult]:
    """Map GX's results back onto the plan's checks (a check GX did not report counts as failed)."""
    found: dict[int, CheckResult] = {}
    for validation in result.run_results.values():
        for item in validation.results:
            index = (item.expectation_config.meta or {}).get(_META_KEY)
            if index is None:
                continue
            details = item.result or {}
            unexpected = details.get("unexpected_count")
            found[int(index)] = CheckResult(
                check=plan.checks[int(index)],
                success=bool(item.success),
                observed=details.get("observed_value"),
                unexpected_count=int(unexpected) if unexpected is not None else None,
                sample=tuple(details.get("partial_unexpected_list") or ())[:sample_size],
                error=_error_message(item.exception_info),
            )
    return [
        found.get(i, CheckResult(check, False, error="no result returned by Great Expectations"))
        for i, check in enumerate(plan.checks)
    ]


def _error_message(info: Any) -> str | None:
    """The first exception message GX recorded for an expectation, if it raised."""
    if not info:
        return None
    candidates = [info] if "raised_exception" in info else list(info.values())
    for candidate in candidates:
        if isinstance(candidate, dict) and candidate.get("raised_exception"):
            message = str(candidate.get("exception_message") or "error").strip().splitlines()
            return message[0] if message else "error"
    return None
