"""The synthetic-data generator: determinism, the raw-data contract, planted anomalies and phenomena, append_day."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import TEST_END_DATE, TEST_SEED

from handoff import generate
from handoff.generate import vocab
from handoff.generate.writer import ENGAGEMENT_TABLES, EVENT_COLUMN, LOAD_COLUMN, TABLES

REPO = Path(__file__).resolve().parents[2]
CONTRACT = REPO / "docs" / "raw_data_contract.md"
SHARED_DATA = REPO.parent / "shared" / "data"
VALID_EMAIL = r"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"
KEY = {name: ("conversion_id" if name == "hubspot.contact_form_submission" else "id") for name in TABLES}


_CONNECTIONS: dict[Path, duckdb.DuckDBPyConnection] = {}


def _con(raw: Path) -> duckdb.DuckDBPyConnection:
    """One read-only connection per file for the whole module (opening one costs ~0.1 s)."""
    if raw not in _CONNECTIONS:
        _CONNECTIONS[raw] = duckdb.connect(str(raw), read_only=True)
    return _CONNECTIONS[raw]


def _release(raw: Path) -> None:
    con = _CONNECTIONS.pop(raw, None)
    if con is not None:
        con.close()


def q(raw: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return _con(raw).execute(sql, params or []).fetchall()


def scalar(raw: Path, sql: str, params: list[Any] | None = None) -> Any:
    return q(raw, sql, params)[0][0]


def checksums(raw: Path) -> dict[str, tuple[Any, ...]]:
    """Order-independent content checksum of every raw table."""
    out = {}
    for name in TABLES:
        schema, table = name.split(".")
        out[name] = tuple(q(raw, f'select count(*), coalesce(sum(hash(t)), 0) from {schema}."{table}" t')[0])
    return out


def t(name: str) -> str:
    schema, table = name.split(".")
    return f'{schema}."{table}"'


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> generate.GenerationSummary:
    """A tiny run (same options as the session's tiny_raw) whose summary the anomaly tests reconcile."""
    raw = tmp_path_factory.mktemp("gen") / "raw.duckdb"
    config = generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED, end_date=TEST_END_DATE)
    return generate.generate(raw, config)


@pytest.fixture(scope="module")
def raw(summary: generate.GenerationSummary) -> Path:
    return summary.path


# --- configuration and determinism -------------------------------------------------------------------------------
def test_presets_scale_from_the_event_count() -> None:
    tiny = generate.GeneratorConfig.tiny(end_date=date(2026, 1, 1))
    demo = generate.GeneratorConfig.demo(end_date=date(2026, 1, 1))
    big = generate.GeneratorConfig.from_preset("custom", events=10_000_000)
    assert (tiny.events, tiny.n_people, tiny.n_accounts) == (20_000, 400, 40)
    assert (demo.events, demo.n_people, demo.n_accounts) == (500_000, 10_000, 1_000)
    assert (big.n_people, big.n_accounts) == (200_000, 20_000)
    assert tiny.start_date == date(2024, 1, 2)
    with pytest.raises(ValueError):
        generate.GeneratorConfig.from_preset("huge")


def test_tiny_volume_is_near_its_target(summary: generate.GenerationSummary) -> None:
    assert 14_000 <= summary.engagement_events <= 28_000
    assert summary.engagement_events == sum(summary.rows[name] for name in ENGAGEMENT_TABLES)


def test_same_seed_same_tables_other_seed_different(tmp_path: Path, raw: Path) -> None:
    again = tmp_path / "again.duckdb"
    generate.generate(again, generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED, end_date=TEST_END_DATE))
    assert checksums(again) == checksums(raw)
    other = tmp_path / "other.duckdb"
    generate.generate(other, generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED + 1, end_date=TEST_END_DATE))
    reference = checksums(raw)
    differing = [name for name, value in checksums(other).items() if value != reference[name]]
    assert len(differing) >= 20, differing


# --- the contract ----------------------------------------------------------------------------------------------
def contract_columns() -> dict[str, set[str]]:
    """`schema.table` -> columns, parsed from the contract's tables (so this test follows the contract)."""
    text = CONTRACT.read_text()
    out: dict[str, set[str]] = {}
    schema = None
    for line in text.splitlines():
        heading = re.match(r"^## `(\w+)`", line)
        if heading:
            schema = heading.group(1)
            continue
        row = re.match(r"^\| `(\w+)` \| (.+?) \|", line)
        if not (schema and row):
            continue
        table, cell = row.group(1), row.group(2)
        prev = None
        while prev != cell:  # drop parenthesised notes, innermost first
            prev, cell = cell, re.sub(r"\([^()]*\)", "", cell)
        columns: set[str] = set()
        every = re.search(r"every column of `(\w+)`", cell)
        if every:
            columns |= out[f"{schema}.{every.group(1)}"]
            cell = cell.split(" plus ", 1)[1].split(";")[0]
        elif ":" in cell:
            cell = cell.split(":", 1)[1]
        columns |= {c.strip().strip("`") for c in cell.split(",") if c.strip()}
        out[f"{schema}.{table}"] = columns
    return out


def test_contract_parser_reads_every_source_table() -> None:
    parsed = contract_columns()
    # Marketo's tables are written for a Marketo company only; activity_visit_webpage is documented, never
    # generated (its absence is what the Marketo company's build proves harmless)
    assert set(parsed) == set(TABLES) | set(generate.MARKETO_TABLES) | {"marketo.activity_visit_webpage"}
    assert {"_fivetran_start", "amount", "stage_name"} <= parsed["salesforce.opportunity_history"]
    assert "context_company_domain" in parsed["segment.pages"]


def test_every_contract_table_and_column_exists(raw: Path) -> None:
    present = {
        (f"{s}.{tb}", c)
        for s, tb, c in q(raw, "select table_schema, table_name, column_name from information_schema.columns")
    }
    contract = {name: cols for name, cols in contract_columns().items() if name in TABLES}
    missing = [(tb, c) for tb, cols in contract.items() for c in sorted(cols) if (tb, c) not in present]
    assert missing == []


def test_columns_are_typed(raw: Path) -> None:
    types = dict(
        ((f"{s}.{tb}", c), d)
        for s, tb, c, d in q(
            raw, "select table_schema, table_name, column_name, data_type from information_schema.columns"
        )
    )
    assert types[("salesforce.opportunity", "amount")] == "DECIMAL(18,2)"
    assert types[("salesforce.lead", "number_of_employees")] == "BIGINT"
    assert types[("hubspot.email_event", "created")] == "TIMESTAMP"
    assert types[("hubspot.email_event", "filtered_event")] == "BOOLEAN"
    assert types[("salesforce.lead", "converted_date")] == "DATE"
    assert types[("intent.topic_scores", "score")] == "BIGINT"


def test_every_table_has_rows(raw: Path) -> None:
    empty = [name for name in TABLES if scalar(raw, f"select count(*) from {t(name)}") == 0]
    assert empty == []


def test_ids_look_like_the_connectors(raw: Path) -> None:
    prefixes = {
        "salesforce.account": "001",
        "salesforce.contact": "003",
        "salesforce.lead": "00Q",
        "salesforce.opportunity": "006",
        "salesforce.task": "00T",
        "salesforce.event": "00U",
        "salesforce.user": "005",
        "salesforce.user_role": "00E",
        "salesforce.campaign": "701",
        "salesforce.campaign_member": "00v",
    }
    for name, prefix in prefixes.items():
        bad = scalar(
            raw,
            f"select count(*) from {t(name)} where id is not null and (length(id) <> 18 "
            f"or not starts_with(id, '{prefix}'))",
        )
        assert bad == 0, name
    uuid = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    for name in ("hubspot.email_event", "segment.pages", "segment.tracks", "segment.identifies"):
        assert (
            scalar(raw, f"select count(*) from {t(name)} where id is not null and not regexp_full_match(id, ?)", [uuid])
            == 0
        )


def test_value_sets_stay_in_the_documented_lists(raw: Path) -> None:
    types = {r[0] for r in q(raw, "select distinct type from hubspot.email_event")}
    assert types - set(vocab.EMAIL_EVENT_TYPES) == {vocab.UNKNOWN_EMAIL_EVENT_TYPE}
    assert {"SENT", "DELIVERED", "OPEN", "CLICK", "BOUNCE", "STATUSCHANGE"} <= types
    statuses = {r[0] for r in q(raw, "select distinct status from salesforce.lead")}
    assert statuses - set(vocab.LEAD_STATUSES) <= set(vocab.UNKNOWN_LEAD_STATUSES)
    assert {vocab.LEAD_STATUS_QUALIFIED, vocab.LEAD_STATUS_OPEN, vocab.LEAD_STATUS_WORKING} <= statuses
    stages = {r[0] for r in q(raw, "select distinct stage_name from salesforce.opportunity_history")}
    assert stages <= {s[0] for s in vocab.OPPORTUNITY_STAGES}
    form_names = {r[0] for r in q(raw, "select name from hubspot.form where not _fivetran_deleted")}
    assert {vocab.FORM_DEMO, vocab.FORM_CONTACT_SALES, vocab.FORM_NEWSLETTER} <= form_names


# --- anomalies: present, and exactly as counted ----------------------------------------------------------------
def test_every_anomaly_kind_is_planted(summary: generate.GenerationSummary) -> None:
    kinds = {
        "resynced_duplicate",
        "soft_deleted",
        "merged_record",
        "late_arriving",
        "missing_id",
        "malformed_email",
        "future_timestamp",
        "negative_amount",
        "unknown_code",
    }
    assert kinds <= set(summary.anomalies)
    for kind in kinds:
        assert sum(summary.anomalies[kind].values()) >= 2, kind


def test_resynced_duplicates_match_the_summary(raw: Path, summary: generate.GenerationSummary) -> None:
    counted = summary.anomalies["resynced_duplicate"]
    assert len(counted) >= 10
    for name, n in counted.items():
        k = KEY[name]
        extra = scalar(raw, f'select count("{k}") - count(distinct "{k}") from {t(name)}')
        assert extra == n, name
    # a re-sync is the same key loaded later
    later = scalar(
        raw,
        """select count(*) from (select id, count(distinct _fivetran_synced) as n
                           from hubspot.email_event where id is not null group by id having count(*) > 1)
                           where n < 2""",
    )
    assert later == 0


def test_soft_deletes_and_merges_match_the_summary(raw: Path, summary: generate.GenerationSummary) -> None:
    deleted, merged = summary.anomalies["soft_deleted"], summary.anomalies["merged_record"]
    for name in (
        "salesforce.lead",
        "salesforce.contact",
        "salesforce.task",
        "salesforce.event",
        "salesforce.campaign_member",
    ):
        has_master = "master_record_id" in dict(TABLES[name])
        plain = "and master_record_id is null" if has_master else ""
        n = scalar(raw, f"select count(distinct id) from {t(name)} where is_deleted {plain}")
        assert n == deleted.get(name, 0), name
    for name in ("salesforce.lead", "salesforce.contact", "salesforce.account"):
        n = scalar(raw, f"select count(distinct id) from {t(name)} where is_deleted and master_record_id is not null")
        assert n == merged[name] > 0, name
        orphan = scalar(
            raw,
            f"""select count(*) from {t(name)} l where master_record_id is not null
                                and not exists (select 1 from {t(name)} s where s.id = l.master_record_id
                                and not s.is_deleted)""",
        )
        assert orphan == 0, name
    audits = q(raw, "select canonical_vid, vid_to_merge from hubspot.contact_merge_audit")
    assert len(audits) == merged["hubspot.contact"] > 0
    for canonical, loser in audits:
        assert scalar(raw, "select bool_and(_fivetran_deleted) from hubspot.contact where id = ?", [loser])
        merged_ids = scalar(
            raw, "select max(property_hs_merged_object_ids) from hubspot.contact where id = ?", [canonical]
        )
        assert str(loser) in merged_ids.split(";")
    gdpr = scalar(raw, "select count(distinct id) from hubspot.contact where _fivetran_deleted")
    assert gdpr == deleted["hubspot.contact"] + merged["hubspot.contact"]


def test_late_arrivals_match_the_summary(raw: Path, summary: generate.GenerationSummary) -> None:
    late = summary.anomalies["late_arriving"]
    for name in (
        "hubspot.email_event",
        "segment.pages",
        "segment.tracks",
        "segment.identifies",
        "hubspot.contact_form_submission",
    ):
        k, load, event = KEY[name], LOAD_COLUMN[name], EVENT_COLUMN[name]
        n = scalar(
            raw,
            f"""select count(*) from (
                select "{load}" as load, "{event}" as ev,
                       row_number() over (partition by "{k}" order by "{load}") as rk
                from {t(name)} where "{k}" is not null)
            where rk = 1 and load - ev > interval 1 day""",
        )
        assert n == late[name], name
    assert late["hubspot.email_event"] > 0 and late["segment.pages"] > 0


def test_malformed_rows_match_the_summary(raw: Path, summary: generate.GenerationSummary) -> None:
    a = summary.anomalies
    for name, n in a["missing_id"].items():
        assert scalar(raw, f'select count(*) from {t(name)} where "{KEY[name]}" is null') == n, name
    emails = {
        "salesforce.lead": "email",
        "hubspot.contact": "property_email",
        "hubspot.email_event": "recipient",
        "segment.identifies": "email",
    }
    for name, col in emails.items():
        bad = scalar(
            raw,
            f'select count(*) from {t(name)} where "{KEY[name]}" is not null and "{col}" is not null '
            f'and not regexp_full_match(lower("{col}"), ?)',
            [VALID_EMAIL],
        )
        dupes = scalar(
            raw,
            f"""select count(*) - count(distinct "{KEY[name]}") from {t(name)}
                                where not regexp_full_match(lower("{col}"), ?)""",
            [VALID_EMAIL],
        )
        assert bad - dupes == a["malformed_email"][name], name
    future = {"hubspot.email_event": "created", "segment.pages": "timestamp", "salesforce.lead": "created_date"}
    for name, col in future.items():
        n = scalar(raw, f'select count(distinct "{KEY[name]}") from {t(name)} where "{col}" > timestamp \'2090-01-01\'')
        assert n == a["future_timestamp"][name], name
    negative = scalar(raw, "select count(distinct id) from salesforce.opportunity where amount < 0")
    assert negative == a["negative_amount"]["salesforce.opportunity"]
    assert scalar(raw, "select count(distinct id) from salesforce.opportunity_history where amount < 0") == negative
    mystery = scalar(
        raw, "select count(distinct id) from hubspot.email_event where type = ?", [vocab.UNKNOWN_EMAIL_EVENT_TYPE]
    )
    assert mystery == a["unknown_code"]["hubspot.email_event"]
    unknown = scalar(
        raw,
        f"select count(distinct id) from salesforce.lead where status not in "
        f"({', '.join('?' * len(vocab.LEAD_STATUSES))})",
        list(vocab.LEAD_STATUSES),
    )
    assert unknown == a["unknown_code"]["salesforce.lead"]


def test_load_times_follow_event_times(raw: Path) -> None:
    for name in ENGAGEMENT_TABLES:
        load, event = LOAD_COLUMN[name], EVENT_COLUMN[name]
        early = scalar(
            raw,
            f"""select count(*) from {t(name)} where "{load}" < "{event}"
                                and "{event}" < timestamp '2090-01-01'""",
        )
        assert early == 0, name
    for name in TABLES:
        max_load = scalar(raw, f'select max("{LOAD_COLUMN[name]}") from {t(name)}')
        assert max_load.date() < TEST_END_DATE, name
    for name in ("salesforce.lead", "salesforce.contact", "salesforce.task"):
        early = scalar(
            raw,
            f"""select count(*) from {t(name)} where _fivetran_synced < created_date
                and created_date < timestamp '2090-01-01'""",
        )
        assert early == 0, name


# --- planted phenomena -----------------------------------------------------------------------------------------
def test_scanners_click_every_link_within_seconds_of_delivery(raw: Path) -> None:
    prefixes = " or ".join(f"starts_with(c.ip_address, '{p}')" for p in vocab.SCANNER_IP_PREFIXES)
    rows = q(
        raw,
        f"""
        with delivered as (select sent_by_id, min(created) as at from hubspot.email_event
                           where type = 'DELIVERED' group by 1),
             clicks as (select e.sent_by_id, e.created, e.filtered_event, ({prefixes}) as scanner
                        from hubspot.email_event e join hubspot.email_event_click c using (id)
                        where e.type = 'CLICK' and e.id is not null)
        select scanner, epoch(c.created - d.at) as seconds, filtered_event
        from clicks c join delivered d using (sent_by_id)""",
    )
    bot = [r[1] for r in rows if r[0]]
    human = [r[1] for r in rows if not r[0]]
    assert len(bot) >= 50 and len(human) >= 10
    assert all(1 <= s <= 6 for s in bot)
    assert sum(s > 60 for s in human) >= 0.99 * len(human)
    flagged = [r[2] for r in rows if r[0]]
    assert 0 < sum(flagged) < len(flagged), "HubSpot flags some scanner events, never all"
    links = q(
        raw,
        """select e.sent_by_id, count(*) from hubspot.email_event e join hubspot.email_event_click c
                      using (id) where c.user_agent in ('python-requests/2.31.0', 'Go-http-client/1.1')
                      group by 1""",
    )
    assert not links or max(n for _, n in links) >= 2, "scanners click every link of an email"


def test_anonymous_pages_are_identified_later(raw: Path) -> None:
    n = scalar(
        raw,
        """
        with first_identify as (select anonymous_id, user_id, min("timestamp") as at
                                from segment.identifies group by 1, 2)
        select count(distinct p.anonymous_id) from segment.pages p join first_identify i using (anonymous_id)
        where p.user_id is null and p."timestamp" < i.at""",
    )
    assert n >= 5
    carried = scalar(
        raw,
        """
        with first_identify as (select anonymous_id, any_value(user_id) as user_id, min("timestamp") as at
                                from segment.identifies group by 1)
        select count(*) filter (where p.user_id = i.user_id) / count(*)
        from segment.pages p join first_identify i using (anonymous_id)
        where p."timestamp" > i.at + interval 1 minute and p.id is not null""",
    )
    assert carried > 0.99
    assert scalar(raw, "select count(*) from segment.pages where context_company_domain is not null") > 100


def test_form_submissions_belong_to_hubspot_contacts(raw: Path) -> None:
    orphans = scalar(
        raw,
        """select count(*) from hubspot.contact_form_submission s
                             where not exists (select 1 from hubspot.contact c where c.id = s.contact_id)""",
    )
    assert orphans == 0
    unknown_form = scalar(
        raw,
        """select count(*) from hubspot.contact_form_submission s
                                  where not exists (select 1 from hubspot.form f where f.guid = s.form_id)""",
    )
    assert unknown_form == 0
    crm_match = scalar(
        raw,
        """
        with crm as (select lower(email) as email from salesforce.lead
                     union select lower(email) from salesforce.contact)
        select count(*) filter (where crm.email is not null) / count(*)
        from hubspot.contact c left join crm on crm.email = c.property_email
        where not c._fivetran_deleted and c.id in (select contact_id from hubspot.contact_form_submission)""",
    )
    assert crm_match > 0.9


def test_converted_leads_share_email_with_their_contact(raw: Path) -> None:
    rows = q(
        raw,
        """
        with lead as (select *, row_number() over (partition by id order by _fivetran_synced desc) as rk
                      from salesforce.lead where id is not null),
             contact as (select *, row_number() over (partition by id order by _fivetran_synced desc) as rk
                         from salesforce.contact)
        select l.id, lower(l.email), lower(c.email), l.converted_account_id, c.account_id,
               l.converted_opportunity_id, l.converted_date
        from lead l left join contact c on c.id = l.converted_contact_id and c.rk = 1
        where l.rk = 1 and l.is_converted""",
    )
    assert len(rows) >= 5
    assert all(r[1] == r[2] for r in rows)
    assert all(r[3] == r[4] for r in rows)
    assert all(r[6] is not None for r in rows)
    with_opp = [r for r in rows if r[5]]
    assert with_opp
    opp_ids = {r[0] for r in q(raw, "select id from salesforce.opportunity")}
    assert all(r[5] in opp_ids for r in with_opp)


def test_history_mode_tables_have_one_active_row_per_id(raw: Path) -> None:
    for name in ("salesforce.opportunity_history", "salesforce.lead_history"):
        bad = scalar(
            raw,
            f"select count(*) from (select id from {t(name)} group by id "
            f"having count(*) filter (where _fivetran_active) <> 1)",
        )
        assert bad == 0, name
        open_end = scalar(
            raw,
            f"select count(*) from {t(name)} where _fivetran_active "
            f"and _fivetran_end <> timestamp '9999-12-31 23:59:59'",
        )
        assert open_end == 0, name
        overlap = scalar(
            raw,
            f"""select count(*) from (select _fivetran_end,
                    lead(_fivetran_start) over (partition by id order by _fivetran_start) as next_start
                    from {t(name)}) where next_start is not null and _fivetran_end >= next_start""",
        )
        assert overlap == 0, name
    mismatch = scalar(
        raw,
        """
        select count(*) from salesforce.opportunity o join salesforce.opportunity_history h
        on h.id = o.id and h._fivetran_active where h.stage_name <> o.stage_name or h.amount <> o.amount""",
    )
    assert mismatch == 0
    multi = scalar(raw, "select count(*) from (select id from salesforce.lead_history group by id having count(*) > 2)")
    assert multi >= 10, "lead statuses change over time"


def test_opportunities_move_through_stages_and_close_both_ways(raw: Path) -> None:
    won = scalar(raw, "select count(distinct id) from salesforce.opportunity where is_won")
    lost = scalar(raw, "select count(distinct id) from salesforce.opportunity where is_closed and not is_won")
    assert won >= 2 and lost >= 2
    path = q(
        raw,
        """select id, list(stage_name order by _fivetran_start) from salesforce.opportunity_history
                     group by id""",
    )
    order = [s[0] for s in vocab.OPPORTUNITY_STAGES]
    for _, stages in path:
        open_stages = [s for s in stages if not s.startswith("Closed")]
        assert open_stages[0] == "Prospecting"
        assert [order.index(s) for s in open_stages] == sorted(order.index(s) for s in open_stages)


def test_sales_follow_up_is_fast_often_slow_sometimes(raw: Path) -> None:
    delays = [
        r[0]
        for r in q(
            raw,
            """
        with asks as (select c.property_email as email, min(s."timestamp") as at
                      from hubspot.contact_form_submission s join hubspot.contact c on c.id = s.contact_id
                      join hubspot.form f on f.guid = s.form_id
                      where f.name in ('Request a Demo', 'Contact Sales') group by 1),
             people as (select id, lower(email) as email from salesforce.lead
                        union all select id, lower(email) from salesforce.contact),
             touches as (select p.email, min(tk.created_date) as first_touch
                         from salesforce.task tk join people p on p.id = tk.who_id group by 1)
        select epoch(t.first_touch - a.at) / 3600 from asks a join touches t using (email)
        where t.first_touch >= a.at""",
        )
    ]
    assert len(delays) >= 8
    assert sum(d <= 4 for d in delays) >= 0.3 * len(delays)
    assert sum(d > 24 for d in delays) >= 1
    meetings = scalar(raw, "select count(*) from salesforce.event where type = 'Meeting'")
    assert meetings >= 10


def test_in_market_icp_buying_committees_show_up(raw: Path) -> None:
    icp = ", ".join(f"'{i}'" for i in vocab.ICP_INDUSTRIES)
    people = scalar(
        raw,
        f"""
        with who as (select distinct i.anonymous_id, lower(i.email) as email from segment.identifies i),
             hot as (select w.email, count(*) as n from segment.pages p join who w using (anonymous_id)
                     where p.path in ('/pricing', '/pricing/calculator', '/pricing/enterprise', '/demo')
                        or p.path like '/integrations/%' or p.path like '/customers/%'
                     group by 1 having count(*) >= 3),
             icp_domains as (select distinct lower(regexp_replace(website, '^(https?://)?(www\\.)?|/.*$', '',
                             'gi')) as domain from salesforce.account where industry in ({icp}))
        select count(distinct h.email) from hot h where split_part(h.email, '@', 2) in (select domain from icp_domains)
    """,
    )
    assert people >= 5
    accounts = scalar(
        raw,
        """
        select count(*) from (select context_company_domain from segment.pages
            where context_company_domain is not null and (path like '/pricing%' or path = '/demo')
            group by 1 having count(distinct anonymous_id) >= 2)""",
    )
    assert accounts >= 3


def test_people_include_students_competitors_and_free_mail(raw: Path) -> None:
    domains = [r[0] for r in q(raw, "select split_part(property_email, '@', 2) from hubspot.contact")]
    assert sum(d in vocab.COMPETITOR_DOMAINS for d in domains) >= 3
    assert sum(d in vocab.FREE_MAIL_DOMAINS for d in domains) >= 10
    assert sum(d.endswith(vocab.ACADEMIC_PATTERNS) for d in domains) >= 5
    shared = scalar(
        raw,
        """select count(*) from (select lower(regexp_replace(website, '^(https?://)?(www\\.)?|/.*$',
                            '', 'gi')) as d from salesforce.account where not is_deleted group by 1
                            having count(distinct id) > 1)""",
    )
    assert shared >= 2, "a few accounts share one website domain"
    types = {r[0] for r in q(raw, "select distinct type from salesforce.account")}
    assert {"Customer", "Prospect", "Competitor", "Partner"} <= types


def test_intent_surges_are_weekly_and_bounded(raw: Path) -> None:
    bad = scalar(
        raw,
        """select count(*) from intent.topic_scores
                         where score not between 0 and 100 or dayofweek(week_start_date) <> 1""",
    )
    assert bad == 0
    assert scalar(raw, "select count(distinct domain) from intent.topic_scores") >= 10


# --- append_day ------------------------------------------------------------------------------------------------
def test_append_day_adds_one_later_day_deterministically(tmp_path: Path, raw: Path) -> None:
    config = generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED, end_date=TEST_END_DATE)
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    shutil.copy(raw, first)
    shutil.copy(raw, second)
    before = {
        name: (
            scalar(raw, f"select count(*) from {t(name)}"),
            scalar(raw, f'select max("{LOAD_COLUMN[name]}") from {t(name)}'),
        )
        for name in TABLES
    }
    previous_max = max(m for _, m in before.values() if m is not None)
    result = generate.append_day(first, config)
    generate.append_day(second, config)
    _release(first)
    _release(second)
    assert checksums(first) == checksums(second)
    assert result.mode == "append_day"
    assert result.start_date == previous_max.date().fromordinal(previous_max.date().toordinal() + 1)
    added = 0
    for name in TABLES:
        count_before, _ = before[name]
        load = LOAD_COLUMN[name]
        after = scalar(first, f"select count(*) from {t(name)}")
        newer = scalar(first, f'select count(*) from {t(name)} where "{load}" > ?', [previous_max])
        assert after - count_before == newer, name
        days = {
            r[0]
            for r in q(
                first, f'select distinct cast("{load}" as date) from {t(name)} where "{load}" > ?', [previous_max]
            )
        }
        assert days <= {result.start_date}, name
        added += after - count_before
    assert result.engagement_events > 0
    assert added == sum(result.rows.values())
    assert sum(result.anomalies["resynced_duplicate"].values()) > 0


# --- connector samples -----------------------------------------------------------------------------------------
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared connector samples not present")
def test_load_samples_keeps_every_csv_column(tmp_path: Path) -> None:
    target = tmp_path / "samples.duckdb"
    loaded = generate.load_samples(
        target, SHARED_DATA / "fivetran_salesforce_sample", SHARED_DATA / "fivetran_hubspot_sample"
    )
    assert {"salesforce.lead", "salesforce.opportunity_history", "hubspot.email_event", "hubspot.form"} <= set(loaded)
    header = (SHARED_DATA / "fivetran_hubspot_sample" / "email_event_data.csv").read_text().splitlines()[0]
    columns = {
        r[0]
        for r in q(
            target,
            "select column_name from information_schema.columns "
            "where table_schema = 'hubspot' and table_name = 'email_event'",
        )
    }
    assert set(header.split(",")) == columns
    assert loaded["hubspot.email_event"] == scalar(target, "select count(*) from hubspot.email_event") > 0
