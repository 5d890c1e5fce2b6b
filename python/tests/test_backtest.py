"""`handoff backtest`: both scenarios scored by dbt on scratch warehouses; the published file never changes."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import Built
from drift_company import project_copy

from handoff.backtest import (
    PEOPLE_COLUMNS,
    SCENARIO_VERSION_BASE,
    BacktestResult,
    Window,
    expected_outcomes,
    run_backtest,
    scenario_definitions,
)
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
def decomposition(tiny_built: Built) -> dict[str, Any]:
    """The decomposition mart's row for the demo change (version 1 -> 2): its period and its three volumes."""
    columns = [
        "period_start_date", "period_end_date", "mqls_before", "mqls_after", "mqls_after_rescored",
        "definition_effect", "behaviour_effect", "total_change", "is_rescored_exactly",
    ]  # fmt: skip
    rows = tiny_built.query(
        f"select {', '.join(columns)} from marts.fct_definition_change_decomposition where to_definition_version = 2"
    )
    assert len(rows) == 1, "one row per change"
    return dict(zip(columns, rows[0], strict=True))


@pytest.fixture(scope="module")
def backtested(
    tiny_built: Built, tiny_raw: Path, decomposition: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> tuple[BacktestResult, str, str]:
    """The demo change re-scored: version 2 proposed against version 1, over the decomposition mart's period after
    the change (the change date to the as-of date of the build), so one backtest serves every test here."""
    assert decomposition["period_start_date"] == CHANGE
    before = sha256(tiny_built.warehouse)
    result = run_backtest(
        tiny_built.paths,
        proposed=2,
        baseline=1,
        start=decomposition["period_start_date"],
        end=decomposition["period_end_date"],
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
    assert result.window.end >= LAST_DAY, "the window covers the data to its last day"
    published = {
        (p, d)
        for p, d in tiny_built.query(
            "select person_id, mql_date from marts.fct_mqls where mql_date between ? and ?",
            [result.window.start, result.window.end],
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


@pytest.mark.dbt
def test_backtest_agrees_with_the_decomposition_mart(
    backtested: tuple[BacktestResult, str, str], decomposition: dict[str, Any]
) -> None:
    """fct_definition_change_decomposition re-scores the period after the 70 -> 60 change under version 1 from the
    scores the chain already keeps; the backtest rebuilds the project with version 1 in force from the change date.
    Over the same period (the mart's: change date to the as-of date) they must agree: the published volume is the
    proposed scenario, the re-scored volume the in-force one, and so the definition effect is the same number."""
    result, _, _ = backtested
    assert decomposition["is_rescored_exactly"]
    assert (result.window.start, result.window.end) == (
        decomposition["period_start_date"],
        decomposition["period_end_date"],
    )
    assert len(result.mqls["proposed"]) == decomposition["mqls_after"]
    assert len(result.mqls["in force"]) == decomposition["mqls_after_rescored"]
    assert result.definition_effect == decomposition["definition_effect"]
    assert decomposition["definition_effect"] + decomposition["behaviour_effect"] == decomposition["total_change"]
    assert decomposition["mqls_after"] > 0 and decomposition["mqls_before"] > 0, "the tiny data exercises both periods"


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


@pytest.mark.dbt
def test_backtest_names_people_and_accounts(backtested: tuple[BacktestResult, str, str]) -> None:
    """Who enters and leaves is shown by name, title and account, never by raw record ids."""
    result, _, _ = backtested
    for table in (result.entering, result.leaving):
        assert list(table.columns) == PEOPLE_COLUMNS and "person_id" not in table.columns
    named = result.mqls["proposed"]
    assert named["person_name"].notna().mean() > 0.9 and named["account_name"].notna().mean() > 0.5
    shown = pd.concat([result.entering, result.leaving])
    ids = set(named["person_id"])
    assert not set(shown["person"]) & ids and not set(shown["account"]) & ids
    html = result.report_path.read_text() if result.report_path else ""
    for person in shown["person"].head(5):
        assert str(person) in html


def test_expected_sqls_and_opportunities_follow_their_own_rates() -> None:
    """Expected SQLs come from the measured MQL->SQL rate of each band, expected opportunities from the measured
    MQL->opportunity rate: when the two rates differ, so do the expectations."""
    rates = pd.DataFrame(
        {
            "band": [60, 70, 80],
            "units": [20, 20, 20],
            "sql_rate": [0.4, 0.5, 0.6],
            "opportunity_rate": [0.1, 0.2, 0.3],
            "pipeline_per_unit": [1000.0, 2000.0, 3000.0],
        }
    )
    mqls = {
        "in force": pd.DataFrame({"intent_score": [72.0, 75.0, 88.0]}),
        "proposed": pd.DataFrame({"intent_score": [61.0, 72.0, 75.0, 88.0]}),
    }
    expected = expected_outcomes(mqls, rates).set_index("scenario")
    assert expected.loc["in force", "expected_sqls"] == pytest.approx(0.5 + 0.5 + 0.6)
    assert expected.loc["in force", "expected_opportunities"] == pytest.approx(0.2 + 0.2 + 0.3)
    assert expected.loc["proposed", "expected_sqls"] == pytest.approx(0.4 + 0.5 + 0.5 + 0.6)
    assert expected.loc["proposed", "expected_opportunities"] == pytest.approx(0.1 + 0.2 + 0.2 + 0.3)
    assert expected.loc["proposed", "expected_pipeline"] == pytest.approx(1000 + 2000 + 2000 + 3000)


@pytest.mark.dbt
def test_backtest_rates_are_measured_on_the_handoff_facts(backtested: tuple[BacktestResult, str, str]) -> None:
    """The band rates are shares of the in-force scenario's MQL handoffs (the facts mrt_handoff_rates counts):
    an SQL is not an opportunity, so the SQL rate is never below the opportunity rate, and the expectations are
    the band rates summed over each scenario's MQLs."""
    result, _, _ = backtested
    rates = result.band_rates
    assert not rates.empty and (rates["sql_rate"] >= rates["opportunity_rate"]).all()
    again = expected_outcomes(result.mqls, rates).set_index("scenario")
    shown = result.expected.set_index("scenario")
    assert again["expected_sqls"].tolist() == shown["expected_sqls"].tolist()
    assert again["expected_opportunities"].tolist() == shown["expected_opportunities"].tolist()
