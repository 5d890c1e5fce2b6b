"""Salesforce tables from one chunk's simulated sales records (see `crm.py` for the simulation).

The simulation decides what happened; this module decides how Fivetran's Salesforce connector shows it: one row per
record (plus merged losers and soft deletes, the anomalies a real org has), history-mode versions, and a load time a
few minutes after each change. The writer draws from the chunk's random generator after the simulation, in a fixed
order, so the same seed writes the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pyarrow as pa

from handoff.generate import vocab
from handoff.generate.anomalies import anomaly_count
from handoff.generate.clock import DAY, FAR_FUTURE, HOUR, SECOND
from handoff.generate.companies import ACCOUNT_TYPES, KIND_BUSINESS, TYPE_NONE, TYPE_PROSPECT
from handoff.generate.crm import LOST, WON, CrmChunk, Opportunity
from handoff.generate.ids import salesforce_id as _sfid
from handoff.generate.people import SEG_PERSONAL
from handoff.generate.world import World
from handoff.generate.writer import NULL_TS, TABLES, empty_table, make_table


@dataclass
class CrmResult:
    """The chunk's Salesforce tables, plus facts the HubSpot and summary steps need."""

    tables: dict[str, pa.Table]
    opportunities: int
    won: int
    lost: int
    meetings: int
    touched: int
    handoffs: int
    deleted_leads: int


class CrmTableWriter:
    """Writes one simulated chunk as the Fivetran Salesforce tables (one method per table)."""

    def __init__(self, sim: CrmChunk) -> None:
        self.sim = sim
        self.ctx, self.world, self.clock, self.rng = sim.ctx, sim.world, sim.clock, sim.rng
        self.state, self.glob, self.company = sim.state, sim.glob, sim.company
        self.account_created, self.account_type, self.account_synced = (
            sim.account_created,
            sim.account_type,
            sim.account_synced,
        )
        self.opps, self.tasks, self.events, self.members = sim.opps, sim.tasks, sim.events, sim.members
        self.unsubscribed_at = sim.unsubscribed_at
        self._lags = sim.load_lags
        self._lag_i = 0
        self.deleted_leads = 0

    def write(self, delete_rate: float, merge_rate: float, min_count: int) -> CrmResult:
        """All Salesforce tables of the chunk (merged and soft-deleted leads/contacts/accounts included)."""
        out: dict[str, pa.Table] = {}
        out["salesforce.lead"], out["salesforce.lead_history"] = self._lead_tables(delete_rate, merge_rate, min_count)
        out["salesforce.contact"] = self._contact_table(merge_rate, min_count)
        out["salesforce.account"] = self._account_table(merge_rate, min_count)
        out["salesforce.opportunity"], out["salesforce.opportunity_history"] = self._opportunity_tables()
        out["salesforce.task"] = self._task_table()
        out["salesforce.event"] = self._event_table()
        out["salesforce.campaign_member"] = self._member_table()
        stages = [current_version(o, self.clock.snapshot)[1] for o in self.opps]
        return CrmResult(
            tables=out,
            opportunities=len(self.opps),
            won=stages.count(WON),
            lost=stages.count(LOST),
            meetings=self.sim.meetings,
            touched=self.sim.touched,
            handoffs=self.sim.handoffs,
            deleted_leads=self.deleted_leads,
        )

    def _synced(self, ts: int) -> int:
        """Load time of a CRM row changed at `ts`: minutes later (a pool of lags, drawn once per chunk)."""
        self._lag_i = (self._lag_i + 1) % len(self._lags)
        return min(ts + int(self._lags[self._lag_i]), self.clock.snapshot - SECOND)

    def _lead_row_static(self, i: int) -> dict[str, object]:
        """Lead fields that come from the person and their company (as typed into a web form)."""
        ppl, cos, rng = self.world.people, self.world.companies, self.rng
        g = int(self.glob[i])
        co = int(self.company[i])
        seg = int(ppl.segment[g])
        country = vocab.COUNTRIES[int(ppl.country[g])]
        spelled = country.name
        if country.code in vocab.COUNTRY_SPELLINGS and rng.random() < 0.25:
            options = vocab.COUNTRY_SPELLINGS[country.code]
            spelled = options[int(rng.integers(0, len(options)))]
        if co >= 0 and seg != SEG_PERSONAL:
            company: str | None = str(cos.name[co])
            website = str(cos.website[co]) if rng.random() < 0.7 else None
            industry = vocab.INDUSTRIES[int(cos.industry[co])].name if rng.random() < 0.7 else None
            employees = int(cos.employees[co]) if rng.random() < 0.65 else None
            revenue = float(cos.revenue[co]) if rng.random() < 0.5 and not np.isnan(cos.revenue[co]) else None
        else:
            company = vocab.FREELANCE_COMPANIES[int(rng.integers(0, len(vocab.FREELANCE_COMPANIES)))]
            website = industry = None
            employees = None
            revenue = None
        return {
            "email": ppl.crm_email[g],
            "first_name": ppl.first_name[g],
            "last_name": ppl.last_name[g],
            "title": ppl.title[g],
            "company": company,
            "website": website,
            "industry": industry,
            "number_of_employees": employees,
            "annual_revenue": revenue,
            "country": spelled,
        }

    def _lead_tables(self, delete_rate: float, merge_rate: float, min_count: int) -> tuple[pa.Table, pa.Table]:
        rng, clock, team = self.rng, self.clock, self.world.team
        rows: list[dict[str, object]] = []
        hist: list[tuple[str, str, int, bool, int, bool]] = []  # id, status, owner, conv, start, deleted
        leads = [i for i, st in enumerate(self.state) if st.lead_seq >= 0]
        unworked = [i for i in leads if len(self.state[i].versions) == 1]
        n_merge = anomaly_count(rng, len(leads), merge_rate, min_count if self.ctx.index == 0 else 0)
        n_delete = anomaly_count(rng, len(unworked), delete_rate, min_count if self.ctx.index == 0 else 0)
        merged = set(rng.choice(leads, size=min(n_merge, len(leads)), replace=False).tolist()) if leads else set()
        deletable = [i for i in unworked if i not in merged]
        deleted = (
            set(rng.choice(deletable, size=min(n_delete, len(deletable)), replace=False).tolist())
            if deletable
            else set()
        )
        applied_deletes = 0
        for i in leads:
            st = self.state[i]
            versions = [v for v in st.versions if v[0] < clock.snapshot]
            if i in deleted:
                room = clock.snapshot - HOUR - versions[-1][0]
                if room > HOUR:
                    when = versions[-1][0] + int(rng.uniform(0.2, 1.0) * min(room, 200 * DAY))
                    versions.append((when, versions[-1][1], versions[-1][2], versions[-1][3], True))
                    applied_deletes += 1
            lead_id = _sfid("lead", st.lead_seq)
            for ts, status, owner, conv, dele in versions:
                hist.append((lead_id, status, owner, conv, ts, dele))
            cur = versions[-1]
            row = self._lead_row_static(i)
            g = int(self.glob[i])
            opted_out = bool(self.unsubscribed_at[i] < clock.snapshot and rng.random() < 0.8)
            row.update(
                {
                    "id": lead_id,
                    "lead_source": st.lead_source,
                    "status": cur[1],
                    "owner_id": team.user_ids[cur[2]],
                    "is_converted": cur[3],
                    "converted_account_id": _sfid("account", st.converted_account + 1000) if cur[3] else None,
                    "converted_contact_id": _sfid("contact", st.contact_seq) if cur[3] else None,
                    "converted_opportunity_id": _sfid("opportunity", st.converted_opp)
                    if cur[3] and st.converted_opp >= 0
                    else None,
                    "converted_date": (st.converted_at // DAY) if cur[3] else NULL_TS,
                    "created_date": st.lead_created,
                    "has_opted_out_of_email": opted_out,
                    "master_record_id": None,
                    "is_deleted": cur[4],
                    "_fivetran_synced": self._synced(cur[0]),
                }
            )
            rows.append(row)
            if i in merged:
                # an older duplicate of the same person, merged into this lead: deleted, pointing at the survivor
                seq = int(self.ctx.next_seq("lead", 1)[0])
                loser_id = _sfid("lead", seq)
                born = st.lead_created - int(rng.uniform(20, 300) * DAY)
                merged_at = min(st.lead_created + int(rng.uniform(1, 60) * DAY), clock.snapshot - HOUR)
                email = self.world.people.email[g]
                dup = dict(row)
                dup.update(
                    {
                        "id": loser_id,
                        "email": email.upper() if rng.random() < 0.5 else email,
                        "status": vocab.LEAD_STATUS_OPEN,
                        "owner_id": team.user_ids[team.integration_user],
                        "is_converted": False,
                        "converted_account_id": None,
                        "converted_contact_id": None,
                        "converted_opportunity_id": None,
                        "converted_date": NULL_TS,
                        "created_date": born,
                        "master_record_id": lead_id,
                        "is_deleted": True,
                        "_fivetran_synced": self._synced(merged_at),
                        "lead_source": "List Import",
                    }
                )
                rows.append(dup)
                hist.append((loser_id, vocab.LEAD_STATUS_OPEN, team.integration_user, False, born, False))
                hist.append((loser_id, vocab.LEAD_STATUS_OPEN, team.integration_user, False, merged_at, True))
        lead = _rows_table("salesforce.lead", rows)
        hist_tbl = self._history_table(hist)
        self.deleted_leads = applied_deletes
        return lead, hist_tbl

    def _history_table(self, hist: list[tuple[str, str, int, bool, int, bool]]) -> pa.Table:
        team = self.world.team
        ids = np.array([h[0] for h in hist], dtype=object)
        start = np.array([h[4] for h in hist], dtype=np.int64)
        end = np.full(len(hist), FAR_FUTURE, dtype=np.int64)
        same_next = np.zeros(len(hist), dtype=bool)
        if len(hist) > 1:
            same_next[:-1] = ids[:-1] == ids[1:]
            end[:-1] = np.where(same_next[:-1], start[1:] - 1000, FAR_FUTURE)
        synced = np.array([self._synced(int(s)) for s in start], dtype=np.int64)
        return make_table(
            "salesforce.lead_history",
            {
                "id": ids,
                "status": np.array([h[1] for h in hist], dtype=object),
                "owner_id": team.user_ids[np.array([h[2] for h in hist], dtype=np.int64)] if hist else None,
                "is_converted": np.array([h[3] for h in hist], dtype=bool),
                "_fivetran_start": start,
                "_fivetran_end": end,
                "_fivetran_active": ~same_next,
                "_fivetran_synced": synced,
                "is_deleted": np.array([h[5] for h in hist], dtype=bool),
            },
            len(hist),
        )

    def _contact_table(self, merge_rate: float, min_count: int) -> pa.Table:
        rng, clock, team = self.rng, self.clock, self.world.team
        ppl = self.world.people
        rows: list[dict[str, object]] = []
        contacts = [i for i, st in enumerate(self.state) if st.contact_seq >= 0 and st.contact_created < clock.snapshot]
        n_merge = anomaly_count(rng, len(contacts), merge_rate, min_count if self.ctx.index == 0 else 0)
        merged = (
            set(rng.choice(contacts, size=min(n_merge, len(contacts)), replace=False).tolist()) if contacts else set()
        )
        for i in contacts:
            st = self.state[i]
            g = int(self.glob[i])
            co = int(self.company[i])
            if co >= 0 and co not in self.account_created:
                self.account_created[co] = st.contact_created - DAY
                self.account_type[co] = TYPE_PROSPECT
            contact_id = _sfid("contact", st.contact_seq)
            row: dict[str, object] = {
                "id": contact_id,
                "account_id": _sfid("account", co + 1000) if co >= 0 else None,
                "email": ppl.crm_email[g],
                "first_name": ppl.first_name[g],
                "last_name": ppl.last_name[g],
                "title": ppl.title[g],
                "department": ppl.department[g],
                "mailing_country": vocab.COUNTRIES[int(ppl.country[g])].name,
                "lead_source": st.lead_source,
                "owner_id": team.user_ids[st.contact_owner if st.contact_owner >= 0 else team.aes[0]],
                "created_date": st.contact_created,
                "has_opted_out_of_email": bool(self.unsubscribed_at[i] < clock.snapshot and rng.random() < 0.8),
                "master_record_id": None,
                "is_deleted": False,
                "_fivetran_synced": self._synced(st.contact_created + int(rng.uniform(0, 30) * DAY)),
            }
            rows.append(row)
            if i in merged:
                dup = dict(row)
                born = st.contact_created - int(rng.uniform(5, 200) * DAY)
                dup.update(
                    {
                        "id": _sfid("contact", int(self.ctx.next_seq("contact", 1)[0])),
                        "created_date": born,
                        "master_record_id": contact_id,
                        "is_deleted": True,
                        "lead_source": "List Import",
                        "_fivetran_synced": self._synced(st.contact_created + int(rng.uniform(1, 30) * DAY)),
                    }
                )
                rows.append(dup)
        return _rows_table("salesforce.contact", rows)

    def _account_table(self, merge_rate: float, min_count: int) -> pa.Table:
        rng, clock, team, cos = self.rng, self.clock, self.world.team, self.world.companies
        mine = set(int(c) for c in self.ctx.companies)
        if self.ctx.index == 0:
            mine |= set(int(c) for c in np.flatnonzero(cos.kind != KIND_BUSINESS) if cos.in_crm[c])
        accounts = sorted(c for c in mine if c in self.account_created and self.account_created[c] < clock.snapshot)
        n_merge = anomaly_count(rng, len(accounts), merge_rate, min_count if self.ctx.index == 0 else 0)
        merged = (
            set(rng.choice(accounts, size=min(n_merge, len(accounts)), replace=False).tolist()) if accounts else set()
        )
        rows: list[dict[str, object]] = []
        for c in accounts:
            ctry = vocab.COUNTRIES[int(cos.country[c])]
            acc_type = self.account_type.get(c, TYPE_PROSPECT)
            acc_id = _sfid("account", c + 1000)
            row: dict[str, object] = {
                "id": acc_id,
                "name": cos.name[c],
                "website": cos.website[c] if rng.random() < 0.93 else None,
                "industry": vocab.INDUSTRIES[int(cos.industry[c])].name if rng.random() < 0.92 else None,
                "number_of_employees": int(cos.employees[c]) if rng.random() < 0.9 else None,
                "annual_revenue": None if np.isnan(cos.revenue[c]) else float(cos.revenue[c]),
                "billing_country": ctry.name,
                "billing_country_code": ctry.code,
                "type": ACCOUNT_TYPES[acc_type] if acc_type != TYPE_NONE else "Prospect",
                "owner_id": team.user_ids[int(self.world.account_owner[c])],
                "parent_id": _sfid("account", int(cos.parent[c]) + 1000) if cos.parent[c] >= 0 else None,
                "master_record_id": None,
                "created_date": self.account_created[c],
                "is_deleted": False,
                "_fivetran_synced": self._synced(
                    max(self.account_synced.get(c, 0), self.account_created[c] + int(rng.uniform(0, 200) * DAY))
                ),
            }
            rows.append(row)
            if c in merged:
                dup = dict(row)
                dup.update(
                    {
                        "id": _sfid("account", int(self.ctx.next_seq("account", 1)[0])),
                        "name": str(cos.name[c]).upper() if rng.random() < 0.5 else f"{cos.name[c]} (old)",
                        "type": "Prospect",
                        "master_record_id": acc_id,
                        "is_deleted": True,
                        "parent_id": None,
                        "created_date": self.account_created[c] - int(rng.uniform(30, 400) * DAY),
                    }
                )
                rows.append(dup)
        return _rows_table("salesforce.account", rows)

    def _opportunity_tables(self) -> tuple[pa.Table, pa.Table]:
        clock, team, cos = self.clock, self.world.team, self.world.companies
        cur_rows: list[dict[str, object]] = []
        hist_rows: list[dict[str, object]] = []
        for o in self.opps:
            versions = [v for v in o.versions if v[0] < clock.snapshot]
            base = {
                "id": _sfid("opportunity", o.seq),
                "account_id": _sfid("account", o.company + 1000),
                "name": f"{cos.name[o.company]} - {'Expansion' if o.kind != vocab.OPPORTUNITY_TYPES[0] else 'New'}"
                f" {(clock.start + timedelta(days=int((o.created - clock.t0) // DAY))).year}",
                "created_date": o.created,
                "lead_source": o.lead_source,
                "type": o.kind,
                "owner_id": team.user_ids[o.owner],
                "campaign_id": self.world.calendar.ids[o.campaign] if o.campaign >= 0 else None,
                "is_deleted": False,
            }
            for k, (ts, stage, amount, close) in enumerate(versions):
                name, prob, forecast = vocab.OPPORTUNITY_STAGES[stage]
                row = dict(base)
                row.update(
                    {
                        "amount": amount,
                        "stage_name": name,
                        "is_closed": stage in (WON, LOST),
                        "is_won": stage == WON,
                        "close_date": close,
                        "probability": float(prob),
                        "forecast_category": forecast,
                        "_fivetran_synced": self._synced(ts),
                        "_fivetran_start": ts,
                        "_fivetran_end": versions[k + 1][0] - 1000 if k + 1 < len(versions) else FAR_FUTURE,
                        "_fivetran_active": k + 1 == len(versions),
                    }
                )
                hist_rows.append(row)
            cur = {k: v for k, v in hist_rows[-1].items() if not k.startswith("_fivetran_") or k == "_fivetran_synced"}
            cur_rows.append(cur)
        return _rows_table("salesforce.opportunity", cur_rows), _rows_table("salesforce.opportunity_history", hist_rows)

    def _activity_row(
        self, table: str, seq: int, who: str, what: str | None, account: str | None, owner: int, created: int
    ) -> dict[str, object]:
        """The columns a Salesforce task and event share: who and what it is about, its owner and its load time."""
        return {
            "id": _sfid(table, int(seq)),
            "who_id": who or None,
            "what_id": what,
            "account_id": account,
            "owner_id": self.world.team.user_ids[owner],
            "created_date": created,
            "is_deleted": False,
            "_fivetran_synced": self._synced(created),
        }

    def _task_table(self) -> pa.Table:
        rows = []
        seqs = self.ctx.next_seq("task", len(self.tasks))
        for (who, what, company, ts, subject, typ, status, owner, _d), seq in zip(self.tasks, seqs, strict=True):
            row = self._activity_row("task", seq, who, what, company, owner, ts)
            row.update(
                {
                    "subject": subject,
                    "type": typ,
                    "task_subtype": typ if typ in ("Call", "Email") else "Task",
                    "status": status,
                    "activity_date": ts // DAY,
                }
            )
            rows.append(row)
        return _rows_table("salesforce.task", rows)

    def _event_table(self) -> pa.Table:
        rows = []
        seqs = self.ctx.next_seq("event", len(self.events))
        for (who, what, company, owner, subject, typ, start, end, booked), seq in zip(self.events, seqs, strict=True):
            row = self._activity_row("event", seq, who, what, company, owner, min(booked, start))
            row.update(
                {
                    "subject": subject,
                    "type": typ,
                    "event_subtype": "Event",
                    "start_date_time": start,
                    "end_date_time": end,
                    "activity_date": start // DAY,
                    "activity_date_time": start,
                }
            )
            rows.append(row)
        return _rows_table("salesforce.event", rows)

    def _member_table(self) -> pa.Table:
        cal, clock = self.world.calendar, self.clock
        rows = []
        members = [m for m in self.members if m[5] < clock.snapshot]
        seqs = self.ctx.next_seq("campaign_member", len(members))
        for (campaign, i, status, responded, day, created), seq in zip(members, seqs, strict=True):
            st = self.state[i]
            contact = st.contact_seq >= 0 and st.contact_created <= created
            if not contact and st.lead_seq < 0:
                continue
            rows.append(
                {
                    "id": _sfid("campaign_member", int(seq)),
                    "campaign_id": cal.ids[campaign],
                    "lead_id": None if contact else _sfid("lead", st.lead_seq),
                    "contact_id": _sfid("contact", st.contact_seq) if contact else None,
                    "status": status,
                    "has_responded": responded,
                    "first_responded_date": clock.epoch_day0 + day if day >= 0 else NULL_TS,
                    "created_date": created,
                    "is_deleted": False,
                    "_fivetran_synced": self._synced(created),
                }
            )
        return _rows_table("salesforce.campaign_member", rows)


def current_version(o: Opportunity, snapshot: int) -> tuple[int, int, float, int]:
    """The opportunity as it stands at the snapshot (its last version before it)."""
    return [v for v in o.versions if v[0] < snapshot][-1]


def _rows_table(name: str, rows: list[dict[str, object]]) -> pa.Table:
    """A table from row dicts (CRM tables are small: a few thousand rows per chunk)."""
    if not rows:
        return empty_table(name)
    cols: dict[str, object] = {}
    for col, kind in TABLES[name]:
        values = [r.get(col) for r in rows]
        if kind in ("TIMESTAMP", "DATE"):
            cols[col] = np.array([NULL_TS if v is None else v for v in values], dtype=np.int64)
        elif kind == "BOOLEAN":
            cols[col] = pa.array(values, type=pa.bool_())
        elif kind == "BIGINT":
            cols[col] = pa.array(values, type=pa.int64())
        elif kind in ("DOUBLE", "DECIMAL(18,2)"):
            cols[col] = pa.array(values, type=pa.float64())
        else:
            cols[col] = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    return make_table(name, cols, len(rows))


def global_tables(world: World) -> dict[str, pa.Table]:
    """The run-wide Salesforce tables: users, roles and campaigns."""
    team, cal, clock = world.team, world.calendar, world.clock
    n_users = len(team.user_ids)
    synced = clock.t0 - 3 * DAY
    parents = {dev: i for i, (_, dev, _) in enumerate(vocab.USER_ROLES)}
    roles = make_table(
        "salesforce.user_role",
        {
            "id": team.role_ids,
            "name": np.array([r[0] for r in vocab.USER_ROLES], dtype=object),
            "developer_name": np.array([r[1] for r in vocab.USER_ROLES], dtype=object),
            "parent_role_id": np.array(
                [team.role_ids[parents[r[2]]] if r[2] else None for r in vocab.USER_ROLES], dtype=object
            ),
            "_fivetran_deleted": np.zeros(len(vocab.USER_ROLES), dtype=bool),
            "_fivetran_synced": np.full(len(vocab.USER_ROLES), synced, dtype=np.int64),
        },
    )
    users = make_table(
        "salesforce.user",
        {
            "id": team.user_ids,
            "name": np.array(team.names, dtype=object),
            "email": np.array(team.emails, dtype=object),
            "title": np.array(team.titles, dtype=object),
            "department": np.array(team.departments, dtype=object),
            "user_role_id": team.role_ids[team.role_index],
            "user_type": np.array(["Standard"] * (n_users - 1) + ["AutomatedProcess"], dtype=object),
            "is_active": team.is_active,
            "_fivetran_deleted": np.zeros(n_users, dtype=bool),
            "_fivetran_synced": np.full(n_users, synced, dtype=np.int64),
        },
    )
    n = len(cal.ids)
    ended = cal.end_day < clock.days
    started = cal.start_day < clock.days
    status = np.where(ended, "Completed", np.where(started, "In Progress", "Planned")).astype(object)
    last_change = clock.t0 + np.minimum(np.where(ended, cal.end_day + 2, cal.start_day), clock.days - 1) * DAY
    campaigns = make_table(
        "salesforce.campaign",
        {
            "id": cal.ids,
            "name": np.array(cal.names, dtype=object),
            "type": np.array(cal.types, dtype=object),
            "status": status,
            "start_date": clock.epoch_day0 + cal.start_day,
            "end_date": clock.epoch_day0 + cal.end_day,
            "is_deleted": np.zeros(n, dtype=bool),
            "_fivetran_synced": np.minimum(np.maximum(last_change, clock.t0 - DAY), clock.snapshot - HOUR),
        },
    )
    return {"salesforce.user_role": roles, "salesforce.user": users, "salesforce.campaign": campaigns}
