"""The nightly job against a tiny fake dbt project: publish, refuse, and never damage the published warehouse.

The fake project has the real project's profile shape (the real profiles.yml is copied: raw attached read-only,
the warehouse path from HANDOFF_WAREHOUSE) and a few models that vars can break on purpose:
- `null_person`: dim_persons.person_id becomes null, so its dbt `not_null` test fails (build step);
- `duplicate_mql`: fct_mqls gets every row twice, which no dbt test catches but GX does (expectations step);
- `mql_sql_rate`: the health-band column of the tier-2 rates mart (warning only);
- `gate_file`: a Python model waits for that file to exist, holding the build midway (kill / concurrency tests);
- `build_tag`: a value written into every fct_mqls row, to tell one build from the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from handoff.nightly import EXIT_CODES, HISTORY_FILE, LockRefused, RunRecord, Step, read_runs, run_nightly
from handoff.nightly.files import new_run_id, remove_leftovers
from handoff.nightly.lock import nightly_lock
from handoff.nightly.runlog import append_run, last_successful, write_history_table
from handoff.project import ProjectPaths

REAL_PROJECT = Path(__file__).resolve().parents[2]
WAIT_LIMIT_SECONDS = 240  # only a guard against hanging forever, never asserted on

FAKE_PROJECT = {
    "dbt_project.yml": """
name: handoff_fake
version: "0.1.0"
config-version: 2
profile: handoff
flags:
  send_anonymous_usage_stats: false
models:
  handoff_fake:
    staging: {+schema: staging, +materialized: table}
    marts: {+schema: marts, +materialized: table}
seeds:
  handoff_fake: {+schema: reference}
""",
    "models/staging/_crm__sources.yml": """
sources:
  - name: crm
    database: raw
    schema: crm
    config:
      loaded_at_field: synced_at
      freshness:
        warn_after: {count: 24, period: hour}
        error_after: {count: 72, period: hour}
    tables:
      - name: leads
""",
    "models/staging/_crm__models.yml": """
models:
  - name: gate
    config:
      gate_file: "{{ var('gate_file', '') }}"
""",
    "models/staging/stg_crm__leads.sql": "select lead_id, email, synced_at from {{ source('crm', 'leads') }}\n",
    "models/staging/gate.py": """
import time
from pathlib import Path


def model(dbt, session):
    gate = dbt.config.get("gate_file")
    if gate:
        Path(gate + ".waiting").touch()
        while not Path(gate).exists():
            time.sleep(0.05)
    return session.sql("select 1 as opened")
""",
    "models/marts/dim_persons.sql": """
select
    case when {{ var('null_person', false) }} then null else lead_id end as person_id,
    email
from {{ ref('stg_crm__leads') }}
""",
    "models/marts/fct_mqls.sql": """
select lead_id as mql_id, '{{ var("build_tag", "a") }}' as build_tag from {{ ref('stg_crm__leads') }}
{% if var('duplicate_mql', false) %}
union all
select lead_id as mql_id, 'dup' as build_tag from {{ ref('stg_crm__leads') }}
{% endif %}
""",
    "models/marts/mrt_handoff_rates.sql": """
select
    cast({{ var('mql_sql_rate', 0.3) }} as double) as mql_sql_rate,
    cast(0.5 as double) as acceptance_rate,
    1 as period_id
""",
    "models/marts/_marts__models.yml": """
models:
  - name: dim_persons
    columns:
      - name: person_id
        data_tests: [not_null, unique]
unit_tests:
  # Fails whenever it runs: a scheduled night (CLI or Dagster) must leave unit tests to CI and still succeed.
  - name: logic_check_left_to_ci
    model: fct_mqls
    given:
      - input: ref('stg_crm__leads')
        rows: [{lead_id: 1}]
    expect:
      rows: [{mql_id: 2}]
""",
    "seeds/definition_versions.csv": "version,effective_from,status\nv1,2024-01-01,effective\nv2,2999-01-01,proposed\n",
}


# ---------------------------------------------------------------------------------------------------------------
# The fake project and its data


def write_project(project_dir: Path) -> None:
    """The fake dbt project, with the real profiles.yml and schema-naming macro."""
    for relative, text in FAKE_PROJECT.items():
        path = project_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"))
    shutil.copy(REAL_PROJECT / "profiles.yml", project_dir / "profiles.yml")
    (project_dir / "macros").mkdir(exist_ok=True)
    # the real schema naming; its check of the project's own identifier vars needs the handoff macros: left out
    naming = (REAL_PROJECT / "macros" / "generate_schema_name.sql").read_text()
    naming = "\n".join(line for line in naming.splitlines() if "do handoff.check_identifier_vars" not in line)
    (project_dir / "macros" / "generate_schema_name.sql").write_text(naming + "\n")


def write_raw(raw: Path, *, hours_old: float = 0.0, leads: int = 50) -> None:
    """The loaders' file: crm.leads, last synced `hours_old` hours ago (UTC, no time zone, as staged)."""
    synced_at = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=hours_old)
    raw.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(raw))
    try:
        con.execute("create schema if not exists crm")
        con.execute(
            "create or replace table crm.leads as "
            "select i as lead_id, 'p' || i || '@example.com' as email, ? as synced_at from range(1, ? + 1) t(i)",
            [synced_at, leads],
        )
    finally:
        con.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(database: Path, sql: str) -> list[tuple]:
    """Open read-only, query, close (as a BI tool does; never keep it open across a nightly)."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fake project whose warehouse was published once (build_tag a): copied by each test that needs it."""
    root = tmp_path_factory.mktemp("nightly_template")
    write_project(root / "project")
    write_raw(root / "data" / "raw.duckdb")
    saved = os.environ.get("DBT_PROFILES_DIR")
    os.environ["DBT_PROFILES_DIR"] = str(root / "project")
    try:
        outcome = run_nightly(_paths(root), skip_freshness=True)
    finally:
        if saved is None:
            os.environ.pop("DBT_PROFILES_DIR", None)
        else:
            os.environ["DBT_PROFILES_DIR"] = saved
    assert outcome.ok, outcome.message
    return root


def _paths(root: Path) -> ProjectPaths:
    return ProjectPaths(project_dir=root / "project", data_dir=root / "data")


@pytest.fixture
def site(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectPaths:
    """A private copy of the template: project, raw file, published warehouse and run history."""
    root = tmp_path / "site"
    shutil.copytree(template / "project", root / "project", ignore=shutil.ignore_patterns("target", "logs"))
    (root / "data" / "runs").mkdir(parents=True)
    for relative in ("raw.duckdb", "warehouse.duckdb", f"runs/{HISTORY_FILE}"):
        shutil.copy(template / "data" / relative, root / "data" / relative)
    for name in ("HANDOFF_WAREHOUSE", "HANDOFF_RAW", "HANDOFF_PROJECT_DIR", "HANDOFF_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(root / "project"))
    return _paths(root)


# ---------------------------------------------------------------------------------------------------------------
# A nightly in another process (to kill it, or to race it)

CHILD = """
import json, sys
from pathlib import Path
from handoff.nightly import run_nightly
from handoff.project import ProjectPaths
paths = ProjectPaths(project_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
outcome = run_nightly(paths, dbt_vars=json.loads(sys.argv[3]), skip_freshness=True)
print("OUTCOME " + json.dumps({"exit_code": outcome.exit_code, "status": outcome.status, "run_id": outcome.run_id}))
sys.exit(outcome.exit_code)
"""


def start_child_nightly(paths: ProjectPaths, dbt_vars: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(paths.project_dir), str(paths.data_dir), json.dumps(dbt_vars)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ.copy(),
    )


def wait_for(path: Path, child: subprocess.Popen) -> None:
    """Wait until `path` exists (the child reached the gate), failing early if the child died."""
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while not path.exists():
        if child.poll() is not None:
            pytest.fail(f"the child nightly ended before reaching the gate:\n{child.stdout.read()}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the child nightly never reached the gate")
        time.sleep(0.05)


def work_files(paths: ProjectPaths) -> list[Path]:
    return sorted(p for p in paths.work_dir.glob("*.duckdb") if ".freshness." not in p.name)


# ---------------------------------------------------------------------------------------------------------------
# Fast tests of the parts (no dbt)


def record(run_id: str, status: str = "success", **extra: object) -> RunRecord:
    times = {"started_at": "2026-01-01T02:00:00+00:00", "ended_at": "2026-01-01T02:05:00+00:00"}
    return RunRecord.from_dict({"run_id": run_id, "status": status, **times, **extra})


def test_run_history_survives_a_torn_line_and_lands_in_the_warehouse(tmp_path: Path) -> None:
    history = tmp_path / HISTORY_FILE
    append_run(history, record("r1", row_counts={"marts.a": 10}, definition_versions=["v1"]))
    with history.open("a") as handle:
        handle.write('{"run_id": "r2", "sta')  # a process killed in the middle of an append
    append_run(history, record("r3", status="failed", failing_step="build", exit_code=4))

    runs = read_runs(history)

    assert [run.run_id for run in runs] == ["r1", "r3"]
    assert last_successful(runs).run_id == "r1"
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        write_history_table(con, runs)
        rows = con.execute("select run_id, status, exit_code, row_counts, started_at from ops.nightly_runs").fetchall()
    finally:
        con.close()
    assert [r[:3] for r in rows] == [("r1", "success", 0), ("r3", "failed", 4)]
    assert json.loads(rows[0][3]) == {"marts.a": 10} and rows[0][4] == datetime(2026, 1, 1, 2, 0)


def test_the_lock_refuses_a_second_holder_and_names_the_first(tmp_path: Path) -> None:
    lock = tmp_path / "nightly.lock"

    def second() -> None:
        with nightly_lock(lock, "second"):
            pytest.fail("two holders at once")

    with nightly_lock(lock, "first-run"):
        assert json.loads(lock.read_text())["run_id"] == "first-run"
        with pytest.raises(LockRefused, match=r"already running \(run first-run, pid \d+"):
            second()
    with nightly_lock(lock, "third"):  # released on exit
        pass


def test_only_run_files_are_cleared_from_the_work_directory(tmp_path: Path) -> None:
    run_id = new_run_id()
    ours = [tmp_path / f"{run_id}.duckdb", tmp_path / f"{run_id}.duckdb.wal", tmp_path / f"{run_id}.freshness.duckdb"]
    theirs = [tmp_path / "backtest_scratch.duckdb", tmp_path / "notes.txt"]
    for path in ours + theirs:
        path.write_text("x")

    assert remove_leftovers(tmp_path) == sorted(ours)
    assert all(path.exists() for path in theirs)


# ---------------------------------------------------------------------------------------------------------------
# The whole job on the fake project


@pytest.mark.dbt
def test_success_publishes_and_appends_a_run_row(site: ProjectPaths) -> None:
    history_before = read_runs(site.runs_dir / HISTORY_FILE)
    messages: list[str] = []

    outcome = run_nightly(site, dbt_vars={"build_tag": "b"}, progress=messages.append)

    assert outcome.ok and outcome.exit_code == 0, outcome.message
    assert outcome.status == "success" and outcome.failing_step is None
    assert set(outcome.step_seconds) == {step.value for step in Step} | {"parse"}
    # one parse per night: freshness and the build are handed the manifest of the run's one `dbt parse`
    logs = site.runs_dir / "nightly" / outcome.run_id
    assert "Starting full parse" in (logs / "parse" / "logs" / "dbt.log").read_text()
    for step in ("freshness", "build"):
        assert "parsing" not in (logs / step / "logs" / "dbt.log").read_text().lower(), step
    assert any(m.startswith("parse: project parsed once") for m in messages)
    assert "Tests: every data test on every row" in outcome.message  # the fake project names no large table
    assert outcome.row_counts == {"marts.dim_persons": 50, "marts.fct_mqls": 50, "marts.mrt_handoff_rates": 1}
    assert outcome.definition_versions == ["v1"]  # v2 is only proposed
    assert any(m.startswith("freshness:") for m in messages) and any(m.startswith("publish:") for m in messages)
    assert query(site.warehouse_path, "select distinct build_tag from marts.fct_mqls") == [("b",)]
    # the durable history and the published table both carry every run, this one last
    history = read_runs(site.runs_dir / HISTORY_FILE)
    assert len(history) == len(history_before) + 1
    assert history[-1].run_id == outcome.run_id and history[-1].status == "success"
    assert history[-1].row_counts == outcome.row_counts and history[-1].dbt_version.startswith("1.11")
    rows = query(
        site.warehouse_path,
        "select run_id, status, definition_versions, row_counts from ops.nightly_runs order by started_at",
    )
    assert [r[0] for r in rows] == [run.run_id for run in history]
    assert json.loads(rows[-1][2]) == ["v1"] and json.loads(rows[-1][3])["marts.fct_mqls"] == 50
    assert work_files(site) == []  # the work file became the published file
    assert outcome.report_path and outcome.report_path.exists()


@pytest.mark.dbt
def test_failing_dbt_test_leaves_the_published_file_unchanged(site: ProjectPaths) -> None:
    before = sha256(site.warehouse_path)

    outcome = run_nightly(site, dbt_vars={"null_person": True}, skip_freshness=True)

    assert outcome.exit_code == EXIT_CODES[Step.BUILD] == 4
    assert outcome.status == "failed" and outcome.failing_step == "build"
    assert "'build'" in outcome.message and "not_null_dim_persons_person_id" in outcome.message
    assert str(outcome.log_path) in outcome.message and outcome.log_path.name == "dbt.log"
    assert sha256(site.warehouse_path) == before
    assert query(site.warehouse_path, "select count(*), min(build_tag) from marts.fct_mqls") == [(50, "a")]
    assert outcome.work_file and outcome.work_file.exists()  # kept for inspection
    last = read_runs(site.runs_dir / HISTORY_FILE)[-1]
    assert (last.run_id, last.status, last.failing_step, last.exit_code) == (outcome.run_id, "failed", "build", 4)
    # the failed row is not in the published file (it was not touched) ...
    published_ids = [r[0] for r in query(site.warehouse_path, "select run_id from ops.nightly_runs")]
    assert outcome.run_id not in published_ids
    # ... until the next successful publish copies the history in; that run also clears the old work file
    after = run_nightly(site, skip_freshness=True)
    assert after.ok, after.message
    statuses = dict(query(site.warehouse_path, "select run_id, status from ops.nightly_runs"))
    assert statuses[outcome.run_id] == "failed" and statuses[after.run_id] == "success"
    assert not outcome.work_file.exists()


@pytest.mark.dbt
def test_failing_expectation_leaves_the_published_file_unchanged(site: ProjectPaths) -> None:
    before = sha256(site.warehouse_path)

    outcome = run_nightly(site, dbt_vars={"duplicate_mql": True, "build_tag": "b"}, skip_freshness=True)

    assert outcome.exit_code == EXIT_CODES[Step.EXPECTATIONS] == 5
    assert outcome.failing_step == "expectations"
    assert "marts.fct_mqls unique(mql_id)" in outcome.message
    assert outcome.report_path and str(outcome.report_path) in outcome.message and outcome.report_path.exists()
    assert sha256(site.warehouse_path) == before
    assert query(
        site.warehouse_path, "select count(*), count(distinct mql_id), min(build_tag) from marts.fct_mqls"
    ) == [(50, 50, "a")]


@pytest.mark.dbt
def test_health_band_only_warns(site: ProjectPaths) -> None:
    outcome = run_nightly(site, dbt_vars={"mql_sql_rate": 0.95, "build_tag": "b"}, skip_freshness=True)

    assert outcome.ok, outcome.message
    assert any("mql_sql_rate" in warning for warning in outcome.warnings)
    assert "mql_sql_rate" in outcome.message  # reported in the success paragraph
    summary = json.loads((outcome.report_path.parent / "summary.json").read_text())
    warned = [c for c in summary["checks"] if not c["success"]]
    assert [(c["table"], c["severity"]) for c in warned] == [("marts.mrt_handoff_rates", "warning")]
    assert query(site.warehouse_path, "select mql_sql_rate from marts.mrt_handoff_rates") == [(0.95,)]


@pytest.mark.dbt
def test_stale_source_fails_at_freshness_and_warn_level_is_reported(site: ProjectPaths) -> None:
    before = sha256(site.warehouse_path)
    write_raw(site.raw_path, hours_old=100)  # error_after is 72 hours

    stale = run_nightly(site)

    assert stale.exit_code == EXIT_CODES[Step.FRESHNESS] == 3 and stale.failing_step == "freshness"
    assert "source.handoff_fake.crm.leads" in stale.message and "error after 72 hour" in stale.message
    assert sha256(site.warehouse_path) == before
    assert work_files(site) == []  # nothing was built

    write_raw(site.raw_path, hours_old=48)  # warn_after is 24 hours
    late = run_nightly(site, skip_expectations=True)

    assert late.ok, late.message
    assert any("crm.leads" in w and "warn" in w for w in late.warnings)
    assert late.skipped_steps == ["expectations"]


@pytest.mark.dbt
def test_sigkill_midway_through_the_build_leaves_the_published_file_unchanged(site: ProjectPaths) -> None:
    before = sha256(site.warehouse_path)
    gate = site.data_dir / "gate"
    child = start_child_nightly(site, {"gate_file": str(gate), "build_tag": "b"})

    wait_for(Path(str(gate) + ".waiting"), child)  # dbt is building into the work file right now
    assert len(work_files(site)) == 1
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    assert child.returncode == -signal.SIGKILL
    assert sha256(site.warehouse_path) == before
    assert query(site.warehouse_path, "select min(build_tag), count(*) from marts.fct_mqls") == [("a", 50)]
    # the lock died with its holder: the next nightly runs, clears the half-built file and publishes
    again = run_nightly(site, dbt_vars={"build_tag": "c"}, skip_freshness=True)
    assert again.ok, again.message
    assert work_files(site) == []
    assert query(site.warehouse_path, "select distinct build_tag from marts.fct_mqls") == [("c",)]


@pytest.mark.dbt
def test_a_second_nightly_is_refused_while_one_runs(site: ProjectPaths) -> None:
    gate = site.data_dir / "gate"
    child = start_child_nightly(site, {"gate_file": str(gate), "build_tag": "b"})
    try:
        wait_for(Path(str(gate) + ".waiting"), child)
        before = sha256(site.warehouse_path)

        refused = run_nightly(site, skip_freshness=True)

        assert refused.status == "refused" and refused.failing_step == "lock"
        assert refused.exit_code == EXIT_CODES[Step.LOCK] == 2
        assert "another nightly is already running" in refused.message and "pid" in refused.message
        assert sha256(site.warehouse_path) == before
    finally:
        gate.touch()  # let the first one finish
        output, _ = child.communicate(timeout=WAIT_LIMIT_SECONDS)
    assert child.returncode == 0, output
    first = json.loads(output.rsplit("OUTCOME ", 1)[1].splitlines()[0])
    assert first["status"] == "success"
    assert query(site.warehouse_path, "select distinct build_tag from marts.fct_mqls") == [("b",)]
    statuses = {run.run_id: run.status for run in read_runs(site.runs_dir / HISTORY_FILE)}
    assert statuses[refused.run_id] == "refused" and statuses[first["run_id"]] == "success"


READER = """
import sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
def look():
    tag, rows = con.execute("select min(build_tag), count(*) from marts.fct_mqls").fetchone()
    runs = con.execute("select count(*) from ops.nightly_runs").fetchone()[0]
    print(f"{tag} {rows} {runs}", flush=True)
look()
sys.stdin.readline()
look()
con.close()
"""


@pytest.mark.dbt
def test_readers_see_a_whole_old_or_a_whole_new_warehouse(site: ProjectPaths) -> None:
    old_reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(site.warehouse_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first_look = old_reader.stdout.readline().split()
        assert first_look[:2] == ["a", "50"]

        # publish while the old reader holds the file open read-only
        outcome = run_nightly(site, dbt_vars={"build_tag": "b"}, skip_freshness=True)
        assert outcome.ok, outcome.message

        old_reader.stdin.write("again\n")
        old_reader.stdin.flush()
        second_look = old_reader.stdout.readline().split()
    finally:
        old_reader.communicate(timeout=WAIT_LIMIT_SECONDS)
    assert second_look == first_look  # still the old file, consistently
    new_reader = subprocess.run(
        [sys.executable, "-c", READER, str(site.warehouse_path)],
        input="\n",
        capture_output=True,
        text=True,
        check=True,
    )
    new_look = new_reader.stdout.splitlines()[0].split()
    assert new_look[:2] == ["b", "50"]
    assert int(new_look[2]) == int(first_look[2]) + 1  # the new file carries this run's row too


@pytest.mark.dbt
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_stopping_the_wrapper_mid_build_stops_the_job_and_frees_the_lock(site: ProjectPaths, stop: int) -> None:
    """`./handoff nightly` killed by a scheduler: the Python child dies with it, the lock is free, nothing published."""
    before = sha256(site.warehouse_path)
    gate = site.data_dir / "gate"
    band = Path("seeds/reference/mql_sql_health_band.csv")  # the CLI reads the health band from the project
    (site.project_dir / band).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REAL_PROJECT / band, site.project_dir / band)
    env = {
        **os.environ,
        "HANDOFF_VENV": str(Path(sys.executable).parent.parent),
        "HANDOFF_PROJECT_DIR": str(site.project_dir),
        "HANDOFF_DATA_DIR": str(site.data_dir),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REAL_PROJECT / "python"), os.environ.get("PYTHONPATH")])),
    }
    wrapper = subprocess.Popen(
        [str(REAL_PROJECT / "handoff"), "nightly", "--skip-freshness", "--vars", json.dumps({"gate_file": str(gate)})],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    wait_for(Path(str(gate) + ".waiting"), wrapper)  # dbt is building into the work file right now

    os.kill(wrapper.pid, stop)
    wrapper.wait(timeout=WAIT_LIMIT_SECONDS)

    with nightly_lock(site.data_dir / "nightly.lock", "checker"):  # free at once: no orphan holds it
        pass
    gate.touch()  # an orphan still waiting at the gate would now finish and publish
    time.sleep(3)
    assert sha256(site.warehouse_path) == before
    assert query(site.warehouse_path, "select distinct build_tag from marts.fct_mqls") == [("a",)]


WRITER = """
import sys
import duckdb
con = duckdb.connect(sys.argv[1])  # a BI client that opened the published file for writing
print("open", flush=True)
sys.stdin.readline()
con.close()
"""


@pytest.mark.dbt
def test_a_bi_client_writing_to_the_published_file_is_exit_6_with_that_reason(site: ProjectPaths) -> None:
    before = sha256(site.warehouse_path)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(site.warehouse_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "open"
        outcome = run_nightly(site, skip_freshness=True)
    finally:
        writer.communicate("\n", timeout=WAIT_LIMIT_SECONDS)

    assert outcome.exit_code == EXIT_CODES[Step.PUBLISH] == 6 and outcome.failing_step == "publish"
    assert "is open for writing by another process" in outcome.message
    assert sha256(site.warehouse_path) == before


@pytest.mark.dbt
def test_an_absent_raw_table_stops_the_night_in_one_line_naming_it(site: ProjectPaths) -> None:
    con = duckdb.connect(str(site.raw_path))
    con.execute("drop table crm.leads")
    con.close()

    outcome = run_nightly(site)

    assert outcome.exit_code == EXIT_CODES[Step.BUILD] and outcome.failing_step == "build"
    first_line = outcome.message.split(". The published warehouse")[0]
    assert "crm.leads does not exist (raw.crm.leads)" in first_line and "\n" not in outcome.message
    assert (
        any("source crm.leads: no data (absent)" in w for w in outcome.warnings) or "freshness" in outcome.step_seconds
    )


def test_a_failed_build_names_the_first_failing_node_and_its_database_error() -> None:
    from handoff.dbt import DbtResult, NodeProblem

    result = DbtResult(
        command=["build"],
        success=False,
        elapsed_seconds=1.0,
        log_path=Path("/x/logs/dbt.log"),
        target_path=Path("/x/target"),
        failures=[
            NodeProblem("test.handoff.not_null_stg_x_id", "error", "Runtime Error in test not_null_stg_x_id"),
            NodeProblem(
                "model.handoff.stg_hubspot__email_events",
                "error",
                "Runtime Error in model stg_hubspot__email_events (models/staging/stg_hubspot__email_events.sql)"
                '\n  Catalog Error: Table with name email_event does not exist!\n  Did you mean "raw.hubspot.form"?',
            ),
        ],
    )

    line = result.describe_failure()

    assert line == (
        "dbt build failed at model.handoff.stg_hubspot__email_events (error): Catalog Error: Table with name "
        "email_event does not exist! (and 1 more failed). Full log: /x/logs/dbt.log"
    )
