"""Which rows tonight's data tests read: the night's window, or every row.

Most of a night's data tests scan the large tables (engagement events, daily points and scores, explanations)
although an incremental night changes only the rows of its last few days. On such a night the nightly sets the dbt
var `handoff__night_window_start`, and the tests of the tables named in `handoff__changed_rows_columns` read only
the rows dated from it (`macros/tests/get_where_subquery.sql`); every test still runs. Every row is tested on a full
refresh, when nothing was built before, on the full-test weekday (`handoff__full_tests_weekday`, default sunday),
and whenever the var is given explicitly.

The window follows the data, not the clock: it starts `engagement_lookback_days` before the newest load time the
previous build holds in its incremental staging tables, which is where incremental staging starts re-reading loads
tonight. Rows the night writes are dated from then on, except those of an event loaded tonight that occurred before
the window (a very late arrival) and older days rewritten for a person whose events were re-attributed: the
full-test weekday checks those.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

WINDOW_VAR = "handoff__night_window_start"
WEEKDAY_VAR = "handoff__full_tests_weekday"
COLUMNS_VAR = "handoff__changed_rows_columns"
LOOKBACK_VAR = "engagement_lookback_days"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NEVER = "never"
STAGING_FOLDER = "models/staging/"  # incremental staging: the models whose load times the lookback counts from


@dataclass(frozen=True)
class NightWindow:
    """What tonight's data tests read, and why (said in the nightly's output)."""

    start: date | None  # None: every row
    reason: str

    def dbt_vars(self) -> dict[str, str]:
        """The var that turns the window on (nothing when every row is tested)."""
        return {WINDOW_VAR: self.start.isoformat()} if self.start else {}

    def describe(self) -> str:
        """One line for the nightly's output."""
        if self.start is None:
            return f"tests: every data test on every row ({self.reason})"
        return (
            f"tests: every data test, the large tables' on rows dated from {self.start.isoformat()} only "
            f"({self.reason})"
        )


def plan_window(
    *,
    full_refresh: bool,
    today: date,
    newest_load: date | None,
    variables: Mapping[str, Any],
) -> NightWindow:
    """Tonight's window from the run's kind, the weekday and the previous build's newest load.

    `variables` are the vars in force (dbt_project.yml's defaults, the settings file, `--vars`): the full-test
    weekday, the lookback, and an explicit window start, which wins.
    """
    explicit = variables.get(WINDOW_VAR)
    if explicit not in (None, ""):
        return NightWindow(date.fromisoformat(str(explicit)), f"{WINDOW_VAR} set explicitly")
    weekday = str(variables.get(WEEKDAY_VAR) or NEVER).strip().lower()
    if weekday not in (*WEEKDAYS, NEVER):
        raise ValueError(f"var {WEEKDAY_VAR} must be a weekday (monday ... sunday) or '{NEVER}', got: {weekday}")
    if full_refresh:
        return NightWindow(None, "full refresh")
    if weekday == WEEKDAYS[today.weekday()]:
        return NightWindow(None, f"{weekday}: the full-test weekday, {WEEKDAY_VAR}")
    if newest_load is None:
        return NightWindow(None, "nothing built before: no incremental state")
    lookback = int(variables.get(LOOKBACK_VAR) or 0)
    every = f"every row on {weekday}s" if weekday != NEVER else f"{WEEKDAY_VAR} is {NEVER}"
    return NightWindow(
        newest_load - timedelta(days=lookback),
        f"incremental night: newest load built before {newest_load.isoformat()} minus {lookback} lookback days; "
        f"{every}",
    )


def newest_load_date(warehouse: Path, manifest: Path, columns: Mapping[str, str]) -> date | None:
    """The newest load time the incremental models named in `columns` hold in `warehouse`, as a date.

    These are the incremental staging models named in `handoff__changed_rows_columns` (their entry is a load time;
    the scoring chain is incremental too, by person, and dated by score day); their schemas and names come from the
    run's manifest.json. None when the file holds none of them or they are empty.
    """
    nodes = json.loads(manifest.read_text(encoding="utf-8")).get("nodes", {}) if manifest.exists() else {}
    relations = [
        (node["schema"], node.get("alias") or node["name"], columns[node["name"]])
        for node in nodes.values()
        if node.get("resource_type") == "model"
        and node.get("name") in columns
        and node.get("config", {}).get("materialized") == "incremental"
        and node.get("original_file_path", "").startswith(STAGING_FOLDER)
    ]
    if not relations or not warehouse.exists():
        return None
    newest: list[date] = []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for schema, table, column in relations:
            with contextlib.suppress(duckdb.CatalogException):  # not built yet
                value = con.execute(f'select max("{column}") from "{schema}"."{table}"').fetchone()
                if value and value[0] is not None:
                    newest.append(value[0].date() if isinstance(value[0], datetime) else value[0])
    finally:
        con.close()
    return max(newest, default=None)
