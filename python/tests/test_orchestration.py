"""The Dagster definitions: they load, and the nightly job materialises and publishes under the nightly's rules.

- `dagster definitions validate` in a subprocess, from a data directory without a manifest (a fresh clone);
- the whole `handoff_nightly` job in-process on the tiny generated company: published warehouse, marts, run row;
- the safety rules, on test_nightly's small fake project (seconds, not minutes): a failing dbt test or expectation
  publishes nothing, a held lock refuses the run, and `published_warehouse` alone never publishes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from dagster import AssetKey, Definitions, ExecuteInProcessResult
from test_nightly import sha256, write_project, write_raw

from handoff.nightly import HISTORY_FILE, HISTORY_TABLE, read_runs, run_nightly
from handoff.nightly.lock import nightly_lock
from handoff.orchestration.assets import EXPECTATIONS_KEY, PUBLISHED_KEY, WORK_COPY_KEY
from handoff.orchestration.jobs import NIGHTLY_CRON, NIGHTLY_JOB, NIGHTLY_SCHEDULE, build_definitions
from handoff.orchestration.manifest import manifest_path
from handoff.project import ProjectPaths

REPO = Path(__file__).resolve().parents[2]
DEFINITIONS_FILE = REPO / "python" / "handoff" / "orchestration" / "definitions.py"
PATH_VARIABLES = ("HANDOFF_WAREHOUSE", "HANDOFF_RAW", "HANDOFF_DATA_DIR")  # HANDOFF_PROJECT_DIR may choose the project
pytestmark = [
    pytest.mark.dbt,
    # dagster-dbt 0.29 itself calls the deprecated AssetExecutionContext.op; nothing for this project to change
    pytest.mark.filterwarnings("ignore:AssetExecutionContext.op is deprecated:DeprecationWarning"),
]
SKIP_FRESHNESS = {"ops": {"work_copy": {"config": {"skip_freshness": True}}}}  # the tiny data ends on a fixed day


def run_job(defs: Definitions, run_config: dict[str, Any] | None = None, **kwargs: Any) -> ExecuteInProcessResult:
    """Execute the nightly job (or a subset of it) in this process, with an ephemeral Dagster instance."""
    job = defs.resolve_job_def(NIGHTLY_JOB)
    config = SKIP_FRESHNESS if run_config is None else run_config
    return job.execute_in_process(run_config=config, raise_on_error=False, **kwargs)


def failed_steps(result: ExecuteInProcessResult) -> dict[str, str]:
    """Failed step -> the failure's description (the nightly's paragraph)."""
    failures = {}
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            failures[event.step_key] = (event.step_failure_data.user_failure_data or error).description or str(error)
    return failures


def materialised(result: ExecuteInProcessResult) -> set[AssetKey]:
    return {event.asset_key for event in result.all_events if event.event_type_value == "ASSET_MATERIALIZATION"}


def query(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------------------------
# The real project on the tiny company: loads with `dagster definitions validate`, materialises and publishes


@pytest.fixture(scope="module")
def tiny_site(
    tmp_path_factory: pytest.TempPathFactory, tiny_raw: Path
) -> tuple[ProjectPaths, subprocess.CompletedProcess[str]]:
    """A data directory holding only the tiny raw file, validated once by the Dagster CLI (which parses dbt)."""
    root = tmp_path_factory.mktemp("orchestration")
    data_dir, dagster_home = root / "data", root / "dagster_home"
    data_dir.mkdir()
    dagster_home.mkdir()  # `dagster definitions validate` needs DAGSTER_HOME to exist
    shutil.copy(tiny_raw, data_dir / "raw.duckdb")
    env = {key: value for key, value in os.environ.items() if key not in PATH_VARIABLES}
    env.update(HANDOFF_DATA_DIR=str(data_dir), DAGSTER_HOME=str(dagster_home), GX_ANALYTICS_ENABLED="false")
    validated = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-f", str(DEFINITIONS_FILE)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return ProjectPaths.default(data_dir=data_dir), validated


def test_definitions_validate_from_a_fresh_data_directory(tiny_site: tuple[ProjectPaths, Any]) -> None:
    paths, validated = tiny_site
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "All code locations passed validation" in validated.stdout + validated.stderr
    assert manifest_path(paths).is_file()  # parsed at load time into the data directory, not into target/
    assert not (paths.data_dir / "warehouse.duckdb").exists()  # loading never builds or touches a warehouse


def test_definitions_wire_the_nightly(tiny_site: tuple[ProjectPaths, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    paths, _ = tiny_site
    for name in PATH_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    defs = build_definitions(paths)
    schedule = defs.resolve_schedule_def(NIGHTLY_SCHEDULE)
    assert (schedule.cron_schedule, schedule.execution_timezone, schedule.job_name) == (
        NIGHTLY_CRON,
        "UTC",
        NIGHTLY_JOB,
    )
    job = defs.resolve_job_def(NIGHTLY_JOB)
    assert job.executor_def.name == "in_process"  # one process holds the lock from work_copy to the publish
    graph = defs.resolve_asset_graph()
    for key in (AssetKey(["marts", mart]) for mart in ("fct_mqls", "dim_persons", "fct_opportunities")):
        assert WORK_COPY_KEY in graph.get(key).parent_keys, key  # dbt waits for the work file
        assert key in graph.get(EXPECTATIONS_KEY).parent_keys  # expectations wait for the whole build
    assert graph.get(PUBLISHED_KEY).parent_keys == {EXPECTATIONS_KEY}


def test_nightly_job_materialises_and_publishes_on_the_tiny_company(
    tiny_site: tuple[ProjectPaths, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _ = tiny_site
    for name in PATH_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    defs = build_definitions(paths)
    result = run_job(defs)
    assert result.success, failed_steps(result)

    graph = defs.resolve_asset_graph()
    expected = {key for key in graph.get_all_asset_keys() if graph.get(key).is_materializable}
    assert materialised(result) == expected  # every model and seed, and the nightly's three assets
    checks = [
        e.asset_check_evaluation_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    assert checks and all(check.passed for check in checks)  # the dbt tests, as asset checks

    published = paths.warehouse_path
    marts = {
        row[0]
        for row in query(published, "select table_name from information_schema.tables where table_schema = 'marts'")
    }
    manifest = json.loads(manifest_path(paths).read_text())
    built_marts = {
        node["alias"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["schema"].endswith("marts")
        and node["config"]["materialized"] != "ephemeral"
    }
    assert built_marts and built_marts <= marts
    for mart in ("dim_persons", "fct_mqls"):
        assert query(published, f"select count(*) from marts.{mart}")[0][0] > 0, mart

    runs = read_runs(paths.runs_dir / HISTORY_FILE)
    assert [(run.status, run.exit_code) for run in runs] == [("success", 0)]
    assert set(runs[0].step_seconds) >= {"lock", "build", "expectations"}  # the row is written before the swap
    assert query(published, f"select run_id, status from {HISTORY_TABLE}") == [(runs[0].run_id, "success")]
    assert not list(paths.work_dir.glob("*.duckdb"))  # the work file became the published one
    with nightly_lock(paths.data_dir / "nightly.lock", "after"):  # released when the Dagster run ended
        pass


# ---------------------------------------------------------------------------------------------------------------
# The rules, on test_nightly's fake project (a handful of models that vars break on purpose)


@pytest.fixture(scope="module")
def fake_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fake project, published once by the CLI's nightly, with the definitions' manifest parsed."""
    root = tmp_path_factory.mktemp("orchestration_fake")
    write_project(root / "project")
    write_raw(root / "data" / "raw.duckdb")
    with pytest.MonkeyPatch.context() as patch:
        for name in PATH_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("DBT_PROFILES_DIR", str(root / "project"))
        paths = ProjectPaths(project_dir=root / "project", data_dir=root / "data")
        outcome = run_nightly(paths, skip_freshness=True)
        assert outcome.ok, outcome.message
        build_definitions(paths)  # parses into data/runs/dagster, copied (with mtimes) into each site
    return root


@pytest.fixture
def fake_site(fake_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectPaths:
    root = tmp_path / "site"
    shutil.copytree(fake_template, root, ignore=shutil.ignore_patterns("target", "logs", "nightly", "expectations"))
    for name in PATH_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(root / "project"))
    return ProjectPaths(project_dir=root / "project", data_dir=root / "data")


def with_vars(dbt_vars: dict[str, Any]) -> dict[str, Any]:
    return {"ops": {"work_copy": {"config": {"skip_freshness": True, "dbt_vars": dbt_vars}}}}


def assert_unpublished(paths: ProjectPaths, before: str, status: str, step: str, exit_code: int) -> None:
    """The published file is byte-for-byte unchanged and the run history has the nightly's row for the failure."""
    assert sha256(paths.warehouse_path) == before
    last = read_runs(paths.runs_dir / HISTORY_FILE)[-1]
    assert (last.status, last.failing_step, last.exit_code) == (status, step, exit_code), last.message


def test_a_failing_dbt_test_publishes_nothing(fake_site: ProjectPaths) -> None:
    before = sha256(fake_site.warehouse_path)
    result = run_job(build_definitions(fake_site), with_vars({"null_person": True}))
    assert not result.success
    failures = failed_steps(result)
    assert set(failures) == {"dbt_models"}
    assert "failed at step 'build' (exit 4)" in failures["dbt_models"]
    assert "not_null_dim_persons_person_id" in failures["dbt_models"]
    assert {WORK_COPY_KEY, EXPECTATIONS_KEY, PUBLISHED_KEY} & materialised(result) == {WORK_COPY_KEY}
    assert_unpublished(fake_site, before, "failed", "build", 4)


def test_a_failing_expectation_publishes_nothing(fake_site: ProjectPaths) -> None:
    before = sha256(fake_site.warehouse_path)
    result = run_job(build_definitions(fake_site), with_vars({"duplicate_mql": True}))
    assert set(failed_steps(result)) == {"expectations"}
    assert "failed at step 'expectations' (exit 5)" in failed_steps(result)["expectations"]
    assert PUBLISHED_KEY not in materialised(result)
    assert_unpublished(fake_site, before, "failed", "expectations", 5)


def test_a_held_lock_refuses_the_run(fake_site: ProjectPaths) -> None:
    before = sha256(fake_site.warehouse_path)
    defs = build_definitions(fake_site)
    with nightly_lock(fake_site.data_dir / "nightly.lock", "cli-nightly"):
        result = run_job(defs)
    assert set(failed_steps(result)) == {"work_copy"}
    assert "refused (exit 2)" in failed_steps(result)["work_copy"]
    assert not materialised(result)
    assert_unpublished(fake_site, before, "refused", "lock", 2)


def test_published_warehouse_alone_never_publishes(fake_site: ProjectPaths) -> None:
    before = sha256(fake_site.warehouse_path)
    rows_before = len(read_runs(fake_site.runs_dir / HISTORY_FILE))
    result = run_job(build_definitions(fake_site), run_config={}, asset_selection=[PUBLISHED_KEY])
    assert set(failed_steps(result)) == {"published_warehouse"}
    assert "Materialise the handoff_nightly job" in failed_steps(result)["published_warehouse"]
    assert sha256(fake_site.warehouse_path) == before
    assert len(read_runs(fake_site.runs_dir / HISTORY_FILE)) == rows_before  # no nightly run was started
