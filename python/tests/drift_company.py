"""A generated company with planted drift, built once per test session for calibrate and review.

Calibration and the drift review need statistical power the tiny preset does not have: the demo preset's half a
million events, spread over 3,000 accounts (about three people each) so that every quarter holds a hundred-odd
buying episodes with a hand-raise. From 2026-07-01 two things drift: mail scanners guard twice as many domains
(bot traffic doubles) and the demo-request/contact-sales hand-raise stops converting. Before that date the
company is quiet: calibrate learns from cohorts that end by 2026-06-30, review finds 2026Q2 quiet and 2026Q3 not.

One build serves both test modules (a module-level cache: pytest's session fixtures are per defining module
unless they live in conftest.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import TEST_END_DATE, Built, build

DRIFT_FROM = date(2026, 7, 1)
DEAD_SIGNAL = "hand_raise"
QUIET_QUARTER = "2026Q2"
DRIFT_QUARTER = "2026Q3"
CALIBRATE_UNTIL = date(2026, 6, 30)

_BUILT: dict[str, Built] = {}


def drift_company(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The drifting company's raw file and its dbt build (seeds and models, no data tests): built once."""
    if "built" not in _BUILT:
        from handoff import generate

        data_dir = tmp_path_factory.mktemp("drift_company")
        raw = data_dir / "raw.duckdb"
        config = generate.GeneratorConfig.from_preset(
            "demo",
            seed=42,
            end_date=TEST_END_DATE,
            accounts=3000,
            people=10_000,
            drift_from=DRIFT_FROM,
            drift_bot_factor=2.0,
            drift_dead_signal=DEAD_SIGNAL,
        )
        generate.generate(raw, config)
        build(data_dir, raw, command=("seed",), run_name="seed")
        _BUILT["built"] = build(data_dir, raw, command=("run",), run_name="run")
    return _BUILT["built"]


def project_copy(destination: Path) -> Path:
    """The dbt project's files copied (seeds included), so a test can write definitions without touching the repo."""
    from handoff.backtest import copy_project

    return copy_project(Path(__file__).resolve().parents[2], destination)
