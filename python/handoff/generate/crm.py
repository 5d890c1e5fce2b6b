"""Salesforce: how sales reacts to what people did, and the records that reaction leaves behind.

Hand-raises, trials, webinar attendance and some downloads are routed to an SDR, who responds after a realistic
delay (many within hours, a good share after a day, some never), calls and emails, books meetings, and sets the
lead status (working, qualified, or unqualified with a reason that follows the person's true profile: student,
competitor, no authority, not a fit…). Episodes the planted model turned into pipeline get a meeting, a lead
conversion (the lead and its new contact share the email) and an opportunity that moves through the stages, kept
in Fivetran history mode. The run-wide sales team and campaign calendar are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
import pyarrow as pa

from handoff.generate import planted, vocab
from handoff.generate.anomalies import anomaly_count
from handoff.generate.behaviour import (
    A_CONTACT,
    A_CONTENT,
    A_DEMO,
    A_TRIAL,
    A_WEBINAR,
    Actions,
    Episodes,
)
from handoff.generate.clock import DAY, FAR_FUTURE, HOUR, MINUTE, SECOND, business_delay
from handoff.generate.companies import (
    ACCOUNT_TYPES,
    KIND_BUSINESS,
    TYPE_CUSTOMER,
    TYPE_NONE,
    TYPE_PROSPECT,
)
from handoff.generate.ids import salesforce_id
from handoff.generate.people import (
    CRM_CONTACT,
    CRM_LEAD,
    SEG_BUSINESS,
    SEG_COMPETITOR,
    SEG_PERSONAL,
    SEG_STUDENT,
)
from handoff.generate.world import ChunkContext, World
from handoff.generate.writer import NULL_TS, make_table

K_OUTBOUND = 100
STAGE = {name: i for i, (name, _, _) in enumerate(vocab.OPPORTUNITY_STAGES)}
WON, LOST = STAGE["Closed Won"], STAGE["Closed Lost"]
TRIGGER_NEVER = {A_DEMO: 0.08, A_CONTACT: 0.10, A_TRIAL: 0.15, A_WEBINAR: 0.35, A_CONTENT: 0.45, K_OUTBOUND: 0.0}
TRIGGER_FAST = {A_DEMO: 0.6, A_CONTACT: 0.55, A_TRIAL: 0.45, A_WEBINAR: 0.3, A_CONTENT: 0.25, K_OUTBOUND: 0.5}
TRIGGER_SOURCE = {
    A_DEMO: "Web",
    A_CONTACT: "Web",
    A_TRIAL: "Web",
    A_WEBINAR: "Webinar",
    A_CONTENT: "Web",
    K_OUTBOUND: "Outbound",
}
CALL_SUBJECTS = ("Call", "Call: intro", "Left voicemail", "Call: follow-up", "Connect call")
EMAIL_SUBJECTS = {
    A_DEMO: "Email: Re: your Relaypoint demo request",
    A_CONTACT: "Email: Re: your message to our sales team",
    A_TRIAL: "Email: Getting the most out of your trial",
    A_WEBINAR: "Email: Thanks for joining our webinar",
    A_CONTENT: "Email: Following up on your download",
    K_OUTBOUND: "Email: Quick question about your revenue data",
}


@dataclass
class LeadState:
    """One person's Salesforce lead/contact as it evolves (versions feed lead_history)."""

    lead_seq: int = -1
    lead_created: int = 0
    lead_source: str = ""
    versions: list[tuple[int, str, int, bool, bool]] = field(default_factory=list)  # ts, status, owner, conv, del
    contact_seq: int = -1
    contact_created: int = 0
    contact_owner: int = -1
    converted_at: int = -1
    converted_account: int = -1
    converted_opp: int = -1
    last_handoff: int = -(10**18)


@dataclass
class Opportunity:
    """An opportunity and its versions (ts, stage, amount, close_date epoch day)."""

    seq: int
    company: int
    person: int
    owner: int
    kind: str
    lead_source: str
    campaign: int
    created: int
    versions: list[tuple[int, int, float, int]]


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


class CrmChunk:
    """Per-chunk CRM simulation: records, handoffs, opportunities, activities, campaign members."""

    def __init__(
        self, ctx: ChunkContext, ep: Episodes, actions: Actions, hub_created: np.ndarray, unsubscribed_at: np.ndarray
    ) -> None:
        self.ctx = ctx
        self.world: World = ctx.world
        self.rng = ctx.rng
        self.ep = ep
        self.actions = actions
        self.unsubscribed_at = unsubscribed_at
        self.clock = self.world.clock
        ppl = self.world.people
        self.glob = ctx.persons
        self.local_of = {int(g): i for i, g in enumerate(self.glob)}
        self.state = [LeadState() for _ in range(len(self.glob))]
        self.account_created: dict[int, int] = {}
        self.account_type: dict[int, int] = {}
        self.account_synced: dict[int, int] = {}
        self.opps: list[Opportunity] = []
        # (who, what, account, created, subject, type, status, owner, deleted)
        self.tasks: list[tuple[str, str | None, str | None, int, str, str, str, int, bool]] = []
        # (who, what, account, owner, subject, type, start, end, booked)
        self.events: list[tuple[str, str | None, str | None, int, str, str, int, int, int]] = []
        self.members: list[tuple[int, int, str, bool, int, int]] = []  # campaign, local, status, resp, day, created
        self.meetings = 0
        self.touched = 0
        self.handoffs = 0
        cos = self.world.companies
        self.company = ppl.company[self.glob]
        relevant = np.unique(
            np.concatenate([ctx.companies, self.company[self.company >= 0], np.flatnonzero(cos.kind != KIND_BUSINESS)])
        ).astype(np.int64)
        relevant = relevant[cos.in_crm[relevant]]
        for c, ts in zip(relevant, self._at_many(cos.created_day[relevant]), strict=True):
            self.account_created[int(c)] = int(ts)
            self.account_type[int(c)] = int(cos.account_type[c])
        self.outbound_won: dict[int, bool] = {}
        self.deleted_leads = 0
        self._lags = self.rng.integers(5 * MINUTE, 75 * MINUTE, size=997)
        self._lag_i = 0
        self._last_load = self.clock.snapshot - SECOND
        self.hub_created = hub_created
        first_action = np.full(len(self.glob), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first_action, actions.local, actions.time)
        created = self._at_many(ppl.created_day[self.glob])
        sources = np.array(vocab.LEAD_SOURCES, dtype=object)[ppl.lead_source[self.glob]]
        for i in range(len(self.glob)):
            kind = int(ppl.crm_kind[self.glob[i]])
            st = self.state[i]
            if kind == CRM_CONTACT:
                co = int(self.company[i])
                st.contact_seq = int(ctx.next_seq("contact", 1)[0])
                st.contact_created = max(int(created[i]), self.account_created.get(co, int(created[i])) + HOUR)
                if int(first_action[i]) < st.contact_created:
                    self._backdate_contact(i, int(first_action[i]) - DAY)
                st.contact_owner = int(self.world.account_owner[co]) if co >= 0 else self._sdr(i)
                st.lead_source = str(sources[i])
            else:
                acted = int(first_action[i]) < self.clock.snapshot
                if kind == CRM_LEAD:
                    when = min(int(created[i]), int(first_action[i]) + 3 * MINUTE) if acted else int(created[i])
                    self._create_lead(i, when, str(sources[i]))
                elif acted:
                    self._create_lead(i, int(first_action[i]) + 3 * MINUTE, "Web")

    # --- helpers ---------------------------------------------------------------------------------------------
    def _at(self, day: int) -> int:
        return self.clock.t0 + day * DAY + int(self.rng.integers(8 * HOUR, 18 * HOUR))

    def _at_many(self, days: np.ndarray) -> np.ndarray:
        return self.clock.t0 + days.astype(np.int64) * DAY + self.rng.integers(8 * HOUR, 18 * HOUR, size=len(days))

    def _sdr(self, local: int) -> int:
        key = int(self.company[local]) if self.company[local] >= 0 else int(self.glob[local])
        sdrs = self.world.team.sdrs
        return int(sdrs[key % len(sdrs)])

    def _create_lead(self, i: int, when: int, source: str) -> None:
        st = self.state[i]
        st.lead_seq = int(self.ctx.next_seq("lead", 1)[0])
        st.lead_created = when
        st.lead_source = source
        st.versions = [(when, vocab.LEAD_STATUS_OPEN, self.world.team.integration_user, False, False)]

    def _status(
        self, i: int, ts: int, status: str | None = None, owner: int | None = None, converted: bool | None = None
    ) -> None:
        st = self.state[i]
        if st.lead_seq < 0 or not st.versions:
            return
        last = st.versions[-1]
        if last[3]:  # converted leads are frozen
            return
        ts = max(ts, last[0] + SECOND)
        new = (
            ts,
            status or last[1],
            last[2] if owner is None else owner,
            last[3] if converted is None else converted,
            False,
        )
        if new[1:] != last[1:]:
            st.versions.append(new)

    def _backdate_contact(self, i: int, when: int) -> None:
        """A contact acted before its drawn creation date: it existed by then (and so did its account)."""
        st = self.state[i]
        st.contact_created = min(st.contact_created, when)
        co = int(self.company[i])
        if co in self.account_created:
            self.account_created[co] = min(self.account_created[co], st.contact_created - DAY)

    def _who(self, i: int, ts: int) -> str | None:
        st = self.state[i]
        if st.contact_seq >= 0 and st.contact_created <= ts:
            return _sfid("contact", st.contact_seq)
        if st.lead_seq >= 0:
            return _sfid("lead", st.lead_seq)
        return None

    def _account_id(self, company: int, ts: int) -> str | None:
        created = self.account_created.get(company)
        if company < 0 or created is None or created > ts:
            return None
        return _sfid("account", company + 1000)

    def _current_status(self, i: int) -> str:
        st = self.state[i]
        return st.versions[-1][1] if st.versions else ""

    # --- the process ---------------------------------------------------------------------------------------
    def run(self) -> None:
        """Route triggers to SDRs in time order; build opportunities for the planted outcomes."""
        rng, ep, a = self.rng, self.ep, self.actions
        cos, ppl = self.world.companies, self.world.people
        clock = self.clock
        trig: list[tuple[int, int, int, int]] = []  # ts, local, kind, opp_ref (episode index or -2 - outbound)
        web_follow = clock.t0 + (self.world.calendar.end_day[self.world.calendar.webinars] + 1) * DAY + 15 * HOUR
        hand_action = {
            int(a.episode[j]): j for j in np.flatnonzero(np.isin(a.kind, (A_DEMO, A_CONTACT))) if a.episode[j] >= 0
        }
        for j in range(len(a)):
            k = int(a.kind[j])
            opp_ref = -1
            if k in (A_DEMO, A_CONTACT, A_TRIAL):
                if a.episode[j] >= 0 and hand_action.get(int(a.episode[j])) == j and ep.opportunity[a.episode[j]]:
                    opp_ref = int(a.episode[j])
                trig.append((int(a.time[j]), int(a.local[j]), k, opp_ref))
            elif k == A_WEBINAR and a.attended[j]:
                trig.append((int(web_follow[a.webinar[j]]), int(a.local[j]), k, -1))
            elif k == A_CONTENT and rng.random() < 0.5:
                trig.append((int(a.time[j] + rng.integers(HOUR, 2 * DAY)), int(a.local[j]), k, -1))
        for i in np.flatnonzero(ep.opportunity & ~np.isin(np.arange(len(ep)), list(hand_action))):
            members = ep.member_person[ep.member_episode == i]
            primary = int(members[np.argmax(ppl.weight[members])])
            day = int(ep.start[i] + rng.uniform(0.3, 0.6) * (ep.end[i] - ep.start[i]))
            t = int(clock.work_time(rng, np.array([max(day, 0)]), ppl.country[[primary]])[0])
            trig.append((t, self.local_of[primary], K_OUTBOUND, int(i)))
        # outbound-sourced opportunities (no marketing signal) and cold outreach without outcome
        business = np.flatnonzero(ppl.segment[self.glob] == SEG_BUSINESS)
        for c in self.ctx.companies:
            if rng.random() < planted.OUTBOUND_OPP_RATE * cos.fit[c] * clock.days / 730:
                pool = business[self.company[business] == c]
                if len(pool):
                    local = int(pool[rng.integers(0, len(pool))])
                    day = int(rng.integers(0, clock.days - 20))
                    ref = -2 - len(self.outbound_won)
                    p_win = planted.win_probability(
                        cos.fit[[c]], ppl.weight[self.glob[[local]]], np.ones(1), np.zeros(1)
                    )
                    self.outbound_won[ref] = bool(rng.random() < p_win[0])
                    trig.append(
                        (
                            int(clock.work_time(rng, np.array([day]), ppl.country[self.glob[[local]]])[0]),
                            local,
                            K_OUTBOUND,
                            ref,
                        )
                    )
        cold = business[rng.random(len(business)) < 0.03]
        for local in cold:
            day = int(rng.integers(0, clock.days))
            trig.append((self._at(day), int(local), K_OUTBOUND, -1))
        trig.sort()
        kinds = np.array([k for _, _, k, _ in trig], dtype=np.int64)
        forced = np.array([ref != -1 for _, _, _, ref in trig], dtype=bool)
        fast = np.array([TRIGGER_FAST[int(k)] for k in kinds])
        never_p = np.where(forced, 0.0, np.array([TRIGGER_NEVER[int(k)] for k in kinds]))
        delays, nevers = business_delay(rng, len(trig), fast, never_p)
        delays[kinds == K_OUTBOUND] = 0
        for (t, local, kind, opp_ref), delay, never in zip(trig, delays.tolist(), nevers.tolist(), strict=True):
            if t >= clock.snapshot:
                continue
            self._handoff(t, local, kind, opp_ref, delay, never)
        self._campaign_members()

    def _handoff(self, t: int, i: int, kind: int, opp_ref: int, delay: int, never: bool) -> None:
        rng, st = self.rng, self.state[i]
        clock, ppl, cos = self.clock, self.world.people, self.world.companies
        g = int(self.glob[i])
        forced = opp_ref != -1
        if not forced and t - st.last_handoff < 30 * DAY:
            return
        st.last_handoff = t
        self.handoffs += 1
        if st.lead_seq < 0 and st.contact_seq < 0:
            self._create_lead(i, t + 3 * MINUTE, TRIGGER_SOURCE[kind])
        if st.contact_seq >= 0 and st.contact_created > t and st.lead_seq < 0:
            self._backdate_contact(i, t - DAY)
        if st.lead_seq >= 0 and st.lead_created > t:
            st.lead_created = t - MINUTE
            st.versions[0] = (st.lead_created, *st.versions[0][1:])
        sdr = self._sdr(i)
        if self._current_status(i) == vocab.LEAD_STATUS_NURTURE:
            self._status(i, t, vocab.LEAD_STATUS_RECYCLED)
        self._status(i, t + int(rng.integers(MINUTE, 10 * MINUTE)), owner=sdr)
        if never:
            return
        first = t + delay
        if first >= clock.snapshot:
            return
        self.touched += 1
        n_touch = 1 + min(int(rng.poisson(2.0)), 5)
        touches = [first]
        for _ in range(n_touch - 1):
            touches.append(_office_hours(rng, touches[-1] + int(rng.uniform(1, 4) * DAY)))
        company = int(self.company[i])
        for k, ts in enumerate(touches):
            if ts >= clock.snapshot:
                break
            call = rng.random() < 0.55
            subject = (
                CALL_SUBJECTS[int(rng.integers(0, len(CALL_SUBJECTS)))]
                if call
                else EMAIL_SUBJECTS[kind]
                if k == 0
                else "Email: Following up"
            )
            self._task(i, ts, sdr, subject, "Call" if call else "Email", None, company)
            if call and rng.random() < 0.08:
                self._event(i, ts, ts + 15 * MINUTE, ts - HOUR, sdr, "Scheduled call", "Call", None, company)
        self._status(i, first, vocab.LEAD_STATUS_WORKING)
        in_episode = self._in_episode(g, t)
        fit = cos.fit[company] if company >= 0 else 0.0
        if forced and opp_ref != -1:
            self._opportunity(i, first, opp_ref, sdr)
            return
        p_meet = 0.3 if (in_episode and fit >= 0.5) else 0.05
        if ppl.segment[g] in (SEG_STUDENT, SEG_COMPETITOR):
            p_meet = 0.01
        if rng.random() < p_meet:
            held = int(
                clock.work_time(rng, np.array([(first - clock.t0) // DAY + int(rng.integers(1, 7))]), ppl.country[[g]])[
                    0
                ]
            )
            if held < clock.snapshot:
                self._event(i, held, held + 30 * MINUTE, first, sdr, "Intro Meeting", "Meeting", None, company)
                self.meetings += 1
        final_at = touches[-1] + int(rng.uniform(1, 10) * DAY)
        if final_at < clock.snapshot and rng.random() > 0.2:
            self._status(i, final_at, self._disposition(g, in_episode, fit))

    def _in_episode(self, g: int, t: int) -> bool:
        ep = self.ep
        day = (t - self.clock.t0) // DAY
        rows = ep.member_episode[ep.member_person == g]
        return bool(((ep.start[rows] <= day) & (ep.end[rows] >= day)).any())

    def _disposition(self, g: int, in_episode: bool, fit: float) -> str:
        """The status sales sets after working a lead that did not become pipeline: the true reason, mostly."""
        ppl, rng = self.world.people, self.rng
        seg = int(ppl.segment[g])
        u = rng.random()
        if seg == SEG_STUDENT:
            return vocab.LEAD_STATUS_UNQ_STUDENT if u < 0.85 else vocab.LEAD_STATUS_UNQ_FIT
        if seg == SEG_COMPETITOR:
            return vocab.LEAD_STATUS_UNQ_COMPETITOR if u < 0.85 else vocab.LEAD_STATUS_UNQ_BAD_DATA
        if seg == SEG_PERSONAL:
            return vocab.LEAD_STATUS_UNQ_BAD_DATA if u < 0.5 else vocab.LEAD_STATUS_UNQ_FIT
        if fit < 0.4:
            return vocab.LEAD_STATUS_UNQ_FIT if u < 0.8 else vocab.LEAD_STATUS_NURTURE
        if ppl.seniority[g] <= 1 and u < 0.55:
            return vocab.LEAD_STATUS_UNQ_AUTHORITY
        if in_episode:
            return vocab.LEAD_STATUS_UNQ_BUDGET if u < 0.5 else vocab.LEAD_STATUS_NURTURE
        return vocab.LEAD_STATUS_NURTURE if u < 0.7 else vocab.LEAD_STATUS_UNQ_BUDGET

    def _task(self, i: int, ts: int, owner: int, subject: str, typ: str, what: str | None, company: int) -> None:
        who = self._who(i, ts)
        contact = who is not None and who.startswith("003")
        account = self._account_id(company, ts) if contact else None
        self.tasks.append((who or "", what if contact else None, account, ts, subject, typ, "Completed", owner, False))

    def _event(
        self,
        i: int,
        start: int,
        end: int,
        booked: int,
        owner: int,
        subject: str,
        typ: str,
        what: str | None,
        company: int,
    ) -> None:
        if start >= self._last_load:  # meetings booked for after the snapshot are not in this extract
            return
        who = self._who(i, start)
        contact = who is not None and who.startswith("003")
        account = self._account_id(company, start) if contact else None
        self.events.append(
            (who or "", (what or account) if contact else None, account, owner, subject, typ, start, end, booked)
        )

    def _opportunity(self, i: int, first_touch: int, opp_ref: int, sdr: int) -> None:
        rng, clock = self.rng, self.clock
        ppl, cos = self.world.people, self.world.companies
        g = int(self.glob[i])
        company = int(self.company[i])
        held = int(
            clock.work_time(
                rng, np.array([(first_touch - clock.t0) // DAY + int(rng.integers(1, 7))]), ppl.country[[g]]
            )[0]
        )
        if held >= clock.snapshot or company < 0:
            return
        self._event(i, held, held + 45 * MINUTE, first_touch, sdr, "Discovery Call", "Meeting", None, company)
        self.meetings += 1
        created = held + int(rng.uniform(2 * HOUR, 2 * DAY))
        if created >= clock.snapshot:
            return
        if company not in self.account_created:
            self.account_created[company] = created - HOUR
            self.account_type[company] = TYPE_PROSPECT
        existing = self.account_type.get(company) == TYPE_CUSTOMER
        seq = int(self.ctx.next_seq("opportunity", 1)[0])
        st = self.state[i]
        self._convert(i, created, company, seq)
        if opp_ref >= 0:
            members = self.ep.member_person[self.ep.member_episode == opp_ref]
            for m in members:
                j = self.local_of[int(m)]
                if j != i and self.state[j].lead_seq >= 0 and rng.random() < 0.4:
                    self._convert(j, created + int(rng.integers(MINUTE, HOUR)), company, -1)
            won = bool(self.ep.won[opp_ref])
        else:
            won = self.outbound_won[opp_ref]
        owner = int(self.world.account_owner[company])
        amount = float(
            np.round(12_000 * (max(cos.employees[company], 20) / 100) ** 0.45 * np.exp(rng.normal(0, 0.35)), -2)
        )
        if existing:
            amount = round(amount * 0.4, -2)
        campaign = self._attributed_campaign(i, created)
        versions = _stage_path(rng, created, won, amount)
        self.opps.append(
            Opportunity(
                seq=seq,
                company=company,
                person=g,
                owner=owner,
                kind=vocab.OPPORTUNITY_TYPES[1] if existing else vocab.OPPORTUNITY_TYPES[0],
                lead_source=st.lead_source or "Web",
                campaign=campaign,
                created=created,
                versions=versions,
            )
        )
        for ts, stage, _amt, _close in versions[1:]:
            if ts >= clock.snapshot:
                break
            name = vocab.OPPORTUNITY_STAGES[stage][0]
            what = _sfid("opportunity", seq)
            if name == "Demo":
                self._event(i, ts, ts + HOUR, ts - 2 * DAY, owner, "Product Demo", "Meeting", what, company)
            elif name == "Proposal":
                self._task(i, ts, owner, "Send proposal", "Email", what, company)
                self._event(i, ts + DAY, ts + DAY + HOUR, ts, owner, "Proposal Review", "Meeting", what, company)
            elif name == "Negotiation":
                self._task(i, ts, owner, "Send order form and MSA", "Email", what, company)
            elif stage == WON:
                self.account_type[company] = TYPE_CUSTOMER
                self.account_synced[company] = ts
            else:
                self._task(i, ts, owner, "Call: follow-up", "Call", what, company)

    def _convert(self, i: int, ts: int, company: int, opp_seq: int) -> None:
        st = self.state[i]
        if st.contact_seq < 0:
            st.contact_seq = int(self.ctx.next_seq("contact", 1)[0])
            st.contact_created = ts
            st.contact_owner = int(self.world.account_owner[company])
        if st.lead_seq >= 0 and st.converted_at < 0 and st.lead_created < ts:
            self._status(i, ts, vocab.LEAD_STATUS_QUALIFIED, converted=True)
            st.converted_at = ts
            st.converted_account = company
            st.converted_opp = opp_seq

    def _attributed_campaign(self, i: int, before: int) -> int:
        a = self.actions
        hits = np.flatnonzero((a.local == i) & (a.kind == A_WEBINAR) & a.attended & (a.time < before))
        if len(hits):
            return int(self.world.calendar.webinars[a.webinar[hits[-1]]])
        return -1

    def _campaign_members(self) -> None:
        rng, a, cal, clock = self.rng, self.actions, self.world.calendar, self.clock
        ppl = self.world.people
        for j in np.flatnonzero(a.kind == A_WEBINAR):
            w = int(a.webinar[j])
            live = int(cal.end_day[cal.webinars[w]])
            happened = clock.t0 + live * DAY + 17 * HOUR < clock.snapshot
            status = ("Attended" if a.attended[j] else "No Show") if happened else "Registered"
            responded = happened and bool(a.attended[j])
            self.members.append(
                (int(cal.webinars[w]), int(a.local[j]), status, responded, live if responded else -1, int(a.time[j]))
            )
        business = ppl.segment[self.glob] == SEG_BUSINESS
        for c in cal.conferences:
            day = int(cal.start_day[c])
            if day >= clock.days:
                continue
            p = np.where(business, 0.012, 0.002)
            for i in np.flatnonzero(rng.random(len(self.glob)) < p):
                responded = rng.random() < 0.7
                self.members.append(
                    (
                        int(c),
                        int(i),
                        "Visited Booth" if responded else "Invited",
                        responded,
                        day if responded else -1,
                        self._at(day),
                    )
                )
        synd = ppl.lead_source[self.glob] == vocab.LEAD_SOURCES.index("Content Syndication")
        for i in np.flatnonzero(synd):
            st = self.state[i]
            if st.lead_seq < 0:
                continue
            day = int((st.lead_created - clock.t0) // DAY)
            hit = np.flatnonzero((cal.start_day[cal.syndications] <= day) & (cal.end_day[cal.syndications] > day))
            if len(hit):
                self.members.append((int(cal.syndications[hit[0]]), int(i), "Downloaded", True, day, st.lead_created))

    # --- tables ----------------------------------------------------------------------------------------------
    def tables(self, config_delete_rate: float, merge_rate: float, min_count: int) -> CrmResult:
        """All Salesforce tables of the chunk (merged and soft-deleted leads/contacts/accounts included)."""
        out: dict[str, pa.Table] = {}
        counts: dict[str, int] = {}
        out["salesforce.lead"], out["salesforce.lead_history"], counts_l = self._lead_tables(
            config_delete_rate, merge_rate, min_count
        )
        counts.update(counts_l)
        out["salesforce.contact"] = self._contact_table(merge_rate, min_count)
        out["salesforce.account"] = self._account_table(merge_rate, min_count)
        out["salesforce.opportunity"], out["salesforce.opportunity_history"] = self._opportunity_tables()
        out["salesforce.task"] = self._task_table()
        out["salesforce.event"] = self._event_table()
        out["salesforce.campaign_member"] = self._member_table()
        won = sum(1 for o in self.opps if _current(o, self.clock.snapshot)[1] == WON)
        lost = sum(1 for o in self.opps if _current(o, self.clock.snapshot)[1] == LOST)
        return CrmResult(
            tables=out,
            opportunities=len(self.opps),
            won=won,
            lost=lost,
            meetings=self.meetings,
            touched=self.touched,
            handoffs=self.handoffs,
        )

    def _synced(self, ts: int) -> int:
        """Load time of a CRM row changed at `ts`: minutes later (a pool of lags, drawn once per chunk)."""
        self._lag_i = (self._lag_i + 1) % len(self._lags)
        return min(ts + int(self._lags[self._lag_i]), self._last_load)

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

    def _lead_tables(
        self, delete_rate: float, merge_rate: float, min_count: int
    ) -> tuple[pa.Table, pa.Table, dict[str, int]]:
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
        return lead, hist_tbl, {"merged_leads": len(merged), "deleted_leads": len(deleted)}

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

    def _task_table(self) -> pa.Table:
        team = self.world.team
        rows = []
        seqs = self.ctx.next_seq("task", len(self.tasks))
        for (who, what, company, ts, subject, typ, status, owner, _d), seq in zip(self.tasks, seqs, strict=True):
            rows.append(
                {
                    "id": _sfid("task", int(seq)),
                    "who_id": who or None,
                    "what_id": what,
                    "account_id": company,
                    "owner_id": team.user_ids[owner],
                    "subject": subject,
                    "type": typ,
                    "task_subtype": typ if typ in ("Call", "Email") else "Task",
                    "status": status,
                    "activity_date": ts // DAY,
                    "created_date": ts,
                    "is_deleted": False,
                    "_fivetran_synced": self._synced(ts),
                }
            )
        return _rows_table("salesforce.task", rows)

    def _event_table(self) -> pa.Table:
        team = self.world.team
        rows = []
        seqs = self.ctx.next_seq("event", len(self.events))
        for (who, what, company, owner, subject, typ, start, end, booked), seq in zip(self.events, seqs, strict=True):
            rows.append(
                {
                    "id": _sfid("event", int(seq)),
                    "who_id": who or None,
                    "what_id": what,
                    "account_id": company,
                    "owner_id": team.user_ids[owner],
                    "subject": subject,
                    "type": typ,
                    "event_subtype": "Event",
                    "start_date_time": start,
                    "end_date_time": end,
                    "activity_date": start // DAY,
                    "activity_date_time": start,
                    "created_date": min(booked, start),
                    "is_deleted": False,
                    "_fivetran_synced": self._synced(min(booked, start)),
                }
            )
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


def _current(o: Opportunity, snapshot: int) -> tuple[int, int, float, int]:
    return [v for v in o.versions if v[0] < snapshot][-1]


def _stage_path(rng: np.random.Generator, created: int, won: bool, amount: float) -> list[tuple[int, int, float, int]]:
    """Versions of an opportunity: Prospecting → … → Closed Won, or Closed Lost from some stage."""
    gaps = [(2, 7), (4, 14), (7, 21), (7, 25), (5, 20)]
    last_open = 4 if won else int(rng.choice(5, p=[0.15, 0.3, 0.25, 0.2, 0.1]))
    expected_close = created // DAY + int(rng.integers(75, 120))
    versions = [(created, 0, amount, expected_close)]
    t = created
    for stage in range(1, last_open + 1):
        t = _office_hours(rng, t + int(rng.uniform(*gaps[stage - 1]) * DAY))
        if stage == 3:
            amount = float(round(amount * rng.uniform(0.85, 1.15), -2))
        if t // DAY > expected_close:
            expected_close = t // DAY + 30
        versions.append((t, stage, amount, expected_close))
    t = _office_hours(rng, t + int(rng.uniform(*((5, 20) if won else (7, 30))) * DAY))
    versions.append((t, WON if won else LOST, amount, t // DAY))
    return versions


def _office_hours(rng: np.random.Generator, t: int) -> int:
    """The same day, at a time sales teams in the Americas and Europe are both at work (13-21 h UTC)."""
    return (t // DAY) * DAY + int(rng.uniform(13, 21) * HOUR)


_sfid = salesforce_id


def _rows_table(name: str, rows: list[dict[str, object]]) -> pa.Table:
    """A table from row dicts (CRM tables are small: a few thousand rows per chunk)."""
    from handoff.generate.writer import TABLES, empty_table

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
