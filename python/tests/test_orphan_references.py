"""Referential problems are counted, never silent: one planted row per class, each with its documented outcome.

docs/conventions.md ("Referential problems") decides the outcome per class: opportunities and contacts whose account
is missing, and opportunities in a stage outside the mapping seed, are kept and flagged (fct_source_row_flags);
tasks and events whose who_id names no person, campaign members of a missing campaign and form submissions without
a form id are quarantined as orphan_reference. Every planted row must be accounted for in the reconciliation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import Built, build

pytestmark = pytest.mark.dbt

NOW = "timestamp '2026-11-14 12:00:00'"
MISSING_ACCOUNT = "001PLANTEDMISSING0"

SELECTION = (
    "build",
    "--full-refresh",
    "--indirect-selection",
    "cautious",
    "--select",
    "reference",
    "staging",
    "path:models/marts/quality",
)

# (class, source table, planted record id, outcome, SQL that plants the row; `{lead}` is an existing lead id)
PLANTED = [
    (
        "opportunity_missing_account",
        "salesforce.opportunity",
        "PLANTED_ORPHAN_OPP",
        "flag:missing_account",
        "insert into salesforce.opportunity by name select 'PLANTED_ORPHAN_OPP' as id,"
        f" '{MISSING_ACCOUNT}' as account_id, 1000 as amount, 'Prospecting' as stage_name, false as is_closed,"
        f" false as is_won, {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "opportunity_unmapped_stage",
        "salesforce.opportunity",
        "PLANTED_UNMAPPED_STAGE",
        "flag:unmapped_stage",
        "insert into salesforce.opportunity by name select 'PLANTED_UNMAPPED_STAGE' as id,"
        " (select min(id) from salesforce.account) as account_id, 2000 as amount, 'Mystery Stage' as stage_name,"
        f" false as is_closed, false as is_won, {NOW} as created_date, false as is_deleted,"
        f" {NOW} as _fivetran_synced",
    ),
    (
        "contact_missing_account",
        "salesforce.contact",
        "PLANTED_ORPHAN_CONTACT",
        "flag:missing_account",
        "insert into salesforce.contact by name select 'PLANTED_ORPHAN_CONTACT' as id,"
        f" '{MISSING_ACCOUNT}' as account_id, 'orphan.contact@acme-planted.com' as email, {NOW} as created_date,"
        f" false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "task_missing_person",
        "salesforce.task",
        "PLANTED_ORPHAN_TASK",
        "quarantine",
        "insert into salesforce.task by name select 'PLANTED_ORPHAN_TASK' as id, '00QPLANTEDMISSING0' as who_id,"
        f" 'Call' as subject, {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "event_missing_person",
        "salesforce.event",
        "PLANTED_ORPHAN_EVENT",
        "quarantine",
        "insert into salesforce.event by name select 'PLANTED_ORPHAN_EVENT' as id, '003PLANTEDMISSING0' as who_id,"
        f" 'Meeting' as subject, {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "campaign_member_missing_campaign",
        "salesforce.campaign_member",
        "PLANTED_ORPHAN_MEMBER",
        "quarantine",
        "insert into salesforce.campaign_member by name select 'PLANTED_ORPHAN_MEMBER' as id,"
        " '701PLANTEDMISSING0' as campaign_id, (select min(id) from salesforce.lead) as lead_id,"
        f" {NOW} as created_date, false as is_deleted, {NOW} as _fivetran_synced",
    ),
    (
        "form_submission_without_form",
        "hubspot.contact_form_submission",
        "planted-null-form",
        "quarantine",
        "insert into hubspot.contact_form_submission by name select 'planted-null-form' as conversion_id,"
        " (select min(contact_id) from hubspot.contact_form_submission) as contact_id, null as form_id,"
        f" {NOW} as timestamp, {NOW} as _fivetran_synced",
    ),
]

STAGING = {
    "salesforce.opportunity": ("stg_salesforce__opportunities", "opportunity_id"),
    "salesforce.contact": ("stg_salesforce__contacts", "contact_id"),
    "salesforce.task": ("stg_salesforce__tasks", "task_id"),
    "salesforce.event": ("stg_salesforce__events", "sales_event_id"),
    "salesforce.campaign_member": ("stg_salesforce__campaign_members", "campaign_member_id"),
    "hubspot.contact_form_submission": ("stg_hubspot__form_submissions", "form_submission_id"),
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, tiny_raw: Path) -> Built:
    work = tmp_path_factory.mktemp("orphans")
    raw = work / "raw.duckdb"
    shutil.copy(tiny_raw, raw)
    con = duckdb.connect(str(raw))
    try:
        for *_, sql in PLANTED:
            con.execute(sql)
    finally:
        con.close()
    return build(work, raw, command=SELECTION)


def reconciliation(built: Built, source_table: str) -> dict[str, int]:
    columns = [
        "raw_rows",
        "staged_rows",
        "quarantined_rows",
        "superseded_rows",
        "deleted_rows",
        "orphan_reference_rows",
        "flagged_rows",
    ]
    row = built.query(
        f"select {', '.join(columns)} from marts.fct_source_row_reconciliation where source_table = ?", [source_table]
    )
    assert len(row) == 1, source_table
    return dict(zip(columns, row[0], strict=True))


@pytest.mark.parametrize(("referential_class", "source_table", "record_id", "outcome"), [row[:4] for row in PLANTED])
def test_each_referential_class_has_its_outcome_and_is_reconciled(
    planted: Built, referential_class: str, source_table: str, record_id: str, outcome: str
) -> None:
    model, key = STAGING[source_table]
    counts = reconciliation(planted, source_table)
    accounted = counts["staged_rows"] + counts["quarantined_rows"] + counts["superseded_rows"] + counts["deleted_rows"]
    assert counts["raw_rows"] == accounted > 0, counts
    quarantined = planted.query(
        "select quarantine_reason from marts.fct_quarantined_rows where source_table = ? and record_id = ?",
        [source_table, record_id],
    )
    if outcome == "quarantine":
        assert quarantined == [("orphan_reference",)], referential_class
        assert planted.scalar(f"select count(*) from staging.{model} where {key} = ?", [record_id]) == 0
        assert counts["orphan_reference_rows"] >= 1
        orphans = planted.scalar(
            "select count(*) from marts.fct_quarantined_rows where source_table = ? and quarantine_reason = ?",
            [source_table, "orphan_reference"],
        )
        assert counts["orphan_reference_rows"] == orphans
    else:
        flag = outcome.removeprefix("flag:")
        assert quarantined == [], referential_class
        assert planted.scalar(f"select count(*) from staging.{model} where {key} = ?", [record_id]) == 1
        flagged = planted.scalar(
            "select flagged_rows from marts.fct_source_row_flags where source_table = ? and flag = ?",
            [source_table, flag],
        )
        assert flagged >= 1
        assert counts["flagged_rows"] >= flagged


def test_flag_counts_match_the_raw_data(planted: Built) -> None:
    """missing_account counted independently: staged rows whose account id is absent from the raw account table."""
    con = duckdb.connect(str(planted.warehouse), read_only=True)
    try:
        con.execute(f"attach '{planted.raw}' as raw_file (read_only)")
        for source_table, (model, _) in STAGING.items():
            if source_table not in ("salesforce.opportunity", "salesforce.contact"):
                continue
            expected = con.execute(
                f"select count(*) from staging.{model} where account_id is not null"
                " and account_id not in (select id from raw_file.salesforce.account where id is not null)"
            ).fetchone()[0]
            counted = con.execute(
                "select flagged_rows from marts.fct_source_row_flags"
                " where source_table = ? and flag = 'missing_account'",
                [source_table],
            ).fetchone()[0]
            assert counted == expected >= 1, source_table
        unmapped = con.execute(
            "select count(*) from staging.stg_salesforce__opportunities where stage_name is null"
            " or stage_name not in (select stage_name from reference.opportunity_stage_mapping)"
        ).fetchone()[0]
        counted_unmapped = con.execute(
            "select flagged_rows from marts.fct_source_row_flags"
            " where source_table = 'salesforce.opportunity' and flag = 'unmapped_stage'"
        ).fetchone()[0]
    finally:
        con.close()
    assert counted_unmapped == unmapped >= 1
    stage = "select stage_category from staging.stg_salesforce__opportunities where opportunity_id = ?"
    assert planted.query(stage, ["PLANTED_UNMAPPED_STAGE"]) == [("unmapped",)]
