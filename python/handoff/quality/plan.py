"""Turn the spec and what the work file holds into a flat list of checks (no Great Expectations here).

Keeping the plan apart from GX makes the rules testable in milliseconds and keeps the GX module a thin adapter:
each `Check` becomes exactly one SQL-pushdown expectation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from handoff.quality.catalog import TableInfo
from handoff.quality.specs import QualityConfig

CRITICAL = "critical"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    """One rule on one table: what kind, on which columns, within which bounds, and how serious a miss is."""

    table: str
    kind: str  # column_exists | not_null | unique | compound_unique | between | row_count
    columns: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    severity: str = CRITICAL
    why: str = ""

    @property
    def label(self) -> str:
        """A short human name for reports and messages, e.g. `unique(mql_id)`."""
        cols = ", ".join(self.columns)
        if self.kind in ("between", "row_count"):
            bounds = f"[{_number(self.min_value)}, {_number(self.max_value)}]"
            return f"{cols} in {bounds}" if self.kind == "between" else f"row count in {bounds}"
        return f"{self.kind}({cols})"


@dataclass
class Plan:
    """The checks to run, the tables they cover and the specified marts that are not built (yet)."""

    checks: list[Check] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    missing_tables: list[str] = field(default_factory=list)
    # empty marts that pass because an input is empty too: mart -> its empty inputs
    empty_with_empty_inputs: dict[str, list[str]] = field(default_factory=dict)

    def checks_for(self, table: str) -> list[Check]:
        """The checks of one table, in plan order."""
        return [check for check in self.checks if check.table == table]


def plan_checks(
    catalog: Mapping[str, TableInfo],
    config: QualityConfig,
    baseline: Mapping[str, int] | None = None,
    inputs: Mapping[str, tuple[str, ...]] | None = None,
    input_rows: Mapping[str, int] | None = None,
) -> Plan:
    """Every check that applies to the tables present in `catalog`.

    `baseline` holds each table's row count at the last successful publish; without one (first run) no
    row-count bounds are set. `inputs` (mart -> the relations it is built from) and `input_rows` decide what an
    empty specified mart means: with an empty input it passes (the data is not there), with every input holding
    rows it fails; its key checks are not run on zero rows either way (handoff.quality.lineage).
    """
    plan = Plan()
    specs = {spec.table: spec for spec in config.marts}
    plan.missing_tables = sorted(name for name in specs if name not in catalog)
    for name in sorted(catalog):
        table = catalog[name]
        if table.schema not in config.schemas:
            continue
        plan.tables.append(name)
        spec = specs.get(name)
        if spec and table.rows == 0:
            empty = _empty_inputs(name, inputs or {}, input_rows or {})
            if empty:
                plan.empty_with_empty_inputs[name] = empty
            else:
                plan.checks.append(_not_empty(name, (inputs or {}).get(name), spec.why))
        elif spec:
            plan.checks += _key_checks(table, spec.keys, spec.why)
            plan.checks += [
                Check(name, "not_null", (column,), why=spec.why) if column in table.columns else _exists(name, column)
                for column in spec.not_null
            ]
        plan.checks += _rate_checks(table, config, spec.rate_columns if spec else ())
        plan.checks += _band_checks(table, config)
        if config.check_row_count_bounds and baseline:
            plan.checks += _row_count_checks(table, config, baseline)
    return plan


def _empty_inputs(name: str, inputs: Mapping[str, tuple[str, ...]], rows: Mapping[str, int]) -> list[str]:
    return [parent for parent in inputs.get(name, ()) if rows.get(parent, 0) == 0]


def _not_empty(name: str, parents: tuple[str, ...] | None, why: str) -> Check:
    """An empty mart whose inputs all hold rows (or whose inputs are unknown): rows were lost on the way."""
    where = f"every input holds rows ({', '.join(parents)})" if parents else "its inputs are unknown"
    return Check(name, "row_count", (), 1, None, why=f"{why}: the mart is empty while {where}")


def _exists(table: str, column: str) -> Check:
    return Check(table, "column_exists", (column,), why=f"the mart's contract names column {column}")


def _key_checks(table: TableInfo, keys: tuple[str, ...], why: str) -> list[Check]:
    missing = [column for column in keys if column not in table.columns]
    if missing:
        return [_exists(table.qualified, column) for column in missing]
    checks = [Check(table.qualified, "not_null", (column,), why=f"key: {why}") for column in keys]
    if len(keys) == 1:
        checks.append(Check(table.qualified, "unique", keys, why=f"key: {why}"))
    elif keys:
        checks.append(Check(table.qualified, "compound_unique", keys, why=f"key: {why}"))
    return checks


def _rate_checks(table: TableInfo, config: QualityConfig, extra: tuple[str, ...]) -> list[Check]:
    rates = [c for c in table.columns if fnmatchcase(c.lower(), config.rate_pattern) or c in extra]
    return [
        Check(table.qualified, "between", (column,), 0.0, 1.0, why="a rate is a share: between 0 and 1")
        for column in rates
    ]


def _band_checks(table: TableInfo, config: QualityConfig) -> list[Check]:
    return [
        Check(table.qualified, "between", (band.column,), band.min_value, band.max_value, WARNING, band.why)
        for band in config.bands
        if band.column in table.columns and fnmatchcase(table.qualified, band.tables)
    ]


def _row_count_checks(table: TableInfo, config: QualityConfig, baseline: Mapping[str, int]) -> list[Check]:
    previous = baseline.get(table.qualified)
    if previous is None or previous < max(config.min_baseline_rows, 1):
        return []
    if any(fnmatchcase(table.qualified, pattern) for pattern in config.row_count_exempt):
        return []
    low = math.ceil(previous * (1 - config.max_shrink))
    high = math.floor(previous * config.max_growth)
    why = (
        f"{previous:,} rows at the last successful run; more than {config.max_shrink:.0%} fewer or "
        f"{config.max_growth:g}x more is an incident, not a trend"
    )
    return [Check(table.qualified, "row_count", (), low, high, why=why)]


def _number(value: float | None) -> str:
    if value is None:
        return "…"
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 2 else f"{value:g}"
