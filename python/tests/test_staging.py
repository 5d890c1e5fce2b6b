"""The staging layer on generated data: duplicates, deletes, free mail, switches, incremental runs, samples."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import Built, build

pytestmark = pytest.mark.dbt

# the reference seeds and the staging models, without their data tests (the session build runs those)
STAGING_ONLY = ("build", "--select", "reference", "staging", "--exclude", "resource_type:test")

ENGAGEMENT_SWITCHES_OFF = {
    "handoff__using_segment": False,
    "handoff__using_opportunity_history": False,
    "handoff__using_lead_history": False,
}


def raw_query(raw: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(raw), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_build_passes_every_data_test_without_warnings(tiny_built: Built) -> None:
    statuses = {
        node: status
        for node, status in tiny_built.result.node_statuses.items()
        if not (node.startswith("exposure.") and status == "no-op")
    }
    assert set(statuses.values()) <= {"success", "pass"}, statuses
    assert tiny_built.result.warnings == []
    tests = [node for node in tiny_built.result.node_statuses if node.startswith("test.")]
    assert len(tests) > 50, "the build should run the project's data tests"
    # the external MQL definition is off while no CRM MQL date field is named
    assert tiny_built.scalar("select count(*) from marts.fct_mqls where definition_key = 'crm'") == 0


def test_resynced_duplicate_appears_once_with_its_latest_values(tiny_built: Built) -> None:
    duplicated = raw_query(
        tiny_built.raw,
        """
        select id, max(_fivetran_synced) as latest
        from salesforce.lead
        where id is not null and not is_deleted
        group by id
        having count(*) > 1
        order by id
        limit 5
        """,
    )
    assert duplicated, "the generator plants re-synced duplicates"
    for lead_id, latest in duplicated:
        rows = tiny_built.query("select synced_at from staging.stg_salesforce__leads where lead_id = ?", [lead_id])
        if not rows:  # its latest version may have been quarantined or deleted
            continue
        assert len(rows) == 1
        assert rows[0][0] == latest


def test_soft_deleted_lead_is_absent(tiny_built: Built) -> None:
    deleted = raw_query(
        tiny_built.raw,
        """
        select id from (
            select id, is_deleted, row_number() over (partition by id order by _fivetran_synced desc) as version_rank
            from salesforce.lead where id is not null
        ) where version_rank = 1 and is_deleted
        """,
    )
    assert deleted, "the generator plants soft deletes"
    ids = [row[0] for row in deleted]
    present = tiny_built.scalar(
        "select count(*) from staging.stg_salesforce__leads where lead_id in (select unnest(?))", [ids]
    )
    assert present == 0


def test_free_mail_domains_are_flagged(tiny_built: Built) -> None:
    flagged = dict(
        tiny_built.query(
            """
            select email_domain, bool_and(is_free_email_domain)
            from staging.stg_salesforce__leads
            where email_domain in ('gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com')
               or email_domain like '%.edu'
            group by email_domain
            """
        )
    )
    assert flagged.get("gmail.com") is True
    assert not any(flag for domain, flag in flagged.items() if domain.endswith(".edu"))


def test_build_succeeds_with_an_engagement_source_and_crm_history_switched_off(tmp_path: Path, tiny_raw: Path) -> None:
    built = build(tmp_path, tiny_raw, dbt_vars=ENGAGEMENT_SWITCHES_OFF)
    for model in ("stg_segment__pages", "stg_segment__identifies", "stg_segment__tracks"):
        assert built.scalar(f"select count(*) from staging.{model}") == 0
    assert built.scalar("select count(*) from staging.stg_salesforce__opportunity_history") == 0
    assert built.scalar("select count(*) from staging.stg_hubspot__email_events") > 0
    columns = built.query(
        "select column_name from information_schema.columns "
        "where table_schema = 'staging' and table_name = 'stg_segment__pages'"
    )
    assert ("page_view_id",) in columns


def staging_tables(warehouse: Path) -> list[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'staging' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
        return [row[0] for row in rows]
    finally:
        con.close()


def test_incremental_run_equals_full_refresh(tmp_path: Path, tiny_raw: Path) -> None:
    from conftest import TEST_END_DATE, TEST_SEED

    from handoff import generate

    raw = tmp_path / "raw.duckdb"
    shutil.copy(tiny_raw, raw)
    incremental = build(tmp_path / "incremental", raw, command=(*STAGING_ONLY, "--full-refresh"))
    events_before = incremental.scalar("select count(*) from staging.stg_hubspot__email_events")
    generate.append_day(raw, generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED, end_date=TEST_END_DATE))
    build(tmp_path / "incremental", raw, command=STAGING_ONLY)
    full = build(tmp_path / "full", raw, command=(*STAGING_ONLY, "--full-refresh"))

    assert incremental.scalar("select count(*) from staging.stg_hubspot__email_events") > events_before
    tables = staging_tables(incremental.warehouse)
    assert "stg_hubspot__email_events" in tables
    con = duckdb.connect()
    try:
        con.execute(f"attach '{incremental.warehouse}' as incremental (read_only)")
        con.execute(f"attach '{full.warehouse}' as full_refresh (read_only)")
        for table in tables:
            for left, right in (("incremental", "full_refresh"), ("full_refresh", "incremental")):
                extra = con.execute(
                    f"select count(*) from (select * from {left}.staging.{table} "
                    f"except all select * from {right}.staging.{table})"
                ).fetchone()[0]
                assert extra == 0, f"{table}: {extra} rows in {left} not in {right}"
    finally:
        con.close()


def test_staging_builds_on_the_real_connector_samples(tmp_path: Path) -> None:
    from handoff import generate

    shared = Path(__file__).resolve().parents[3] / "shared" / "data"
    if not shared.is_dir():
        pytest.fail(f"the connector samples are expected beside the repo at {shared}")
    raw = tmp_path / "raw.duckdb"
    loaded = generate.load_samples(
        raw,
        shared / "fivetran_salesforce_sample",
        shared / "fivetran_hubspot_sample",
        shared / "fivetran_marketo_sample",
    )
    samples_vars = {
        "handoff__using_campaigns": False,
        "handoff__using_lead_history": False,
        "handoff__using_segment": False,
        "handoff__using_intent": False,
        "handoff__using_marketo": True,
    }
    selection = ("build", "--indirect-selection", "cautious", "--select", "reference", "staging")
    built = build(tmp_path, raw, command=(*selection, "path:models/marts/quality"), dbt_vars=samples_vars)
    assert built.query("select source_table from marts.fct_source_row_reconciliation where not is_reconciled") == []
    # the sample's activities all name people the sample does not hold: each is counted as an orphan, none is lost
    for source_table in ("salesforce.task", "salesforce.event"):
        raw_rows, staged, orphans = built.query(
            "select raw_rows, staged_rows, orphan_reference_rows from marts.fct_source_row_reconciliation"
            " where source_table = ?",
            [source_table],
        )[0]
        assert raw_rows > 0 and orphans > 0 and staged + orphans == raw_rows, source_table
    # most of its contacts name accounts it does not hold: kept, flagged and counted
    flagged = built.scalar(
        "select flagged_rows from marts.fct_source_row_flags"
        " where source_table = 'salesforce.contact' and flag = 'missing_account'"
    )
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        con.execute(f"attach '{raw}' as raw_file (read_only)")
        orphaned = con.execute(
            "select count(*) from staging.stg_salesforce__contacts where account_id is not null"
            " and account_id not in (select id from raw_file.salesforce.account where id is not null)"
        ).fetchone()[0]
    finally:
        con.close()
    assert flagged == orphaned > 0
    # the sample's recipients are anonymised hashes, not addresses: each is quarantined as such, none is lost
    reasons = built.query(
        "select quarantine_reason, count(*) from marts.fct_quarantined_rows"
        " where source_table = 'hubspot.email_event' group by 1"
    )
    raw_events = built.scalar(
        "select raw_rows from marts.fct_source_row_reconciliation where source_table = 'hubspot.email_event'"
    )
    assert dict(reasons).get("malformed_email", 0) > 0
    staged_events = built.scalar("select count(*) from staging.stg_hubspot__email_events")
    assert staged_events + sum(count for _, count in reasons) <= raw_events

    # Marketo: the CSVs carry byte order marks and CRLF or LF line ends; every data line reaches the reconciliation
    marketo_folder = shared / "fivetran_marketo_sample"
    reconciled = dict(
        built.query(
            "select source_table, raw_rows from marts.fct_source_row_reconciliation"
            " where source_table like 'marketo.%' and is_reconciled"
        )
    )
    staged_tables = [name for name in reconciled if reconciled[name] > 0]
    assert len(staged_tables) == 12, reconciled  # the 12 sample tables staging reads; fill_form and visit absent
    for name in staged_tables:
        csv = marketo_folder / f"marketo_{name.split('.', 1)[1]}_data.csv"
        data_lines = [line for line in csv.read_bytes().splitlines()[1:] if line.strip()]
        assert reconciled[name] == len(data_lines) == loaded[name], name
    # absent activity tables (the sample has no form fills or page visits) build empty instead of failing
    assert reconciled["marketo.activity_fill_form"] == reconciled["marketo.activity_visit_webpage"] == 0
    assert built.scalar("select count(*) from staging.stg_marketo__form_fills") == 0
    opens = built.scalar("select count(*) from staging.stg_marketo__email_opens")
    assert opens == loaded["marketo.activity_open_email"]
    assert built.scalar("select count(*) from staging.stg_marketo__leads where email like '%@%'") > 0
