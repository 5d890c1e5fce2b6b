"""Load times in the future: quarantined, never a high-water mark nor freshness; incremental nights keep merging.

A loader's clock fault (a Segment `uuid_ts` or a Fivetran `_fivetran_synced` years ahead) used to become the
incremental engagement staging's high-water mark, so every later night silently merged nothing. The planted rows
here must be quarantined as `future_load_timestamp`, the next two appended days must be merged, and the incremental
warehouse must equal a full refresh of the same raw data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import TEST_END_DATE, TEST_SEED, Built, build

from handoff.dbt import run_dbt
from handoff.sources import diagnose

pytestmark = pytest.mark.dbt

FUTURE = "timestamp '2099-01-01 00:00:00'"
PLANTED_PAGE_ID = "planted-future-load"
PLANTED_ACCOUNT_NAME = "Planted Future Sync Inc"
# stated, not discovered: this test is about Segment's staging, whatever other tests left in the diagnosis cache
SEGMENT_ON = {"handoff__using_segment": True}

# staging and the quality marts with the data tests between them (the reconciliation test included)
SELECTION = (
    "build",
    "--indirect-selection",
    "cautious",
    "--select",
    "reference",
    "staging",
    "path:models/marts/quality",
)


def plant_future_load_times(raw: Path) -> str:
    """Add a Segment page loaded in 2099 and a 2099 re-sync of one account (a new name); returns the account id.

    Re-applied after each generated day: the generator appends the day after the file's latest load time, so the
    clean file grows and the planted rows are copied onto it, as a loader fault would sit in a real schema.
    """
    con = duckdb.connect(str(raw))
    try:
        con.execute(
            f"insert into segment.pages select * replace ('{PLANTED_PAGE_ID}' as id, {FUTURE} as uuid_ts)"
            " from segment.pages where id is not null order by id limit 1"
        )
        account_id = con.execute(
            "select id from salesforce.account where id is not null and not is_deleted"
            " group by id having count(*) = 1 order by id limit 1"
        ).fetchone()[0]
        con.execute(
            f"insert into salesforce.account select * replace ('{PLANTED_ACCOUNT_NAME}' as name,"
            f" {FUTURE} as _fivetran_synced) from salesforce.account where id = ?",
            [account_id],
        )
        return account_id
    finally:
        con.close()


def dirty_copy(clean: Path, dirty: Path) -> str:
    shutil.copy(clean, dirty)
    return plant_future_load_times(dirty)


def append_day(clean: Path) -> None:
    from handoff import generate

    generate.append_day(clean, generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED, end_date=TEST_END_DATE))


def staging_tables(built: Built) -> list[str]:
    rows = built.query(
        "select table_name from information_schema.tables"
        " where table_schema = 'staging' and table_type = 'BASE TABLE' order by 1"
    )
    return [row[0] for row in rows]


def differing_rows(left: Built, right: Built, table: str) -> tuple[int, int]:
    """Rows of `table` only in left, and only in right (EXCEPT ALL both ways)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{left.warehouse}' as lhs (read_only)")
        con.execute(f"attach '{right.warehouse}' as rhs (read_only)")
        counts = []
        for a, b in (("lhs", "rhs"), ("rhs", "lhs")):
            counts.append(
                con.execute(
                    f"select count(*) from (select * from {a}.staging.{table}"
                    f" except all select * from {b}.staging.{table})"
                ).fetchone()[0]
            )
        return counts[0], counts[1]
    finally:
        con.close()


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory, tiny_raw: Path) -> dict[str, object]:
    """Night 0 (full refresh) and two incremental nights on a raw file holding the planted future load times."""
    work = tmp_path_factory.mktemp("future-load")
    clean, dirty = work / "clean.duckdb", work / "raw.duckdb"
    shutil.copy(tiny_raw, clean)
    account_id = dirty_copy(clean, dirty)
    first = build(
        work / "incremental", dirty, command=(*SELECTION, "--full-refresh"), run_name="night0", dbt_vars=SEGMENT_ON
    )
    pages = [first.scalar("select count(*) from staging.stg_segment__pages")]
    quarantined_first = first.query(
        "select source_table, record_id from marts.fct_quarantined_rows"
        " where quarantine_reason = 'future_load_timestamp'"
    )
    new_day_pages = []
    for night in (1, 2):
        append_day(clean)
        dirty_copy(clean, dirty)
        con = duckdb.connect(str(dirty), read_only=True)
        try:
            new_day_pages.append(
                con.execute(
                    "select count(distinct id) from segment.pages"
                    " where uuid_ts > (select max(uuid_ts) from segment.pages where uuid_ts < timestamp '2099-01-01')"
                    " - interval 1 day and uuid_ts < timestamp '2099-01-01'"
                ).fetchone()[0]
            )
        finally:
            con.close()
        incremental = build(
            work / "incremental", dirty, command=SELECTION, run_name=f"night{night}", dbt_vars=SEGMENT_ON
        )
        pages.append(incremental.scalar("select count(*) from staging.stg_segment__pages"))
    full = build(work / "full", dirty, command=(*SELECTION, "--full-refresh"), run_name="full", dbt_vars=SEGMENT_ON)
    return {
        "account_id": account_id,
        "first": first,
        "incremental": incremental,
        "full": full,
        "pages": pages,
        "new_day_pages": new_day_pages,
        "quarantined_first": quarantined_first,
    }


def test_future_load_times_are_quarantined_with_their_own_reason(nights: dict[str, object]) -> None:
    first = nights["first"]
    assert isinstance(first, Built)
    assert set(nights["quarantined_first"]) == {  # type: ignore[arg-type]
        ("segment.pages", PLANTED_PAGE_ID),
        ("salesforce.account", nights["account_id"]),
    }
    planted = first.scalar("select count(*) from staging.stg_segment__pages where page_view_id = ?", [PLANTED_PAGE_ID])
    assert planted == 0
    # the account's genuine latest version is staged, not the one that claims to be loaded in 2099
    staged = first.query(
        "select account_name, synced_at from staging.stg_salesforce__accounts where account_id = ?",
        [nights["account_id"]],
    )
    assert len(staged) == 1
    assert staged[0][0] != PLANTED_ACCOUNT_NAME
    assert staged[0][1].year < 2099


def test_the_next_two_incremental_nights_merge_their_new_rows(nights: dict[str, object]) -> None:
    pages = nights["pages"]
    new_day_pages = nights["new_day_pages"]
    assert isinstance(pages, list) and isinstance(new_day_pages, list)
    assert all(count > 0 for count in new_day_pages)
    assert pages[0] < pages[1] < pages[2], pages
    incremental = nights["incremental"]
    assert isinstance(incremental, Built)
    assert incremental.scalar("select max(synced_at) from staging.stg_segment__pages").year < 2099
    unreconciled = "select source_table from marts.fct_source_row_reconciliation where not is_reconciled"
    assert incremental.query(unreconciled) == []


def test_incremental_nights_equal_a_full_refresh(nights: dict[str, object]) -> None:
    incremental, full = nights["incremental"], nights["full"]
    assert isinstance(incremental, Built) and isinstance(full, Built)
    tables = staging_tables(incremental)
    assert "stg_segment__pages" in tables and "stg_salesforce__accounts" in tables
    for table in tables:
        assert differing_rows(incremental, full, table) == (0, 0), table


def test_a_poisoned_high_water_mark_is_ignored_and_a_full_refresh_removes_it(
    nights: dict[str, object], tmp_path: Path
) -> None:
    """A page staged with a 2099 load time by a build before the rule existed does not stop the next night."""
    incremental = nights["incremental"]
    assert isinstance(incremental, Built)
    work = tmp_path / "poisoned"
    work.mkdir()
    warehouse = work / "warehouse.duckdb"
    shutil.copy(incremental.warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(
            "insert into staging.stg_segment__pages select * replace ('poisoned' as page_view_id,"
            f" {FUTURE} as synced_at) from staging.stg_segment__pages limit 1"
        )
        con.execute(
            "delete from staging.stg_segment__pages where synced_at >= (select max(synced_at) - interval 1 day"
            " from staging.stg_segment__pages where synced_at < timestamp '2099-01-01')"
            " and synced_at < timestamp '2099-01-01'"
        )
    finally:
        con.close()
    paths = incremental.paths
    night = run_dbt(
        ["run", "--select", "stg_segment__pages"],
        paths=paths,
        warehouse=warehouse,
        raw=incremental.raw,
        run_name="poisoned",
        dbt_vars=SEGMENT_ON,
    )
    assert night.success, night.describe_failure()
    full = nights["full"]
    assert isinstance(full, Built)
    rebuilt = Built(paths=paths, raw=incremental.raw, warehouse=warehouse, result=night)
    # the last day's pages deleted above came back: the night read from the bounded high-water mark
    assert (
        rebuilt.scalar("select count(*) from staging.stg_segment__pages")
        == full.scalar("select count(*) from staging.stg_segment__pages") + 1
    )
    recovered = run_dbt(
        ["run", "--full-refresh", "--select", "stg_segment__pages"],
        paths=paths,
        warehouse=warehouse,
        raw=incremental.raw,
        run_name="poisoned-full",
        dbt_vars=SEGMENT_ON,
    )
    assert recovered.success, recovered.describe_failure()
    assert rebuilt.scalar("select count(*) from staging.stg_segment__pages where page_view_id = 'poisoned'") == 0
    assert differing_rows(rebuilt, full, "stg_segment__pages") == (0, 0)


def test_freshness_ignores_a_load_time_in_the_future(nights: dict[str, object]) -> None:
    incremental = nights["incremental"]
    assert isinstance(incremental, Built)
    result = run_dbt(
        ["source", "freshness", "--select", "source:segment.pages", "source:salesforce.account"],
        paths=incremental.paths,
        warehouse=incremental.paths.data_dir / "freshness.duckdb",
        raw=incremental.raw,
        run_name="freshness",
        dbt_vars=SEGMENT_ON,
    )
    sources = json.loads((result.target_path / "sources.json").read_text())
    latest = {entry["unique_id"]: entry.get("max_loaded_at") for entry in sources["results"]}
    assert set(latest) == {"source.handoff.segment.pages", "source.handoff.salesforce.account"}, latest
    for unique_id, max_loaded_at in latest.items():
        assert max_loaded_at is not None and not max_loaded_at.startswith("2099"), (unique_id, max_loaded_at)
    # the diagnosis (handoff doctor, the nightly's freshness facts) bounds its newest load time the same way
    diagnosis = diagnose(project_dir=incremental.paths.project_dir, raw_path=incremental.raw)
    newest = {facts.table.key: facts.observed.newest_load for facts in diagnosis.tables}
    for key in ("segment.pages", "salesforce.account"):
        assert newest[key] is not None and newest[key].year < 2099, (key, newest[key])
