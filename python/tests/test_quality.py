"""The expectation suites: the plan built from the specs, and the GX checkpoint on small DuckDB files.

No dbt here: the warehouse files are written directly, so each rule can be broken on purpose in one line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import Built

from handoff.quality import (
    DEFAULT_CONFIG,
    BandSpec,
    MartSpec,
    QualityConfig,
    TableInfo,
    plan_checks,
    read_catalog,
    run_expectations,
)

# ---------------------------------------------------------------------------------------------------------------
# The plan (pure: no GX, no files)


def table(name: str, *columns: str, rows: int = 100) -> TableInfo:
    schema, short = name.split(".")
    return TableInfo(schema, short, columns, rows)


def kinds(plan, name: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [(c.kind, c.columns, c.severity) for c in plan.checks_for(name)]


def test_plan_applies_specs_only_to_tables_that_exist() -> None:
    catalog = {t.qualified: t for t in [table("marts.fct_mqls", "mql_id", "person_id", "mql_at")]}

    plan = plan_checks(catalog, DEFAULT_CONFIG)

    assert kinds(plan, "marts.fct_mqls") == [
        ("not_null", ("mql_id",), "critical"),
        ("unique", ("mql_id",), "critical"),
    ]
    assert plan.tables == ["marts.fct_mqls"]
    assert "marts.dim_persons" in plan.missing_tables and "marts.fct_mqls" not in plan.missing_tables
    assert {"marts.fct_engagement_events", "marts.fct_person_daily_scores", "marts.fct_mql_handoffs"} <= set(
        plan.missing_tables
    )


def test_plan_flags_a_missing_key_column_instead_of_guessing() -> None:
    catalog = {"marts.dim_persons": table("marts.dim_persons", "id", "email")}

    plan = plan_checks(catalog, DEFAULT_CONFIG)

    assert kinds(plan, "marts.dim_persons") == [("column_exists", ("person_id",), "critical")]


def test_plan_finds_rate_columns_and_health_bands_by_name() -> None:
    catalog = {
        t.qualified: t
        for t in [
            table("marts.mrt_handoff_rates", "month", "mql_sql_rate", "sla_met_rate", "mqls"),
            table("staging.stg_x", "conversion_rate"),  # not a checked schema
        ]
    }

    plan = plan_checks(catalog, DEFAULT_CONFIG)

    checks = plan.checks_for("marts.mrt_handoff_rates")
    rates = [(c.columns[0], c.min_value, c.max_value, c.severity) for c in checks]
    assert rates == [
        ("mql_sql_rate", 0.0, 1.0, "critical"),
        ("sla_met_rate", 0.0, 1.0, "critical"),
        ("mql_sql_rate", 0.2, 0.5, "warning"),
    ]
    assert plan.checks_for("staging.stg_x") == [] and "staging.stg_x" not in plan.tables


def test_plan_bounds_row_counts_by_the_last_successful_run() -> None:
    catalog = {
        t.qualified: t
        for t in [
            table("marts.a", "x"),
            table("marts.b", "x"),
            table("marts.c", "x"),
            table("marts.fct_quarantined_rows"),
        ]
    }
    baseline = {"marts.a": 1_000, "marts.b": 3, "marts.fct_quarantined_rows": 500}  # marts.c is new: no bound

    plan = plan_checks(catalog, DEFAULT_CONFIG, baseline)

    bounds = {c.table: (c.min_value, c.max_value) for c in plan.checks if c.kind == "row_count"}
    assert bounds == {"marts.a": (500, 10_000)}  # marts.b had fewer rows than min_baseline_rows
    strict = DEFAULT_CONFIG.with_overrides(max_shrink=0.1, max_growth=2.0, min_baseline_rows=1)
    bounds = {c.table: (c.min_value, c.max_value) for c in plan_checks(catalog, strict, baseline).checks}
    assert bounds == {"marts.a": (900, 2_000), "marts.b": (3, 6)}
    relaxed = DEFAULT_CONFIG.with_overrides(check_row_count_bounds=False)
    assert not [c for c in plan_checks(catalog, relaxed, baseline).checks if c.kind == "row_count"]


def test_plan_uses_a_compound_key_when_a_spec_names_several_columns() -> None:
    config = QualityConfig(marts=(MartSpec("marts.fct_x", keys=("day", "person_id")),))
    catalog = {"marts.fct_x": table("marts.fct_x", "day", "person_id", "points")}

    plan = plan_checks(catalog, config)

    assert kinds(plan, "marts.fct_x")[-1] == ("compound_unique", ("day", "person_id"), "critical")


# ---------------------------------------------------------------------------------------------------------------
# The checkpoint on real DuckDB files


def make_warehouse(path: Path, *statements: str) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema if not exists marts")
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()
    return path


GOOD_MARTS = (
    "create table marts.fct_mqls as select i as mql_id, i % 40 as person_id from range(1, 201) t(i)",
    "create table marts.dim_persons as select i as person_id from range(1, 41) t(i)",
    "create table marts.mrt_handoff_rates as "
    "select m as month, 0.25 + m / 100.0 as mql_sql_rate, 0.9 as sla_met_rate from range(1, 13) t(m)",
)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    return tmp_path / "reports"


def test_clean_marts_pass_and_the_report_is_written(tmp_path: Path, reports: Path) -> None:
    warehouse = make_warehouse(tmp_path / "work.duckdb", *GOOD_MARTS)

    outcome = run_expectations(warehouse, run_id="r1", reports_dir=reports)

    assert outcome.success and not outcome.failures and not outcome.warnings, outcome.describe()
    assert set(outcome.tables) == {"marts.fct_mqls", "marts.dim_persons", "marts.mrt_handoff_rates"}
    assert outcome.report_dir == reports / "expectations" / "r1"
    summary = json.loads(outcome.json_path.read_text())
    assert summary["success"] is True and len(summary["checks"]) == len(outcome.results)
    gx_results = json.loads((outcome.report_dir / "gx_validation_results.json").read_text())
    assert len(gx_results) == 3 and all(result["success"] for result in gx_results)
    page = outcome.html_path.read_text()
    assert "marts.fct_mqls" in page and "<script" not in page and "http" not in page  # self-contained
    # every GX connection is closed: the nightly can now open the file for writing and rename it
    duckdb.connect(str(warehouse)).close()


def test_broken_keys_and_rates_fail_with_names(tmp_path: Path, reports: Path) -> None:
    warehouse = make_warehouse(
        tmp_path / "work.duckdb",
        *GOOD_MARTS,
        "insert into marts.fct_mqls values (7, 1), (null, 2)",  # a duplicate key and a null key
        "insert into marts.mrt_handoff_rates values (13, 0.3, 1.7)",  # a rate above 1
    )

    outcome = run_expectations(warehouse, run_id="r2", reports_dir=reports)

    assert not outcome.success
    failed = {(r.check.table, r.check.label) for r in outcome.failures}
    assert failed == {
        ("marts.fct_mqls", "not_null(mql_id)"),
        ("marts.fct_mqls", "unique(mql_id)"),
        ("marts.mrt_handoff_rates", "sla_met_rate in [0, 1]"),
    }
    rate = next(r for r in outcome.failures if "sla_met_rate" in r.check.label)
    assert rate.unexpected_count == 1 and [float(v) for v in rate.sample] == [1.7]
    assert "unique(mql_id): duplicates present" in outcome.describe()
    assert str(outcome.html_path) in outcome.describe()


def test_row_count_bounds_against_the_baseline(tmp_path: Path, reports: Path) -> None:
    warehouse = make_warehouse(tmp_path / "work.duckdb", *GOOD_MARTS)  # fct_mqls has 200 rows

    shrunk = run_expectations(warehouse, run_id="r3", reports_dir=reports, baseline={"marts.fct_mqls": 401})
    grown = run_expectations(warehouse, run_id="r4", reports_dir=reports, baseline={"marts.fct_mqls": 19})
    steady = run_expectations(warehouse, run_id="r5", reports_dir=reports, baseline={"marts.fct_mqls": 300})

    assert [r.check.label for r in shrunk.failures] == ["row count in [201, 4,010]"]
    assert shrunk.failures[0].observed == 200
    assert [r.check.label for r in grown.failures] == ["row count in [10, 190]"]
    assert steady.success


def test_health_band_only_warns(tmp_path: Path, reports: Path) -> None:
    warehouse = make_warehouse(
        tmp_path / "work.duckdb", *GOOD_MARTS, "update marts.mrt_handoff_rates set mql_sql_rate = 0.92"
    )

    outcome = run_expectations(warehouse, run_id="r6", reports_dir=reports)

    assert outcome.success and not outcome.failures
    assert [(r.check.label, r.check.severity, r.unexpected_count) for r in outcome.warnings] == [
        ("mql_sql_rate in [0.2, 0.5]", "warning", 12)
    ]
    assert "1 warned" in outcome.describe()
    assert "warning" in outcome.html_path.read_text()


def test_custom_specs_compound_keys_and_bands(tmp_path: Path, reports: Path) -> None:
    warehouse = make_warehouse(
        tmp_path / "work.duckdb",
        "create table marts.fct_scores as select d as day, p as person_id from range(3) a(d), range(5) b(p)",
        "insert into marts.fct_scores values (0, 0)",
    )
    config = QualityConfig(
        marts=(MartSpec("marts.fct_scores", keys=("day", "person_id")),),
        bands=(BandSpec("person_id", 0, 3, tables="marts.fct_*"),),
    )

    outcome = run_expectations(warehouse, run_id="r7", reports_dir=reports, config=config)

    assert [r.check.label for r in outcome.failures] == ["compound_unique(day, person_id)"]
    assert [r.check.label for r in outcome.warnings] == ["person_id in [0, 3]"]


def test_no_marts_yet_means_nothing_to_check(tmp_path: Path, reports: Path) -> None:
    warehouse = make_warehouse(tmp_path / "work.duckdb", "create table main.other as select 1 as x")

    outcome = run_expectations(warehouse, run_id="r8", reports_dir=reports)

    assert outcome.success and outcome.results == [] and outcome.html_path.exists()
    assert read_catalog(warehouse, ("marts",)) == {}


@pytest.mark.dbt
def test_the_band_expectation_fires_on_the_real_rates_mart(tiny_built: Built, tmp_path: Path, reports: Path) -> None:
    """The band expectation checks mrt_handoff_rates.mql_sql_rate as built: silent while every rate is inside the
    seed's band, and it fires (a warning, never a block) on the one row broken on purpose."""
    from handoff.dbt import release_duckdb_connections

    release_duckdb_connections()
    work = tmp_path / "work.duckdb"
    shutil.copy2(tiny_built.warehouse, work)
    con = duckdb.connect(str(work))
    try:
        rows = con.execute("select count(*) from marts.mrt_handoff_rates where mql_sql_rate is not null").fetchone()
        assert rows and rows[0] > 0, "the tiny company has tier-2 rates"
        con.execute("update marts.mrt_handoff_rates set mql_sql_rate = 0.35 where mql_sql_rate is not null")
    finally:
        con.close()
    band_label = "mql_sql_rate in [0.2, 0.5]"

    inside = run_expectations(work, run_id="band-inside", reports_dir=reports)
    assert not [r for r in inside.warnings if r.check.label == band_label], inside.describe()

    con = duckdb.connect(str(work))
    try:
        con.execute(
            "update marts.mrt_handoff_rates set mql_sql_rate = 0.9 where (definition_key, period_grain, "
            "period_start_date, segment) in (select definition_key, period_grain, period_start_date, segment "
            "from marts.mrt_handoff_rates where mql_sql_rate is not null order by all limit 1)"
        )
    finally:
        con.close()
    broken = run_expectations(work, run_id="band-broken", reports_dir=reports)
    fired = [r for r in broken.warnings if r.check.label == band_label]
    assert broken.success and [(r.check.table, r.unexpected_count) for r in fired] == [("marts.mrt_handoff_rates", 1)]


def write_manifest(path: Path, parents: dict[str, list[str]]) -> Path:
    """A manifest.json with just what lineage reads: models, their schema and their parent models."""
    nodes = {}
    for name, ups in parents.items():
        for relation in [name, *ups]:
            schema, short = relation.split(".")
            nodes.setdefault(f"model.p.{short}", {"resource_type": "model", "schema": schema, "name": short})
        nodes[f"model.p.{name.split('.')[1]}"]["depends_on"] = {"nodes": [f"model.p.{u.split('.')[1]}" for u in ups]}
    path.write_text(json.dumps({"nodes": nodes}))
    return path


def test_an_empty_mart_passes_when_an_input_is_empty_and_fails_when_its_inputs_hold_rows(
    tmp_path: Path, reports: Path
) -> None:
    manifest = write_manifest(
        tmp_path / "manifest.json",
        {"marts.dim_persons": ["intermediate.int_persons_unified"], "marts.fct_mqls": ["intermediate.int_mqls"]},
    )
    warehouse = make_warehouse(
        tmp_path / "work.duckdb",
        "create schema intermediate",
        "create table intermediate.int_persons_unified as select 1 as person_id where false",
        "create table intermediate.int_mqls as select 1 as mql_id",  # an MQL upstream ...
        "create table marts.dim_persons as select 1 as person_id where false",
        "create table marts.fct_mqls as select 1 as mql_id, 1 as person_id where false",  # ... lost on the way
    )

    outcome = run_expectations(warehouse, run_id="e1", reports_dir=reports, manifest=manifest)

    assert outcome.empty_marts == {"marts.dim_persons": ["intermediate.int_persons_unified"]}
    assert [(r.check.table, r.check.kind) for r in outcome.failures] == [("marts.fct_mqls", "row_count")]
    assert "every input holds rows (intermediate.int_mqls)" in outcome.failures[0].check.why
    assert not any(r.check.table == "marts.dim_persons" for r in outcome.results)  # no key checks on zero rows
    assert "Empty with an empty input (no data, not an error): marts.dim_persons" in outcome.describe()

    con = duckdb.connect(str(warehouse))
    con.execute("delete from intermediate.int_mqls")
    con.close()
    assert run_expectations(warehouse, run_id="e2", reports_dir=reports, manifest=manifest).success
