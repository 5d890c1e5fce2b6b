"""Bad input gets a clear, counted outcome: each quarantine reason from a crafted row, and no silent drops."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import Built, build

from handoff.dbt import run_dbt

pytestmark = pytest.mark.dbt

NOW = "timestamp '2026-11-14 12:00:00'"

# (source table, crafted record id, expected reason, SQL that plants the row in the raw file)
CRAFTED_ROWS = [
    (
        "salesforce.lead",
        "CRAFTED_NO_SYNC",
        "missing_sync_timestamp",
        "insert into salesforce.lead by name select 'CRAFTED_NO_SYNC' as id, 'a.b@acme-crafted.com' as email,"
        f" 'Open - Not Contacted' as status, {NOW} as created_date, false as is_deleted,"
        " null::timestamp as _fivetran_synced",
    ),
    (
        "salesforce.contact",
        "CRAFTED_NO_CREATED",
        "missing_event_timestamp",
        "insert into salesforce.contact by name select 'CRAFTED_NO_CREATED' as id, 'c.d@acme-crafted.com' as email,"
        f" null::timestamp as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "salesforce.lead",
        "CRAFTED_BAD_EMAIL",
        "malformed_email",
        "insert into salesforce.lead by name select 'CRAFTED_BAD_EMAIL' as id, 'john.doe@' as email,"
        f" 'Open - Not Contacted' as status, {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "hubspot.email_event",
        "crafted-future",
        "future_timestamp",
        "insert into hubspot.email_event by name select 'crafted-future' as id, 'CLICK' as type,"
        " 'e.f@acme-crafted.com' as recipient, timestamp '2099-01-01 00:00:00' as created,"
        f" {NOW} as _fivetran_synced",
    ),
    (
        "salesforce.opportunity",
        "CRAFTED_NEG_AMOUNT",
        "negative_amount",
        "insert into salesforce.opportunity by name select 'CRAFTED_NEG_AMOUNT' as id, -500 as amount,"
        f" 'Prospecting' as stage_name, {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "hubspot.email_event",
        "crafted-mystery",
        "unknown_code",
        "insert into hubspot.email_event by name select 'crafted-mystery' as id, 'MYSTERY' as type,"
        f" 'g.h@acme-crafted.com' as recipient, {NOW} as created, {NOW} as _fivetran_synced",
    ),
    (
        "salesforce.account",
        "CRAFTED_UNCASTABLE",
        "uncastable_value",
        # connectors often deliver numbers as text: make the column text, then plant a value that is not a number
        "alter table salesforce.account alter number_of_employees type varchar;"
        " insert into salesforce.account by name select 'CRAFTED_UNCASTABLE' as id, 'lots' as number_of_employees,"
        f" false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "salesforce.campaign_member",
        "CRAFTED_ORPHAN",
        "orphan_reference",
        "insert into salesforce.campaign_member by name select 'CRAFTED_ORPHAN' as id, null as campaign_id,"
        f" null as lead_id, null as contact_id, {NOW} as created_date, false as is_deleted,"
        f" {NOW} as _fivetran_synced",
    ),
]

STAGING_KEYS = {
    "salesforce.lead": ("stg_salesforce__leads", "lead_id"),
    "salesforce.contact": ("stg_salesforce__contacts", "contact_id"),
    "salesforce.account": ("stg_salesforce__accounts", "account_id"),
    "salesforce.opportunity": ("stg_salesforce__opportunities", "opportunity_id"),
    "salesforce.campaign_member": ("stg_salesforce__campaign_members", "campaign_member_id"),
    "hubspot.email_event": ("stg_hubspot__email_events", "email_event_id"),
}

MISSING_ID_ROW = (
    "insert into salesforce.lead by name select null as id, 'no.id@acme-crafted.com' as email,"
    f" 'Open - Not Contacted' as status, {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced"
)

OUT_OF_RANGE_ROW = (
    "insert into intent.topic_scores by name select 'acme-crafted.com' as domain, 'crafted topic' as topic,"
    f" date '2026-11-09' as week_start_date, 250 as score, 'crafted' as provider, {NOW} as _loaded_at"
)

SELECTION = (
    "build",
    "--full-refresh",
    "--indirect-selection",
    "cautious",
    "--select",
    "staging",
    "reference",
    "path:models/marts/quality",
)


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory, tiny_raw: Path) -> Built:
    work = tmp_path_factory.mktemp("crafted")
    raw = work / "raw.duckdb"
    shutil.copy(tiny_raw, raw)
    con = duckdb.connect(str(raw))
    try:
        for *_, sql in CRAFTED_ROWS:
            con.execute(sql)
        con.execute(MISSING_ID_ROW)
        con.execute(OUT_OF_RANGE_ROW)
    finally:
        con.close()
    return build(work, raw, command=SELECTION)


@pytest.mark.parametrize(("source_table", "record_id", "reason"), [row[:3] for row in CRAFTED_ROWS])
def test_each_crafted_row_is_quarantined_with_its_reason(
    crafted: Built, source_table: str, record_id: str, reason: str
) -> None:
    found = crafted.query(
        "select quarantine_reason from marts.fct_quarantined_rows where source_table = ? and record_id = ?",
        [source_table, record_id],
    )
    assert found == [(reason,)]
    model, key = STAGING_KEYS[source_table]
    assert crafted.scalar(f"select count(*) from staging.{model} where {key} = ?", [record_id]) == 0


def test_a_row_without_id_is_quarantined_and_counted(crafted: Built) -> None:
    con = duckdb.connect(str(crafted.raw), read_only=True)
    try:
        raw_missing = con.execute("select count(*) from salesforce.lead where id is null").fetchone()[0]
    finally:
        con.close()
    quarantined = crafted.scalar(
        "select count(*) from marts.fct_quarantined_rows"
        " where source_table = 'salesforce.lead' and quarantine_reason = 'missing_id'"
    )
    assert raw_missing >= 1
    assert quarantined == raw_missing


def test_an_intent_score_outside_0_to_100_is_quarantined(crafted: Built) -> None:
    assert (
        crafted.scalar(
            "select count(*) from marts.fct_quarantined_rows"
            " where source_table = 'intent.topic_scores' and quarantine_reason = 'out_of_range_value'"
        )
        == 1
    )
    assert crafted.scalar("select count(*) from staging.stg_intent__topic_scores where topic = 'crafted topic'") == 0


def test_every_source_table_reconciles(crafted: Built) -> None:
    unreconciled = crafted.query("select source_table from marts.fct_source_row_reconciliation where not is_reconciled")
    assert unreconciled == []
    counts = crafted.query(
        "select raw_rows, staged_rows + quarantined_rows + superseded_rows + deleted_rows"
        " from marts.fct_source_row_reconciliation where source_table = 'salesforce.lead'"
    )
    assert counts[0][0] == counts[0][1] > 0


def test_reconciliation_test_fails_when_a_row_is_dropped_silently(crafted: Built, tmp_path: Path) -> None:
    work = tmp_path / "dropped"
    work.mkdir()
    warehouse = work / "warehouse.duckdb"
    shutil.copy(crafted.warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        victim = con.execute("select lead_id from staging.stg_salesforce__leads order by lead_id limit 1").fetchone()
        con.execute("delete from staging.stg_salesforce__leads where lead_id = ?", [victim[0]])
    finally:
        con.close()
    paths = crafted.paths
    rebuilt = run_dbt(
        ["run", "--select", "fct_source_row_reconciliation"],
        paths=paths,
        warehouse=warehouse,
        raw=crafted.raw,
        run_name="dropped-run",
    )
    assert rebuilt.success, rebuilt.describe_failure()
    tested = run_dbt(
        ["test", "--select", "assert_source_rows_reconcile"],
        paths=paths,
        warehouse=warehouse,
        raw=crafted.raw,
        run_name="dropped-test",
    )
    assert not tested.success
    assert any("assert_source_rows_reconcile" in problem.unique_id for problem in tested.failures)
