"""`handoff review`: the quarterly drift review flags planted drift and stays silent on a quiet quarter."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import Built
from drift_company import DRIFT_QUARTER, QUIET_QUARTER, drift_company

from handoff.cli import EXIT_USAGE, main
from handoff.project import ProjectPaths
from handoff.review import PSI_MAJOR, Quarter, psi, run_review


@pytest.fixture(scope="module")
def drifting(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return drift_company(tmp_path_factory)


def test_quarters_parse_and_chain() -> None:
    q = Quarter.parse("2026Q3")
    assert (q.start.isoformat(), q.end.isoformat()) == ("2026-07-01", "2026-09-30")
    assert str(q.previous()) == "2026Q2" and str(Quarter.parse("Q1 2026").previous()) == "2025Q4"
    assert Quarter.parse("2025-q4").next() == Quarter(2026, 1)
    with pytest.raises(ValueError, match="not a quarter"):
        Quarter.parse("2026-07")


def test_psi_is_zero_for_the_same_distribution_and_large_for_a_shift() -> None:
    rng = np.random.default_rng(1)
    before = np.where(rng.random(5000) < 0.4, 0, rng.gamma(2, 10, 5000))
    same = np.where(rng.random(5000) < 0.4, 0, rng.gamma(2, 10, 5000))
    doubled = np.where(rng.random(5000) < 0.4, 0, rng.gamma(2, 20, 5000))
    assert psi(before, same) < 0.02
    assert psi(before, doubled) > PSI_MAJOR


@pytest.mark.dbt
def test_the_review_flags_planted_drift(drifting: Built, tmp_path: Path) -> None:
    result = run_review(drifting.paths, DRIFT_QUARTER, report_dir=tmp_path)
    bots = result.flagged("bot_share")
    assert len(bots) == 1, result.findings
    signals = {f.subject for f in result.flagged("signal_conversion")}
    # the generator's hand-raise is a demo request or a contact-sales form: it stopped converting on 2026-07-01
    assert signals and signals <= {"demo_request", "contact_sales"}, result.findings
    assert "stopped converting" in result.flagged("signal_conversion")[0].message
    assert not result.flagged("score_shift"), "bots are filtered: the scores themselves must not move"
    html = result.report_path.read_text()
    assert html.count("data:image/png;base64,") >= 4 and "Recommendations" in html


@pytest.mark.dbt
def test_a_quiet_quarter_raises_nothing(drifting: Built, tmp_path: Path) -> None:
    result = run_review(drifting.paths, QUIET_QUARTER, report_dir=tmp_path)
    assert result.findings == [], result.findings
    assert not result.psi.empty and not result.signals.empty and not result.monthly.empty
    assert "no change recommended" in result.summary_markdown()


@pytest.mark.dbt
def test_cli_review(
    drifting: Built, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("HANDOFF_DATA_DIR", str(drifting.paths.data_dir))
    assert main(["review", "--quarter", DRIFT_QUARTER, "--report-dir", str(tmp_path)]) == 0
    assert "demo_request stopped converting" in capsys.readouterr().out
    assert main(["review", "--quarter", "2031Q1"]) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err.startswith("handoff review: 2031Q1 has not started") and "\n" not in err
    assert main(["review", "--quarter", "Q5"]) == EXIT_USAGE
    missing = ProjectPaths.default(data_dir=tmp_path / "nothing")
    monkeypatch.setenv("HANDOFF_DATA_DIR", str(missing.data_dir))
    assert main(["review", "--quarter", DRIFT_QUARTER]) == EXIT_USAGE
    assert "no warehouse" in capsys.readouterr().err


def test_the_review_reads_marts_in_plain_sql() -> None:
    """The review asks the marts through MartReader: no DuckDB-only SQL, no definition of its own, and only the two
    score-component models (no mart holds them yet) from the intermediate layer."""
    import handoff.review as review

    source = Path(review.__file__).read_text()
    queries = [
        node.value.lower()
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "select " in node.value.lower()
    ]
    assert len(queries) >= 8, "every look's query is found"
    for dialect in ("strftime(", "group by all", "arg_max(", "date_trunc('month'", "::"):
        assert not [q for q in queries if dialect in q], dialect
    intermediate = set(re.findall(r"intermediate\.(\w+)", source))
    assert intermediate == {"int_person_fit_rules_matched", "int_person_intent_decayed"}, intermediate
    assert "effective_to" not in source, "the version in force on a date is the marts' answer, not a condition here"
    assert "duckdb" not in source


@pytest.mark.dbt
def test_conversion_by_band_adds_up_to_the_rates_mart(drifting: Built, tmp_path: Path) -> None:
    """The quarter's MQLs and SQLs summed over intent bands are the mart's: mrt_handoff_rates' months of the quarter,
    every segment, Handoff's own definitions."""
    result = run_review(drifting.paths, DRIFT_QUARTER, report_dir=tmp_path)
    bands = result.bands
    mqls = bands[("mqls", "current")].fillna(0)
    sqls = (mqls * bands[("sql_rate", "current")].fillna(0)).round()
    quarter = Quarter.parse(DRIFT_QUARTER)
    ((mart_mqls, mart_sqls),) = drifting.query(
        """
        select sum(mql_count), sum(sql_count) from marts.mrt_handoff_rates
        where period_grain = 'month' and segment = 'All' and definition_version is not null
          and period_start_date between ? and ?
        """,
        [quarter.start, quarter.end],
    )
    assert int(mqls.sum()) == int(mart_mqls) > 0
    assert int(sqls.sum()) == int(mart_sqls)
