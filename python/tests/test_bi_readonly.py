"""Read-only means read-only: with a BI reader holding the published file, every documented BI-side command works.

The reader is a plain `duckdb.connect(..., read_only=True)` kept open for the whole module. A command that opened the
file for writing would fail on DuckDB's lock ("Conflicting lock is held") or lock the reader out; the file's bytes
must also be unchanged at the end. The docs built here are read in headless Chromium: overview, exposures, owners.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import jinja2
import pytest
import yaml

from handoff.board import serve
from handoff.board.browser import find_chromium, headless_chromium, render

HANDOFF = str(Path(sys.executable).with_name("handoff"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def site(bi_published: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory whose published warehouse is the tiny BI file, held open by a read-only reader throughout."""
    data = tmp_path_factory.mktemp("bi_site")
    shutil.copyfile(bi_published, data / "warehouse.duckdb")
    reader = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    before = _sha256(data / "warehouse.duckdb")
    yield data
    assert reader.execute("select count(*) from marts.fct_mqls").fetchone()[0] > 0, "the reader still reads"
    reader.close()
    assert _sha256(data / "warehouse.duckdb") == before, "a BI-side command changed the published file"


def _run(site: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDOFF_DATA_DIR": str(site)}
    for name in ("HANDOFF_WAREHOUSE", "HANDOFF_TARGET", "DBT_TARGET_PATH"):
        env.pop(name, None)
    completed = subprocess.run([HANDOFF, *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert completed.returncode == 0, f"handoff {' '.join(args)}: {completed.stdout[-2000:]}{completed.stderr[-2000:]}"
    return completed


def test_no_default_target_writes_the_published_file() -> None:
    """The default DuckDB target builds into data/dev.duckdb; the BI target attaches the published file read-only."""
    project = Path(__file__).resolve().parents[2]
    text = (project / "profiles.yml").read_text(encoding="utf-8")
    environment = jinja2.Environment()
    rendered = yaml.safe_load(environment.from_string(text).render(env_var=lambda name, default=None: default))
    outputs = rendered["handoff"]["outputs"]
    assert rendered["handoff"]["target"] == "duckdb"
    assert outputs["duckdb"]["path"] == "data/dev.duckdb"
    published = outputs["published"]
    assert published["path"] == ":memory:"
    assert published["attach"] == [{"path": "data/warehouse.duckdb", "alias": "warehouse", "read_only": True}]


def test_mf_query_as_documented_with_a_reader_attached(site: Path, tmp_path: Path, bi_query) -> None:
    out = tmp_path / "pipeline.csv"
    _run(
        site, "mf", "query", "--metrics", "pipeline_created_amount", "--group-by", "metric_time__month",
        "--csv", str(out),
    )  # fmt: skip
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    shown = sum(float(row["pipeline_created_amount"] or 0) for row in rows)
    expected = bi_query.scalar(
        "select sum(pipeline_amount) from marts.mrt_pipeline_created where period_grain = 'month'"
    )
    assert rows and shown == pytest.approx(float(expected))


def test_board_starts_with_a_reader_attached(site: Path) -> None:
    port = serve.free_port()
    env = {**os.environ, "HANDOFF_DATA_DIR": str(site)}
    env.pop("HANDOFF_WAREHOUSE", None)
    process = subprocess.Popen(
        [HANDOFF, "board", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        assert serve.wait_until_up(port, process) < 120
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.skipif(
    find_chromium() is None and os.environ.get("HANDOFF_BROWSER_TESTS") != "required",
    reason="Chromium is missing: ./handoff test installs it",
)
def test_docs_have_column_types_overview_and_exposures(site: Path, bi_query) -> None:
    completed = _run(site, "docs", "--no-serve")
    page = Path(completed.stdout.strip().rsplit(": ", 1)[-1])
    target = page.parent
    catalog = json.loads((target / "catalog.json").read_text())["nodes"]
    manifest = json.loads((target / "manifest.json").read_text())
    marts = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["schema"] == "marts"
        and node["config"]["materialized"] != "ephemeral"
    ]
    published = {
        name
        for (name,) in bi_query.query("select table_name from information_schema.tables where table_schema = 'marts'")
    }
    assert {node["name"] for node in marts} == published
    for node in marts:
        columns = catalog[node["unique_id"]]["columns"]
        assert columns and all(column["type"] for column in columns.values()), node["name"]
        assert node["group"], f"{node['name']} has no group (owner)"
    with headless_chromium() as browser:
        overview = render(browser, page.as_uri(), wait_for=("Handoff: the B2B revenue warehouse", "Where to start"))
        assert "Revenue Operations" in overview.text
        exposure = render(
            browser,
            f"{page.as_uri()}#!/exposure/exposure.handoff.revenue_pipeline",
            wait_for=("Revenue pipeline exposure", "View this exposure"),
        )
        assert "Revenue Operations" in exposure.text
        assert "http://localhost:8501/" in exposure.links
        dim = render(browser, f"{page.as_uri()}#!/model/model.handoff.dim_persons", wait_for=("dim_persons", "VARCHAR"))
        assert "email" in dim.text
