"""Shared fixtures: a tiny generated company and the dbt project built on it, once per test session.

Builds are expensive (tens of seconds), so the session builds one warehouse that many tests read, and the tests
that need a different build (switches off, incremental, connector samples) make their own in a temp directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from handoff.dbt import DbtResult, run_dbt
from handoff.project import ProjectPaths

# A fixed last day of data, so that definition versions, quarters and "today" never drift under the tests.
TEST_END_DATE = date(2026, 11, 15)
TEST_SEED = 7

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


@dataclass(frozen=True)
class Built:
    """A warehouse built from a raw file, and the paths of that build."""

    paths: ProjectPaths
    raw: Path
    warehouse: Path
    result: DbtResult

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a read-only query against the built warehouse."""
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """The single value of a query."""
        return self.query(sql, params)[0][0]


def generate_tiny(raw: Path, *, seed: int = TEST_SEED) -> None:
    """Write the tiny preset of the synthetic company into `raw`."""
    from handoff import generate

    config = generate.GeneratorConfig.from_preset("tiny", seed=seed, end_date=TEST_END_DATE)
    generate.generate(raw, config)


def build(
    data_dir: Path,
    raw: Path,
    *,
    command: tuple[str, ...] = ("build", "--full-refresh"),
    dbt_vars: Mapping[str, Any] | None = None,
    warehouse_name: str = "warehouse.duckdb",
    run_name: str = "build",
) -> Built:
    """Run dbt on `raw` into a warehouse under `data_dir`; fail the test with dbt's own message if it fails."""
    paths = ProjectPaths.default(data_dir=data_dir).ensure()
    warehouse = data_dir / warehouse_name
    result = run_dbt(list(command), paths=paths, warehouse=warehouse, raw=raw, run_name=run_name, dbt_vars=dbt_vars)
    built = Built(paths=paths, raw=raw, warehouse=warehouse, result=result)
    if not result.success:
        pytest.fail(result.describe_failure(), pytrace=False)
    return built


@pytest.fixture(scope="session")
def tiny_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny synthetic company's raw file (read-only for tests: copy it before changing it)."""
    raw = tmp_path_factory.mktemp("tiny_raw") / "raw.duckdb"
    generate_tiny(raw)
    return raw


@pytest.fixture(scope="session")
def tiny_built(tmp_path_factory: pytest.TempPathFactory, tiny_raw: Path) -> Iterator[Built]:
    """The whole project built, with every data test, on the tiny company."""
    yield build(tmp_path_factory.mktemp("tiny_build"), tiny_raw)


# The company on both tools (engagement_source "both"): HubSpot and Marketo tables for the same people, each email
# campaign and form in one of them, with the MQL dates recorded on Salesforce leads and contacts, HubSpot contacts
# and Marketo leads read as the external definition `crm`. The engine suite builds it on every engine, so
# Marketo staging, int_marketo_leads_resolved, `crm` and the marts that read them are compared there.
MIXED_VARS: dict[str, Any] = {
    "handoff__using_marketo": True,
    "handoff__crm_mql_date_fields": {
        "salesforce.lead": "mql_date_c",
        "salesforce.contact": "mql_date_c",
        "hubspot.contact": "property_hs_lifecyclestage_marketingqualifiedlead_date",
        "marketo.lead": "mql_date",
    },
}


def mixed_config() -> Any:
    """The tiny preset of the company on both tools (see MIXED_VARS)."""
    from handoff import generate

    return generate.GeneratorConfig.from_preset(
        "tiny", seed=TEST_SEED, end_date=TEST_END_DATE, engagement_source="both"
    )


@pytest.fixture(scope="session")
def mixed_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The raw file of the company on both tools (read-only for tests: copy it before changing it)."""
    from handoff import generate

    raw = tmp_path_factory.mktemp("mixed_raw") / "raw.duckdb"
    generate.generate(raw, mixed_config())
    return raw


@pytest.fixture(scope="session")
def mixed_built(tmp_path_factory: pytest.TempPathFactory, mixed_raw: Path) -> Built:
    """The whole project built, with every data test, on the company on both tools with `crm` on."""
    return build(tmp_path_factory.mktemp("mixed_build"), mixed_raw, dbt_vars=MIXED_VARS)


@dataclass(frozen=True)
class ReadOnlyWarehouse:
    """Read-only queries against one warehouse file (each opens and closes its own connection)."""

    path: Path

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        return self.query(sql, params)[0][0]


@pytest.fixture(scope="session")
def bi_published(tmp_path_factory: pytest.TempPathFactory, tiny_built: Built) -> Path:
    """The tiny build published as BI reads it: marts and ops only, personal data masked (the default)."""
    from handoff.nightly.bi_file import write_bi_file
    from handoff.personal_data import personal_columns

    target = tmp_path_factory.mktemp("bi_published") / "warehouse.duckdb"
    write_bi_file(tiny_built.warehouse, target, personal_columns(tiny_built.paths.project_dir), mode="masked")
    return target


@pytest.fixture(scope="session")
def bi_query(bi_published: Path) -> ReadOnlyWarehouse:
    """Read-only queries of the BI file."""
    return ReadOnlyWarehouse(bi_published)
