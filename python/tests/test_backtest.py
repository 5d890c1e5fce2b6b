"""`handoff backtest`: both scenarios scored by dbt on scratch warehouses; the published file never changes."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import Built
from drift_company import project_copy

from handoff.backtest import SCENARIO_VERSION_BASE, BacktestResult, Window, run_backtest, scenario_definitions
from handoff.cli import EXIT_USAGE, main
from handoff.definitions import EFFECTIVE, PROPOSED, DefinitionSet
from handoff.project import ProjectPaths

CHANGE = date(2026, 6, 1)  # the demo definition's 70 -> 60 change (version 1 -> 2)
LAST_DAY = date(2026, 11, 14)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_scenario_seeds_put_one_version_in_force_from_the_window(tmp_path: Path) -> None:
    defs = DefinitionSet.read(project_copy(tmp_path / "p") / "seeds" / "definitions")
    scenario = scenario_definitions(defs, 1, Window(CHANGE, LAST_DAY))
    copy = SCENARIO_VERSION_BASE + 1
    assert scenario.effective() == [(1, date(2025, 1, 1)), (copy, CHANGE)]
    assert scenario.version(2)["status"] == PROPOSED, "the change inside the window is set aside"
    assert scenario.version(copy)["status"] == EFFECTIVE and scenario.version(copy)["mql_threshold"] == "70"
    assert scenario.rules("intent_rules", copy) == [
        {**r, "definition_version": str(copy)} for r in defs.rules("intent_rules", 1)
    ]
    assert defs.version(2)["status"] == EFFECTIVE, "the project's own seeds are not touched"


@pytest.fixture(scope="module")
def backtested(
    tiny_built: Built, tiny_raw: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BacktestResult, str, str]:
    """The demo change re-scored: version 2 proposed against version 1, from the change to the last day."""
    before = sha256(tiny_built.warehouse)
    result = run_backtest(
        tiny_built.paths,
        proposed=2,
        baseline=1,
        start=CHANGE,
        end=LAST_DAY,
        raw=tiny_raw,
        report_dir=tmp_path_factory.mktemp("backtest_reports"),
    )
    return result, before, sha256(tiny_built.warehouse)


@pytest.mark.dbt
def test_backtest_never_touches_the_published_warehouse(
    backtested: tuple[BacktestResult, str, str], tiny_built: Built
) -> None:
    result, before, after = backtested
    assert before == after
    assert result.scratch is None and not list(tiny_built.paths.runs_dir.glob("backtest-*")), "scratch is removed"


@pytest.mark.dbt
def test_backtest_of_a_past_change_reproduces_what_was_published(
    backtested: tuple[BacktestResult, str, str], tiny_built: Built
) -> None:
    """The proposed scenario (version 2 from the change) is the history that happened: the same MQLs, re-scored by
    dbt from scratch, as the published warehouse; the in-force scenario is version 1 carried on."""
    result, _, _ = backtested
    published = {
        (p, d)
        for p, d in tiny_built.query(
            "select person_id, mql_date from marts.fct_mqls where mql_date between ? and ?", [CHANGE, LAST_DAY]
        )
    }
    proposed = set(zip(result.mqls["proposed"]["person_id"], result.mqls["proposed"]["mql_date"], strict=True))
    assert proposed == published and published
    assert (result.mqls["proposed"]["definition_version"] == SCENARIO_VERSION_BASE + 2).all()
    assert (result.mqls["in force"]["intent_score"] >= 70).all() and (
        result.mqls["proposed"]["intent_score"] >= 60
    ).all()
    entering = result.entering
    assert ((entering["intent_score"] >= 60) & (entering["intent_score"] < 70)).all() or entering.empty
    assert result.definition_effect == len(result.mqls["proposed"]) - len(result.mqls["in force"]) >= 0
    assert int(result.weekly["proposed"].sum()) == len(result.mqls["proposed"])
    assert int(result.quadrants["in force"].sum()) == len(result.mqls["in force"])
    assert list(result.expected["scenario"]) == ["in force", "proposed"]
    assert result.report_path and result.report_path.is_file()


def _decomposition(warehouse: Path) -> tuple[str, list[str]] | None:
    """The definition-vs-behaviour decomposition mart, when the handoff marts have landed (issue 4)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select table_schema || '.' || table_name, list(column_name) from information_schema.columns "
            "where table_schema = 'marts' group by all having list_contains(list(column_name), 'definition_effect')"
        ).fetchall()
    finally:
        con.close()
    return (rows[0][0], rows[0][1]) if rows else None


@pytest.mark.dbt
def test_backtest_agrees_with_the_decomposition_mart(tiny_built: Built, tmp_path: Path) -> None:
    """The mart's definition effect for the 70 -> 60 change is what the backtest measures over the mart's period."""
    mart = _decomposition(tiny_built.warehouse)
    if mart is None:
        pytest.skip("no decomposition mart (a marts table with a definition_effect column) in the DAG yet")
    name, columns = mart
    version = next(c for c in ("to_definition_version", "definition_version", "new_definition_version") if c in columns)
    start = next(c for c in ("period_start", "period_start_date", "effective_from") if c in columns)
    end = next(c for c in ("period_end", "period_end_date") if c in columns)
    row = tiny_built.query(f"select {start}, {end}, definition_effect from {name} where {version} = 2")[0]
    again = run_backtest(
        tiny_built.paths, proposed=2, baseline=1, start=row[0], end=row[1], raw=tiny_built.raw, report_dir=tmp_path
    )
    assert again.definition_effect == row[2]


def test_cli_backtest_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = ProjectPaths(project_dir=project_copy(tmp_path / "p"), data_dir=tmp_path / "data")
    monkeypatch.setenv("HANDOFF_PROJECT_DIR", str(project.project_dir))
    monkeypatch.setenv("HANDOFF_DATA_DIR", str(project.data_dir))
    assert main(["backtest"]) == EXIT_USAGE
    assert "no proposed version" in capsys.readouterr().err
    assert main(["backtest", "--version", "7", "--from", "2026-06-01", "--to", "2026-07-01"]) == EXIT_USAGE
    assert "unknown definition version 7" in capsys.readouterr().err
    assert (
        main(["backtest", "--version", "2", "--against", "2", "--from", "2026-06-01", "--to", "2026-07-01"])
        == EXIT_USAGE
    )
    assert "compared with itself" in capsys.readouterr().err
    assert main(["backtest", "--version", "2", "--from", "2026-08-01", "--to", "2026-07-01"]) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err == "handoff backtest: the window starts (2026-08-01) after it ends (2026-07-01)"
    assert (
        main(["backtest", "--version", "2", "--against", "1", "--from", "2026-06-01", "--to", "2026-07-01"])
        == EXIT_USAGE
    )
    assert "no raw data" in capsys.readouterr().err
