"""The semantic layer: MetricFlow reads the tier-1 and tier-2 metrics off the built warehouse and agrees with the marts.

`mf` (dbt-metricflow) runs as a subprocess, the way an analyst runs it, so its dbt adapter never shares this
process's dbt state. It reads the semantic manifest from `<project root>/target/semantic_manifest.json` whatever
`--target-path` says, so it runs in a stand-in project root: links to the project's files, with `target` pointing
at the build's own target directory (written by the build's parse, next to its manifest). The profile is the
project's, pointed at the built warehouse by HANDOFF_WAREHOUSE.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Built

from handoff.dbt import release_duckdb_connections

pytestmark = pytest.mark.dbt

# What a stand-in project root must not link: build output, logs and local environments.
NOT_LINKED = {"target", "logs", "data", "dbt_packages", ".venv", ".git"}


def mf_executable() -> Path:
    """The `mf` command of the environment running the tests."""
    mf = Path(sys.executable).with_name("mf")
    if not mf.exists():
        pytest.fail(f"dbt-metricflow's `mf` is not installed beside {sys.executable}", pytrace=False)
    return mf


def stand_in_project(built: Built, root: Path) -> Path:
    """A directory that looks like the dbt project to `mf`, with `target` being the build's target directory."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in built.paths.project_dir.iterdir():
        if entry.name not in NOT_LINKED:
            (root / entry.name).symlink_to(entry)
    semantic_manifest = built.result.target_path / "semantic_manifest.json"
    assert semantic_manifest.is_file(), f"the build wrote no semantic manifest at {semantic_manifest}"
    (root / "target").symlink_to(built.result.target_path)
    return root


def mf_query(built: Built, workdir: Path, metrics: Sequence[str], group_by: Sequence[str]) -> list[dict[str, str]]:
    """Run `mf query` against the built warehouse and return its rows as dicts of strings (from its CSV)."""
    project = stand_in_project(built, workdir / "project")
    out = workdir / "result.csv"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(built.paths.profiles_dir),
        "HANDOFF_WAREHOUSE": str(built.warehouse),
        "HANDOFF_RAW": str(built.raw),
        "DBT_LOG_PATH": str(workdir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    env.pop("DBT_TARGET_PATH", None)
    env.pop("DBT_PROJECT_DIR", None)
    command = [
        str(mf_executable()),
        "query",
        "--metrics",
        ",".join(metrics),
        "--group-by",
        ",".join(group_by),
        "--csv",
        str(out),
    ]
    completed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    if completed.returncode != 0 or not out.is_file():
        output = f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        pytest.fail(f"`{' '.join(command)}` failed ({completed.returncode}):\n{output}", pytrace=False)
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def as_date(value: str) -> date:
    """MetricFlow's metric_time (an ISO timestamp) as a date."""
    return datetime.fromisoformat(value).date()


def as_decimal(value: str) -> Decimal:
    """A CSV number; an empty cell (no value for that period) is zero."""
    return Decimal(value) if value not in ("", None) else Decimal(0)


@pytest.fixture(scope="module")
def quarterly_metrics(tiny_built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[date, dict[str, str]]:
    """The tier-1 metrics by quarter, as MetricFlow computes them from fct_opportunities."""
    # dbt-duckdb keeps the warehouse open in this process after an in-process build; `mf` opens it from another one.
    release_duckdb_connections()
    rows = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow"),
        metrics=["pipeline_created_amount", "pipeline_created_count", "closed_won_amount", "win_rate"],
        group_by=["metric_time__quarter"],
    )
    assert rows, "MetricFlow returned no rows"
    return {as_date(row["metric_time__quarter"]): row for row in rows}


def test_pipeline_created_through_metricflow_equals_the_mart(
    tiny_built: Built, quarterly_metrics: dict[date, dict[str, str]]
) -> None:
    mart = {
        quarter: (amount, count)
        for quarter, amount, count in tiny_built.query(
            """
            select period_start_date, sum(pipeline_amount), sum(opportunity_count)
            from marts.mrt_pipeline_created
            where period_grain = 'quarter'
            group by period_start_date
            """
        )
    }
    assert mart, "the tiny company creates pipeline"
    from_metricflow = {
        quarter: (as_decimal(row["pipeline_created_amount"]), int(as_decimal(row["pipeline_created_count"])))
        for quarter, row in quarterly_metrics.items()
        if row["pipeline_created_count"] not in ("", "0")
    }
    assert from_metricflow == mart


def test_closed_won_and_win_rate_through_metricflow_equal_the_mart(
    tiny_built: Built, quarterly_metrics: dict[date, dict[str, str]]
) -> None:
    mart = tiny_built.query(
        """
        select period_start_date, sum(won_amount), sum(won_count), sum(closed_count)
        from marts.mrt_pipeline_closed_won
        where period_grain = 'quarter'
        group by period_start_date
        order by period_start_date
        """
    )
    assert any(won_count > 0 for _, _, won_count, _ in mart), "the tiny company wins deals"
    for quarter, won_amount, won_count, closed_count in mart:
        row = quarterly_metrics[quarter]
        assert as_decimal(row["closed_won_amount"]) == won_amount, quarter
        assert float(row["win_rate"]) == pytest.approx(won_count / closed_count, abs=1e-9), quarter
        assert 0.0 <= float(row["win_rate"]) <= 1.0


def test_pipeline_by_source_through_metricflow_equals_the_split_mart(
    tiny_built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The source lives in fct_opportunity_attribution: MetricFlow joins it on the opportunity entity."""
    release_duckdb_connections()
    rows = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow_by_source"),
        metrics=["pipeline_created_amount", "pipeline_created_count"],
        group_by=["opportunity__pipeline_source"],
    )
    from_metricflow = {
        row["opportunity__pipeline_source"]: (
            as_decimal(row["pipeline_created_amount"]),
            int(as_decimal(row["pipeline_created_count"])),
        )
        for row in rows
    }
    mart = {
        source: (amount, count)
        for source, amount, count in tiny_built.query(
            """
            select pipeline_source, sum(pipeline_amount), sum(opportunity_count)
            from marts.mrt_pipeline_by_source
            where period_grain = 'quarter'
            group by pipeline_source
            having sum(opportunity_count) > 0
            """
        )
    }
    assert len(mart) > 1, "the tiny company's pipeline comes from more than one source"
    assert from_metricflow == mart


@pytest.fixture(scope="module")
def monthly_tier2_metrics(tiny_built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[date, dict[str, str]]:
    """The tier-2 handoff metrics by month of the MQL date, as MetricFlow computes them from fct_mql_handoffs."""
    release_duckdb_connections()
    rows = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow_tier2"),
        metrics=["mql_volume", "hot_mql_volume", "mql_sql_rate", "touched_within_sla_rate", "mqa_volume"],
        group_by=["metric_time__month"],
    )
    assert rows, "MetricFlow returned no tier-2 rows"
    return {as_date(row["metric_time__month"]): row for row in rows}


def test_mql_volume_and_sql_rate_through_metricflow_equal_the_tier2_mart(
    tiny_built: Built, monthly_tier2_metrics: dict[date, dict[str, str]]
) -> None:
    """MQL volume, Hot MQL volume, MQL->SQL and % in SLA by month: one definition, in MetricFlow and in the mart."""
    mart = tiny_built.query(
        """
        select
            period_start_date,
            sum(mql_count),
            sum(hot_mql_count),
            sum(sql_count),
            sum(touched_within_sla_count),
            sum(sla_decided_count)
        from marts.mrt_handoff_health
        where period_grain = 'month'
        group by period_start_date
        order by period_start_date
        """
    )
    assert sum(row[1] for row in mart) > 0, "the tiny company has MQLs"
    for month, mqls, hot, sqls, in_sla, sla_decided in mart:
        row = monthly_tier2_metrics[month]
        assert int(as_decimal(row["mql_volume"])) == mqls, month
        assert int(as_decimal(row["hot_mql_volume"])) == hot, month
        assert float(row["mql_sql_rate"]) == pytest.approx(sqls / mqls, abs=1e-9), month
        assert 0.0 <= float(row["mql_sql_rate"]) <= 1.0
        if sla_decided:
            assert float(row["touched_within_sla_rate"]) == pytest.approx(in_sla / sla_decided, abs=1e-9), month
        else:
            assert row["touched_within_sla_rate"] in ("", None), month
    months_with_mqls = {month for month, row in monthly_tier2_metrics.items() if as_decimal(row["mql_volume"]) > 0}
    assert months_with_mqls == {month for month, *_ in mart}


def test_mqa_volume_through_metricflow_equals_the_tier2_mart(
    tiny_built: Built, monthly_tier2_metrics: dict[date, dict[str, str]]
) -> None:
    """MQA volume by month agrees between MetricFlow and mrt_mqa_volume."""
    mart = dict(
        tiny_built.query(
            """
            select period_start_date, sum(mqa_count)
            from marts.mrt_mqa_volume
            where period_grain = 'month'
            group by period_start_date
            """
        )
    )
    from_metricflow = {
        month: int(as_decimal(row["mqa_volume"]))
        for month, row in monthly_tier2_metrics.items()
        if as_decimal(row["mqa_volume"]) > 0
    }
    assert from_metricflow == mart


def test_review_mart_and_metricflow_give_one_mql_to_sql_per_month_and_definition(
    tiny_built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """One number: for every month and definition, `handoff review`'s MQL->SQL (read from mrt_handoff_rates) equals
    the handoff health mart's (its counts over channels and segments) and MetricFlow's mql_sql_rate."""
    from handoff.review import Quarter, monthly_mql_to_sql
    from handoff.warehouse import MartReader

    release_duckdb_connections()
    rows = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow_by_definition"),
        metrics=["mql_volume", "mql_sql_rate"],
        group_by=["metric_time__month", "mql__definition_key"],
    )
    metricflow = {
        (as_date(row["metric_time__month"]).strftime("%Y-%m"), row["mql__definition_key"]): float(row["mql_sql_rate"])
        for row in rows
        if row["mql_sql_rate"] not in ("", None)
    }
    mart = {
        (month.strftime("%Y-%m"), key): sqls / mqls
        for month, key, sqls, mqls in tiny_built.query(
            """
            select period_start_date, definition_key, sum(sql_count), sum(mql_count)
            from marts.mrt_handoff_health where period_grain = 'month'
            group by period_start_date, definition_key
            """
        )
    }
    review = {}
    with MartReader(tiny_built.warehouse) as warehouse:
        for quarter in ("2025Q4", "2026Q4"):  # the trailing years up to each: every month of the tiny company
            table = monthly_mql_to_sql(warehouse, Quarter.parse(quarter))
            review.update({(r.month, r.definition_key): float(r.mql_to_sql) for r in table.itertuples()})
    assert len({key for _, key in mart}) >= 2, "the tiny company has MQLs under two definition versions"
    assert set(review) == set(mart) == set(metricflow)
    for month_and_definition, rate in mart.items():
        assert review[month_and_definition] == pytest.approx(rate, abs=1e-12), month_and_definition
        assert metricflow[month_and_definition] == pytest.approx(rate, abs=1e-9), month_and_definition


def test_pipeline_by_lead_source_through_metricflow_equals_the_mart(
    tiny_built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Pipeline created and closed-won by lead source: MetricFlow (on fct_opportunities) equals the tier-1 mart."""
    release_duckdb_connections()
    created = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow_lead_source"),
        metrics=["pipeline_created_amount", "pipeline_created_count"],
        group_by=["opportunity__lead_source"],
    )
    won = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow_lead_source_won"),
        metrics=["closed_won_amount"],
        group_by=["opportunity__lead_source"],
    )
    mart = {
        lead_source: (amount, count, won_amount)
        for lead_source, amount, count, won_amount in tiny_built.query(
            """
            select lead_source, sum(pipeline_amount), sum(opportunity_count), sum(won_amount)
            from marts.mrt_pipeline_by_lead_source
            where period_grain = 'quarter'
            group by lead_source
            """
        )
    }
    assert len(mart) > 1, "the tiny company's opportunities come from several lead sources"
    won_by_source = {row["opportunity__lead_source"]: as_decimal(row["closed_won_amount"]) for row in won}
    from_metricflow = {
        row["opportunity__lead_source"]: (
            as_decimal(row["pipeline_created_amount"]),
            int(as_decimal(row["pipeline_created_count"])),
            won_by_source.get(row["opportunity__lead_source"], Decimal(0)),
        )
        for row in created
    }
    assert from_metricflow == mart
    total = tiny_built.query("select sum(coalesce(amount, 0)), count(*) from marts.fct_opportunities")[0]
    assert (sum(v[0] for v in mart.values()), sum(v[1] for v in mart.values())) == total


def test_handoff_quality_by_lead_source_through_metricflow_equals_the_mart(
    tiny_built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """MQLs, SQLs, touched within the SLA and MQL->SQL by the person's lead source: MetricFlow (mql__lead_source)
    equals fct_mql_handoffs, and the lead sources add up to every MQL."""
    release_duckdb_connections()
    rows = mf_query(
        tiny_built,
        tmp_path_factory.mktemp("metricflow_handoffs_by_lead_source"),
        metrics=["mql_volume", "sql_volume", "touched_within_sla_mqls", "mql_sql_rate"],
        group_by=["mql__lead_source", "mql__definition_key"],
    )
    from_metricflow = {
        (row["mql__lead_source"], row["mql__definition_key"]): (
            int(as_decimal(row["mql_volume"])),
            int(as_decimal(row["sql_volume"] or "0")),
            int(as_decimal(row["touched_within_sla_mqls"] or "0")),
            round(float(row["mql_sql_rate"]), 9),
        )
        for row in rows
    }
    mart = {
        (lead_source, definition_key): (mqls, sqls, touched, round(sqls / mqls, 9))
        for lead_source, definition_key, mqls, sqls, touched in tiny_built.query(
            """
            select
                coalesce(lead_source, 'Unknown'),
                definition_key,
                count(*),
                sum(case when is_sql then 1 else 0 end),
                sum(case when is_touched_within_sla then 1 else 0 end)
            from marts.fct_mql_handoffs
            group by 1, 2
            """
        )
    }
    assert len({lead_source for lead_source, _ in mart}) > 1, "the tiny company's MQLs come from several lead sources"
    assert from_metricflow == mart
    persons = tiny_built.query(
        """
        select count(*) from marts.fct_mql_handoffs as handoffs
        inner join marts.dim_persons as persons on handoffs.person_id = persons.person_id
        where handoffs.lead_source is distinct from persons.lead_source
        """
    )
    assert persons[0][0] == 0, "fct_mql_handoffs.lead_source is the person's (dim_persons.lead_source)"
    assert sum(v[0] for v in mart.values()) == tiny_built.scalar("select count(*) from marts.fct_mql_handoffs")
