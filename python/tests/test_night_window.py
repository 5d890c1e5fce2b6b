"""Data tests proportional to the night: the large tables' tests read the night's window on incremental nights.

The nightly decides (handoff.nightly.window) and passes `handoff__night_window_start`; the project's
`get_where_subquery` turns it into a filter on the tables of `handoff__changed_rows_columns`. These tests check the
decision, what the tests compile to with and without the window, and that a violation inside the window still fails
while the full run still finds one outside it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from handoff.dbt import run_dbt
from handoff.nightly.window import NightWindow, newest_load_date, plan_window

PROJECT_DEFAULTS = {
    "engagement_lookback_days": 3,
    "handoff__full_tests_weekday": "sunday",
    "handoff__changed_rows_columns": {"fct_person_daily_scores": "score_date"},
}
WEDNESDAY, SUNDAY = date(2026, 12, 2), date(2026, 12, 6)


def test_an_incremental_night_tests_from_the_newest_load_minus_the_lookback() -> None:
    window = plan_window(full_refresh=False, today=WEDNESDAY, newest_load=date(2026, 12, 1), variables=PROJECT_DEFAULTS)
    assert window.start == date(2026, 11, 28)
    assert window.dbt_vars() == {"handoff__night_window_start": "2026-11-28"}
    assert "rows dated from 2026-11-28" in window.describe() and "every row on sundays" in window.describe()


@pytest.mark.parametrize(
    ("full_refresh", "today", "newest_load", "reason"),
    [
        (True, WEDNESDAY, date(2026, 12, 1), "full refresh"),
        (False, SUNDAY, date(2026, 12, 5), "sunday: the full-test weekday"),
        (False, WEDNESDAY, None, "nothing built before"),
    ],
    ids=["full-refresh", "full-test-weekday", "first-build"],
)
def test_full_refreshes_the_weekday_and_a_first_build_test_every_row(
    full_refresh: bool, today: date, newest_load: date | None, reason: str
) -> None:
    window = plan_window(full_refresh=full_refresh, today=today, newest_load=newest_load, variables=PROJECT_DEFAULTS)
    assert window.start is None and window.dbt_vars() == {}
    assert window.describe().startswith("tests: every data test on every row") and reason in window.describe()


def test_the_weekday_is_a_setting_and_an_explicit_window_wins() -> None:
    never = {**PROJECT_DEFAULTS, "handoff__full_tests_weekday": "never"}
    assert plan_window(full_refresh=False, today=SUNDAY, newest_load=SUNDAY, variables=never).start == date(2026, 12, 3)
    monday = {**PROJECT_DEFAULTS, "handoff__full_tests_weekday": "Monday"}
    assert plan_window(full_refresh=False, today=SUNDAY, newest_load=SUNDAY, variables=monday).start is not None
    explicit = {**PROJECT_DEFAULTS, "handoff__night_window_start": "2026-10-01"}
    assert plan_window(full_refresh=True, today=SUNDAY, newest_load=None, variables=explicit) == NightWindow(
        date(2026, 10, 1), "handoff__night_window_start set explicitly"
    )
    with pytest.raises(ValueError, match="must be a weekday"):
        plan_window(full_refresh=False, today=SUNDAY, newest_load=None, variables={"handoff__full_tests_weekday": "x"})


def test_the_window_starts_from_the_newest_load_of_the_incremental_tables(tmp_path: Path) -> None:
    warehouse, manifest = tmp_path / "build.duckdb", tmp_path / "manifest.json"
    con = duckdb.connect(str(warehouse))
    con.execute("create schema staging; create schema marts")
    con.execute("create table staging.stg_pages as select timestamp '2026-11-14 23:10:00' as synced_at")
    con.execute("create table marts.fct_scores as select date '2027-01-01' as score_date")  # not a load time
    con.close()

    def node(name: str, schema: str, materialized: str) -> dict:
        path = f"models/{schema}/{name}.sql"
        config = {"materialized": materialized}
        return {"resource_type": "model", "name": name, "schema": schema, "config": config, "original_file_path": path}

    nodes = {
        "model.h.stg_pages": node("stg_pages", "staging", "incremental"),
        "model.h.stg_tracks": node("stg_tracks", "staging", "incremental"),  # not built yet
        "model.h.fct_scores": node("fct_scores", "marts", "incremental"),  # incremental, but not a load time
    }
    manifest.write_text(json.dumps({"nodes": nodes}))
    columns = {"stg_pages": "synced_at", "stg_tracks": "synced_at", "fct_scores": "score_date"}
    assert newest_load_date(warehouse, manifest, columns) == date(2026, 11, 14)
    assert newest_load_date(tmp_path / "nothing.duckdb", manifest, columns) is None


WINDOWED = "unique_fct_person_daily_scores_person_score_id"  # a large table's test
WHOLE = "unique_fct_mqls_mql_id"  # a small table's test: never windowed
REWRITTEN = "not_null_int_person_scores_daily_person_id"  # the scoring chain: the rows this run wrote


def _compiled(target: Path, test: str) -> str:
    return next(target.glob(f"run/**/{test}.sql")).read_text()


@pytest.mark.dbt
def test_the_window_filters_large_tables_tests_and_a_violation_inside_it_still_fails(tiny_built, tmp_path: Path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(tiny_built.warehouse, warehouse)
    paths, raw = tiny_built.paths, tiny_built.raw
    newest = tiny_built.scalar("select max(score_date) from marts.fct_person_daily_scores")
    window_start = newest - timedelta(days=2)

    def night(name: str, window: date | None, manifest: object = None):
        return run_dbt(
            ["test", "--select", WINDOWED, WHOLE, REWRITTEN],
            paths=paths,
            warehouse=warehouse,
            raw=raw,
            run_name=f"window/{name}",
            dbt_vars={"handoff__night_window_start": window.isoformat()} if window else None,
            manifest=manifest,
        )

    parsed = run_dbt(["parse"], paths=paths, warehouse=warehouse, raw=raw, run_name="window/parse")
    assert parsed.success and parsed.manifest is not None, parsed.describe_failure()

    def duplicate(where: str) -> None:
        con = duckdb.connect(str(warehouse))
        try:
            con.execute(
                "insert into marts.fct_person_daily_scores "
                f"select * from marts.fct_person_daily_scores where {where} order by person_score_id limit 1"
            )
        finally:
            con.close()

    # a duplicate dated before the window: the night's tests do not read it, the full run finds it
    duplicate(f"score_date < date '{window_start - timedelta(days=30)}'")
    incremental = night("incremental-outside", window_start, parsed.manifest)
    assert incremental.success, incremental.describe_failure()
    compiled = _compiled(incremental.target_path, WINDOWED)
    assert f"(score_date >= cast('{window_start.isoformat()}' as date) or score_date is null)" in compiled
    assert "dbt_subquery" not in _compiled(incremental.target_path, WHOLE)  # small tables: every row
    assert "(rescored_at >= cast('" in _compiled(incremental.target_path, REWRITTEN)  # this run's start
    full = night("full", None, parsed.manifest)
    assert not full.success and [p.unique_id.split(".")[2] for p in full.failures] == [WINDOWED]
    assert "dbt_subquery" not in _compiled(full.target_path, WINDOWED)

    # a duplicate inside the window fails the night
    duplicate(f"score_date >= date '{window_start}'")
    inside = night("incremental-inside", window_start, parsed.manifest)
    assert not inside.success and [p.unique_id.split(".")[2] for p in inside.failures] == [WINDOWED]
