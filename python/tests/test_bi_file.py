"""The file BI reads: marts and the run history only, personal columns tagged in YAML and masked unless opted in."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from handoff.nightly.bi_file import INCLUDED, PERSONAL_DATA_SETTING, personal_data_mode, write_bi_file
from handoff.personal_data import personal_columns


def _schemas(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {s for (s,) in con.execute("select distinct table_schema from information_schema.tables").fetchall()}
    finally:
        con.close()


def test_personal_columns_are_tagged_in_yaml(tiny_built) -> None:
    tagged = personal_columns(tiny_built.paths.project_dir)
    assert tagged["dim_persons"] == {"email": "email", "first_name": "name", "last_name": "name", "title": "title"}
    assert tagged["fct_engagement_events"]["email"] == "email"
    assert tagged["mrt_sales_priority_queue"] == {"email": "email", "title": "title"}
    # staging and the raw sources are tagged too: IPs, user agents, recipients
    assert tagged["base_hubspot__email_event_clicks"] == {"user_agent": "user_agent", "ip_address": "ip_address"}
    assert tagged["email_event"] == {"recipient": "email"}
    assert tagged["pages"] == {"context_ip": "ip_address", "context_user_agent": "user_agent"}


def test_bi_file_holds_marts_only_with_personal_data_masked(tiny_built, bi_query) -> None:
    assert _schemas(bi_query.path) <= {"marts", "ops"}
    assert "staging" in _schemas(tiny_built.warehouse)  # the work file keeps every layer
    built = dict(tiny_built.query("select person_id, email from marts.dim_persons where email is not null"))
    published = dict(bi_query.query("select person_id, email from marts.dim_persons"))
    assert built and published.keys() == {p for (p,) in tiny_built.query("select person_id from marts.dim_persons")}
    for person_id, email in built.items():
        assert published[person_id] == hashlib.sha256(email.strip().lower().encode()).hexdigest()
    assert (
        bi_query.scalar(
            "select count(*) from marts.dim_persons where first_name is not null or last_name is not null "
            "or title is not null"
        )
        == 0
    )
    assert bi_query.scalar("select count(*) from marts.mrt_sales_priority_queue where title is not null") == 0
    assert bi_query.scalar("select count(*) from marts.fct_engagement_events where email like '%@%'") == 0
    # every mart is there, with its rows (a view such as fct_engagement_events becomes a table)
    for (table,) in tiny_built.query("select table_name from information_schema.tables where table_schema = 'marts'"):
        assert bi_query.scalar(f"select count(*) from marts.{table}") == tiny_built.scalar(
            f"select count(*) from marts.{table}"
        ), table


def test_opting_in_keeps_personal_data(tiny_built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PERSONAL_DATA_SETTING, INCLUDED)
    assert personal_data_mode() == INCLUDED
    target = tmp_path / "warehouse.duckdb"
    write_bi_file(tiny_built.warehouse, target, personal_columns(tiny_built.paths.project_dir))
    con = duckdb.connect(str(target), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_persons where email like '%@%'").fetchone()[0] > 0
    finally:
        con.close()
    monkeypatch.setenv(PERSONAL_DATA_SETTING, "everything")
    with pytest.raises(ValueError, match=PERSONAL_DATA_SETTING):
        personal_data_mode()


PERSONAL_NAMES = {"email", "recipient", "recipient_email", "first_name", "last_name", "user_name", "owner_name",
                  "ip_address", "context_ip", "user_agent", "context_user_agent", "phone"}  # fmt: skip


def test_every_column_named_as_personal_data_is_tagged() -> None:
    """A new model with an `email` or `ip_address` column must tag it, or the publish would not mask it."""
    import yaml

    project = Path(__file__).resolve().parents[2]
    tagged = personal_columns(project)
    untagged = []
    for path in sorted((project / "models").rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = [*(document.get("models") or [])]
        entries += [t for s in document.get("sources") or [] for t in s.get("tables") or []]
        for entry in entries:
            for column in entry.get("columns") or []:
                if column["name"] in PERSONAL_NAMES and column["name"] not in tagged.get(entry["name"], {}):
                    untagged.append(f"{path.name}: {entry['name']}.{column['name']}")
    assert not untagged, f"personal columns without `config: {{meta: {{personal_data: …}}}}`: {untagged}"
