"""Sources found, not configured: the contract, the facts about raw tables, the switches and `handoff doctor`.

No dbt here: these tests look at small DuckDB raw files written in the test. The builds and nightlies on partial
raw data (CRM only, the connector samples, tiny generated data) are in test_first_night.py.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from handoff import cli
from handoff.settings import load_settings
from handoff.sources import (
    ABSENT,
    EMPTY,
    FEATURE_LABELS,
    LATE,
    PRESENT,
    STALE,
    diagnose,
    load_contract,
)

PROJECT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 2, 4, 0)
CRM_ONLY = ("account", "contact", "lead", "opportunity", "user", "task")


def contract_columns(table: str) -> list[str]:
    """The documented columns of a salesforce table (the ones a connector would deliver, at least)."""
    return next(t for t in load_contract(PROJECT) if t.key == f"salesforce.{table}").columns


def write_salesforce(raw: Path, tables: dict[str, int], *, hours_old: float = 2, drop: tuple[str, ...] = ()) -> None:
    """Salesforce tables with their contract's columns (all text, as some loaders deliver) and `rows` rows each."""
    con = duckdb.connect(str(raw))
    try:
        con.execute("create schema if not exists salesforce")
        for table, rows in tables.items():
            columns = [c for c in contract_columns(table) if f"{table}.{c}" not in drop]
            ddl = ", ".join(f'"{c}" varchar' for c in columns)
            con.execute(f'create or replace table salesforce."{table}" ({ddl})')
            synced = (NOW - timedelta(hours=hours_old)).isoformat(sep=" ")
            for i in range(rows):
                values = [synced if c == "_fivetran_synced" else f"{table}-{i}" if c == "id" else None for c in columns]
                con.execute(f'insert into salesforce."{table}" values ({", ".join("?" for _ in columns)})', values)
    finally:
        con.close()


def test_the_contract_lists_every_documented_source_table_with_its_switch_and_thresholds() -> None:
    contract = {t.key: t for t in load_contract(PROJECT)}

    assert {"salesforce.account", "hubspot.email_event", "segment.pages", "intent.topic_scores"} <= set(contract)
    assert contract["salesforce.account"].switch is None  # always read
    assert contract["salesforce.campaign_member"].switch == "handoff__using_campaigns"
    assert contract["segment.tracks"].switch == "handoff__using_segment"  # set on the source, inherited
    assert contract["salesforce.account"].error_after_hours == 14 * 24  # the table's own threshold
    assert contract["salesforce.lead"].error_after_hours == 72  # the source's
    assert contract["salesforce.user"].error_after_hours is None  # freshness: null
    # read through column_or_null in staging, or a Fivetran flag staging probes: not required
    assert "_fivetran_synced" in contract["hubspot.form"].optional_columns
    assert "user_id" in contract["segment.pages"].optional_columns
    assert "is_deleted" not in contract["salesforce.account"].required_columns
    assert "stage_name" in contract["salesforce.opportunity"].required_columns
    # every switch the contract names feeds a feature the doctor can name
    assert {t.switch for t in contract.values() if t.switch} == set(FEATURE_LABELS)
    # tables a connector creates only once it has such rows: their model builds empty without them
    assert contract["marketo.activity_fill_form"].may_be_absent and not contract["marketo.lead"].may_be_absent


def test_absent_tables_switch_their_features_off_and_explicit_vars_win(tmp_path: Path) -> None:
    raw = tmp_path / "raw.duckdb"
    write_salesforce(raw, dict.fromkeys(CRM_ONLY, 3))

    found = diagnose(project_dir=PROJECT, raw_path=raw, now=NOW)

    assert found.ok, found.problems
    off = {name for name, d in found.switches.items() if not d.on}
    assert off == set(FEATURE_LABELS)  # nothing but the six core tables: every switchable feature is off
    assert found.features["handoff__using_campaigns"].staging_models == (
        "stg_salesforce__campaign_members",
        "stg_salesforce__campaigns",
    )
    assert found.switches["handoff__using_campaigns"].reason == (
        "absent: salesforce.campaign, salesforce.campaign_member"
    )
    assert found.facts("segment.pages").status == ABSENT and found.facts("segment.pages").no_data_reason
    assert found.dbt_vars()["handoff__using_sales_events"] is False
    assert found.switch_notice().startswith("sources found: ") and "handoff__using_intent off" in found.switch_notice()

    forced = diagnose(project_dir=PROJECT, raw_path=raw, explicit_vars={"handoff__using_intent": True}, now=NOW)
    assert forced.switches["handoff__using_intent"].on and forced.switches["handoff__using_intent"].origin == "settings"
    assert forced.dbt_vars()["handoff__using_intent"] is True


def test_absent_always_read_table_and_missing_column_each_stop_the_build_in_one_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw.duckdb"
    write_salesforce(raw, dict.fromkeys(CRM_ONLY[:-1], 1), drop=("opportunity.stage_name",))

    diagnosis = diagnose(project_dir=PROJECT, raw_path=raw, now=NOW)

    assert not diagnosis.ok
    assert diagnosis.facts("salesforce.opportunity").missing_columns == ("stage_name",)
    assert any(p.startswith("salesforce.opportunity has no column stage_name") for p in diagnosis.problems)
    assert any(p.startswith("salesforce.task does not exist") for p in diagnosis.problems)
    assert all("\n" not in p for p in diagnosis.problems)


def test_a_switched_off_table_missing_a_column_does_not_stop_the_build(tmp_path: Path) -> None:
    raw = tmp_path / "raw.duckdb"
    write_salesforce(
        raw, {**dict.fromkeys(CRM_ONLY, 1), "campaign": 1, "campaign_member": 1}, drop=("campaign.status",)
    )

    assert not diagnose(project_dir=PROJECT, raw_path=raw, now=NOW).ok
    off = diagnose(project_dir=PROJECT, raw_path=raw, explicit_vars={"handoff__using_campaigns": False}, now=NOW)
    assert off.ok, off.problems


def test_absent_empty_and_stale_are_told_apart(tmp_path: Path) -> None:
    raw = tmp_path / "raw.duckdb"
    write_salesforce(raw, {**dict.fromkeys(CRM_ONLY, 2), "event": 0})
    diagnosis = diagnose(project_dir=PROJECT, raw_path=raw, now=NOW)
    assert diagnosis.facts("salesforce.event").status == EMPTY
    assert diagnosis.facts("salesforce.event").no_data_reason == EMPTY
    assert diagnosis.facts("salesforce.event").freshness is None
    assert diagnosis.facts("salesforce.lead").status == PRESENT
    assert diagnosis.facts("salesforce.lead").freshness == "fresh"

    old = tmp_path / "old.duckdb"
    write_salesforce(old, dict.fromkeys(CRM_ONLY, 2), hours_old=100)  # lead: error after 72 h
    stale = diagnose(project_dir=PROJECT, raw_path=old, now=NOW)
    assert stale.facts("salesforce.lead").freshness == STALE
    assert stale.facts("salesforce.account").freshness == "fresh"  # its own threshold: 14 days

    # a quiet table while its connector delivered others in time is late (a warning), not stale
    con = duckdb.connect(str(old))
    con.execute("update salesforce.contact set _fivetran_synced = ?", [(NOW - timedelta(hours=1)).isoformat(sep=" ")])
    con.close()
    quiet = diagnose(project_dir=PROJECT, raw_path=old, now=NOW)
    assert quiet.facts("salesforce.lead").freshness == LATE and quiet.facts("salesforce.lead").is_quiet


def test_doctor_prints_per_table_facts_and_exits_non_zero_only_when_a_build_cannot_succeed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw.duckdb"
    write_salesforce(raw, {**dict.fromkeys(CRM_ONLY, 2), "event": 0})
    monkeypatch.delenv("HANDOFF_SETTINGS", raising=False)
    monkeypatch.delenv("HANDOFF_VARS", raising=False)

    assert cli.main(["doctor", "--raw", str(raw), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    tables = {t["table"]: t for t in report["tables"]}
    assert tables["salesforce.event"]["status"] == "empty" and tables["salesforce.event"]["rows"] == 0
    assert tables["salesforce.campaign"]["status"] == "absent" and not tables["salesforce.campaign"]["enabled"]
    assert tables["salesforce.lead"]["newest_load"] and tables["salesforce.lead"]["missing_columns"] == []
    assert report["switches"]["handoff__using_sales_events"]["on"]  # empty is not absent: it builds empty
    assert report["settings"]["salesforce_schema"] == "salesforce" and report["ok"]

    assert cli.main(["doctor", "--raw", str(raw)]) == 0
    text = capsys.readouterr().out
    assert "salesforce.campaign" in text and "features without data" in text and "verdict: a build can run" in text

    write_salesforce(raw, {"lead": 1}, drop=("lead.email",))
    assert cli.main(["doctor", "--raw", str(raw), "--vars", "{handoff__using_segment: false}"]) == 1
    text = capsys.readouterr().out
    assert "salesforce.lead has no column email" in text and "segment" in text


def test_settings_file_and_vars_layer_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = tmp_path / "company" / "handoff.yml"
    settings.parent.mkdir()
    settings.write_text(
        "raw: ../loaders/raw.duckdb\ndata_dir: ../handoff-data\n"
        "vars: {salesforce_schema: sfdc, handoff__handoff_sla_hours: 48, handoff__using_intent: false}\n"
    )
    monkeypatch.setenv("HANDOFF_SETTINGS", str(settings))
    monkeypatch.setenv("HANDOFF_VARS", "{handoff__handoff_sla_hours: 12}")
    monkeypatch.delenv("HANDOFF_RAW", raising=False)
    monkeypatch.delenv("HANDOFF_DATA_DIR", raising=False)

    loaded = load_settings()
    assert loaded.raw == (tmp_path / "loaders" / "raw.duckdb").resolve()
    assert loaded.vars == {
        "salesforce_schema": "sfdc",
        "handoff__handoff_sla_hours": 12,
        "handoff__using_intent": False,
    }

    from handoff.project import ProjectPaths

    paths = ProjectPaths.default()
    assert paths.data_dir == (tmp_path / "handoff-data").resolve()
    assert paths.raw_path == (tmp_path / "loaders" / "raw.duckdb").resolve()
    monkeypatch.setenv("HANDOFF_RAW", str(tmp_path / "env.duckdb"))
    assert ProjectPaths.default().raw_path == (tmp_path / "env.duckdb").resolve()

    # the schema var moves where the doctor looks: the tables in `salesforce` are not where the company said
    raw = tmp_path / "raw.duckdb"
    write_salesforce(raw, dict.fromkeys(CRM_ONLY, 1))
    moved = diagnose(project_dir=PROJECT, raw_path=raw, explicit_vars=loaded.vars, now=NOW)
    assert moved.facts("salesforce.account").schema == "sfdc" and moved.facts("salesforce.account").status == ABSENT
    assert moved.switches["handoff__using_intent"].origin == "settings"

    settings.write_text("vars: {a: 1}\nschemas: {}\n")
    with pytest.raises(ValueError, match="unknown keys"):
        load_settings()
    monkeypatch.setenv("HANDOFF_SETTINGS", str(tmp_path / "missing.yml"))
    assert cli.main(["doctor"]) == cli.EXIT_USAGE
