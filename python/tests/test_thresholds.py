"""Threshold choice: the health-band threshold and the sales-capacity threshold, side by side."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import Built
from drift_company import project_copy

from handoff.project import ProjectPaths
from handoff.threshold_evidence import measure_candidates
from handoff.thresholds import (
    Capacity,
    HealthBand,
    candidate_grid,
    choose_thresholds,
    default_candidates,
    score_history_units,
    settings,
    threshold_policy,
)


def units(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    """(threshold, MQLs, SQLs) -> one row per MQL the threshold would make."""
    out = []
    for threshold, mqls, sqls in rows:
        out += [{"threshold": threshold, "sql": int(i < sqls)} for i in range(mqls)]
    return pd.DataFrame(out)


def test_band_and_capacity_thresholds_side_by_side() -> None:
    candidates = units([(40, 100, 10), (50, 60, 12), (60, 40, 12), (70, 20, 9), (80, 10, 6)])
    choice = choose_thresholds(candidates, weeks=10, band=HealthBand(0.2, 0.5), capacity=Capacity(1, 5))
    assert choice.band_option is not None and choice.band_option.threshold == 50  # 20 %: the lowest healthy one
    assert choice.capacity_option is not None and choice.capacity_option.threshold == 60  # 4/week <= 5/week
    assert choice.band_option.per_week == 6.0 and choice.capacity_option.sql_rate == pytest.approx(0.3)
    table = choice.table()
    assert list(table["band"]) == ["too_permissive", "healthy", "healthy", "healthy", "too_strict"]
    assert list(table["fits_capacity"]) == [False, False, True, True, True]
    lines = choice.summary_lines()
    assert "threshold 50 -> 6.0 MQLs/week at 20% MQL->SQL" in lines[0]
    assert "1 reps x 5/week = 5" in lines[1] and "threshold 60" in lines[1]


def test_no_healthy_threshold_names_the_closest_and_capacity_can_be_exceeded() -> None:
    candidates = units([(40, 100, 5), (60, 50, 5)])
    choice = choose_thresholds(candidates, weeks=1, band=HealthBand(0.2, 0.5), capacity=Capacity(1, 10))
    assert choice.band_option is not None and choice.band_option.threshold == 60
    assert "no candidate reaches the band; closest: too_permissive" in choice.band_note
    assert choice.capacity_option is not None and "exceeds capacity" in choice.capacity_note


def test_scores_per_unit_count_at_every_threshold_up_to_the_score() -> None:
    scored = pd.DataFrame({"score": [10, 35, 35, 70, -1], "sql": [0, 0, 1, 1, 1]})
    choice = choose_thresholds(scored, 1, HealthBand(0.2, 0.5), Capacity(), thresholds=[10, 30, 60])
    assert [(o.threshold, o.mqls, o.sqls) for o in choice.options] == [(10, 4, 2), (30, 3, 2), (60, 1, 1)]


def test_settings_come_from_the_band_seed_project_vars_and_the_command_line(tmp_path: Path) -> None:
    paths = ProjectPaths(project_dir=project_copy(tmp_path / "p"), data_dir=tmp_path / "d")
    band, capacity = settings(paths)
    assert (band.low, band.high, capacity.per_week) == (0.2, 0.5, 40)
    project_file = paths.project_dir / "dbt_project.yml"
    text, replaced = re.subn(r"^(  handoff__sales_reps:) .*$", r"\1 6", project_file.read_text(), count=1, flags=re.M)
    assert replaced == 1, "dbt_project.yml declares no var handoff__sales_reps"
    project_file.write_text(text)
    seed = paths.project_dir / "seeds" / "reference" / "mql_sql_health_band.csv"
    seed.write_text("band_low,band_high,below_label,within_label,above_label\n0.25,0.5,too_loose,ok,too_tight\n")
    band, capacity = settings(paths, per_rep=12)
    assert (band.low, capacity.reps, capacity.per_week) == (0.25, 6, 72)
    assert [band.verdict(r) for r in (0.1, 0.3, 0.6)] == ["too_loose", "ok", "too_tight"]
    assert default_candidates(60)[0] == 20 and default_candidates(60)[-1] == 120


def test_band_labels_have_one_source_read_by_dbt_and_python() -> None:
    """The band's bounds and labels live only in the mql_sql_health_band seed: the marts label rates through
    handoff.mql_sql_health_band, which reads the seed's columns, and Python reads the same file."""
    paths = ProjectPaths.default()
    band = HealthBand.from_project(paths)
    assert (band.low, band.high) == (0.2, 0.5)
    labels = (band.below_label, band.within_label, band.above_label)
    assert labels == ("too_permissive", "healthy", "too_strict")
    assert [band.verdict(r) for r in (0.19, 0.2, 0.5, 0.51)] == [labels[0], labels[1], labels[1], labels[2]]
    macro = (paths.project_dir / "macros" / "handoffs" / "handoff_vars.sql").read_text()
    body = macro[macro.index("macro mql_sql_health_band") :]
    body = body[: body.index("endmacro")]
    assert "band_low" in body and "below_label" in body and "0.2" not in body, "the macro reads the seed's row"
    code = [
        path
        for folder in ("models", "macros")
        for path in (paths.project_dir / folder).rglob("*.sql")
        if any(f"'{label}'" in path.read_text() for label in labels if label != "healthy")
    ]
    assert not code, f"band labels spelled out in SQL instead of read from the seed: {code}"
    python = [
        path
        for path in (paths.project_dir / "python" / "handoff").rglob("*.py")
        if path.name != "thresholds.py" and any(label in path.read_text() for label in ("too permissive", "too strict"))
    ]
    assert not python, f"band labels spelled out in Python instead of read from the seed: {python}"
    project = (paths.project_dir / "dbt_project.yml").read_text()
    assert "mql_sql_band" not in project, "the band is the seed, not a var"


@pytest.mark.dbt
def test_at_the_version_threshold_the_estimate_is_the_mqls_dbt_made(tiny_built: Built) -> None:
    """Under version 1 (threshold 70), the first day at or above 70 per episode is exactly fct_mqls' MQL date."""
    start, end = date(2025, 1, 1), date(2026, 5, 31)
    estimated = score_history_units(tiny_built.warehouse, start, end, [60, 70, 80])
    at_70 = estimated[estimated["threshold"] == 70]
    mqls = set(
        tiny_built.query(
            "select person_id, mql_date from marts.fct_mqls where definition_version = 1 and mql_date between ? and ?",
            [start, end],
        )
    )
    assert set(zip(at_70["person_id"], pd.to_datetime(at_70["anchor_date"]).dt.date, strict=True)) == mqls and mqls
    counts = estimated.groupby("threshold").size()
    assert counts[60] >= counts[70] >= counts.get(80, 0)
    assert (estimated["anchor_intent"] >= estimated["threshold"]).all()


def test_calibrate_and_backtest_choose_thresholds_through_one_policy(tmp_path: Path) -> None:
    """Calibrate hands threshold_policy one row per lead and its score, backtest one row per (candidate, MQL):
    the same MQLs in either shape give the same health-band, capacity and recommended thresholds."""
    import handoff.backtest as backtest
    import handoff.calibrate as calibrate

    assert backtest.threshold_policy is threshold_policy and calibrate.threshold_policy is threshold_policy
    for module in (backtest, calibrate):
        source = Path(module.__file__).read_text()
        assert "choose_thresholds(" not in source, f"{module.__name__} must choose through threshold_policy"
    paths = ProjectPaths(project_dir=project_copy(tmp_path / "p"), data_dir=tmp_path / "d")
    rng = np.random.default_rng(4)
    scores = rng.integers(0, 120, 600)
    sql = (rng.random(600) < np.clip(scores / 150, 0, 1)).astype(int)
    by_lead = pd.DataFrame({"score": scores, "sql": sql})
    candidates = [20, 40, 60, 80, 100]
    by_threshold = pd.DataFrame(
        [{"threshold": t, "sql": s} for t in candidates for score, s in zip(scores, sql, strict=True) if score >= t]
    )
    from_calibrate = threshold_policy(paths, measure_candidates(by_lead, 26, candidates))
    from_backtest = threshold_policy(paths, measure_candidates(by_threshold, 26, candidates))
    for choice in (from_calibrate, from_backtest):
        assert choice.band_option is not None and choice.capacity_option is not None
    assert from_calibrate.band_option == from_backtest.band_option
    assert from_calibrate.capacity_option == from_backtest.capacity_option
    assert from_calibrate.recommended == from_backtest.recommended
    assert candidate_grid(scores)[0] >= 1
