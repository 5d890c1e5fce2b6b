"""Salesforce: how sales reacts to what people did, and the records that reaction leaves behind.

Hand-raises, trials, webinar attendance and some downloads are routed to an SDR, who responds after a realistic
delay (many within hours, a good share after a day, some never), calls and emails, books meetings, and sets the
lead status (working, qualified, or unqualified with a reason that follows the person's true profile: student,
competitor, no authority, not a fit…). Episodes the planted model turned into pipeline get a meeting, a lead
conversion (the lead and its new contact share the email) and an opportunity that moves through the stages, kept
in Fivetran history mode.

This module is the simulation only: it leaves records (lead states, opportunities with their versions, tasks,
events, campaign members) that `crm_tables.CrmTableWriter` turns into the Fivetran Salesforce tables, and
`crm_tables.global_tables` writes the run-wide sales team and campaign calendar once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from handoff.generate import planted, vocab
from handoff.generate.behaviour import (
    A_CONTACT,
    A_CONTENT,
    A_DEMO,
    A_TRIAL,
    A_WEBINAR,
    Actions,
    Episodes,
)
from handoff.generate.clock import DAY, HOUR, MINUTE, SECOND, business_delay
from handoff.generate.companies import (
    KIND_BUSINESS,
    TYPE_CUSTOMER,
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
        # the writer's pool of load lags, drawn here so the generator's draws keep their order
        self.load_lags = self.rng.integers(5 * MINUTE, 75 * MINUTE, size=997)
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
