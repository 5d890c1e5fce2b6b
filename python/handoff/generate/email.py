"""HubSpot marketing email: weekly sends, delivery, human opens and clicks, Apple MPP, and scanner bots.

Email is the noisiest channel on purpose. Every mailed person opens at a personal rate that has nothing to do with
fit or market state; Apple Mail Privacy Protection pre-opens everything; and recipients whose domain sits behind a
security scanner get an OPEN and a CLICK on *every* link within 1-5 seconds of DELIVERED, which HubSpot flags only
some of the time (`filtered_event`). Human clicks come minutes to days after delivery. Everything is vectorised
per chunk: one row group per event type, concatenated and sorted once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from handoff.generate import vocab
from handoff.generate.clock import DAY, HOUR, MINUTE, SECOND
from handoff.generate.ids import fixed_width_strings, take_strings, uuid_bytes
from handoff.generate.world import ChunkContext, EmailSchedule, random_ips
from handoff.generate.writer import make_table

# How many of a person's potential weekly sends reach them (list segmentation), scaled to the event budget.
SEND_SCALE = 0.35
UNSUBSCRIBE_RATE = 0.0025
T_SENT, T_DROPPED, T_PROCESSED, T_DELIVERED, T_DEFERRED, T_BOUNCE, T_OPEN, T_CLICK = 0, 1, 2, 3, 4, 5, 6, 7
T_FORWARD, T_STATUSCHANGE, T_SPAMREPORT = 9, 10, 11
EVENT_TYPE = np.array(vocab.EMAIL_EVENT_TYPES, dtype=object)
# per-type user agents: human mail clients, Apple MPP, scanners, browsers (for human clicks)
UA_LIST: tuple[str, ...] = (
    *vocab.EMAIL_OPEN_USER_AGENTS,
    vocab.APPLE_MPP_USER_AGENT,
    *(s.user_agent for s in vocab.SCANNERS),
    *vocab.BROWSER_USER_AGENTS,
)
UA_MPP = len(vocab.EMAIL_OPEN_USER_AGENTS)
UA_SCANNER0 = UA_MPP + 1
UA_BROWSER0 = UA_SCANNER0 + len(vocab.SCANNERS)


def _browser_json(ua: str) -> str | None:
    for name in ("Edg", "HeadlessChrome", "Chrome", "Firefox", "Safari", "Outlook", "GoogleImageProxy"):
        if name in ua:
            return json.dumps({"name": name, "family": name, "type": "Browser"})
    return None


BROWSER_JSON: tuple[str | None, ...] = tuple(_browser_json(u) for u in UA_LIST)
LOCATION_JSON: tuple[str, ...] = tuple(
    json.dumps({"country": c.name, "state": "", "city": ""}) for c in vocab.COUNTRIES
)


@dataclass
class EmailResult:
    """The chunk's email tables plus what the web simulator needs (human and headless-browser click-throughs)."""

    tables: dict[str, pa.Table]
    click_local: np.ndarray  # local person of each human click
    click_time: np.ndarray
    click_week: np.ndarray
    click_link: np.ndarray
    headless_time: np.ndarray  # scanner clicks by page-rendering scanners
    headless_week: np.ndarray
    headless_link: np.ndarray
    headless_ip: np.ndarray  # ip pool index
    unsubscribed_at: np.ndarray  # per local person, µs (NEVER-ish when not)
    late: int


class _Rows:
    """Row groups of email events before concatenation."""

    def __init__(self) -> None:
        self.cols: dict[str, list[np.ndarray]] = {
            k: [] for k in ("send", "type", "ts", "ua", "ip", "link", "flag", "extra")
        }

    def add(
        self,
        send: np.ndarray,
        typ: int,
        ts: np.ndarray,
        *,
        ua: np.ndarray | int = -1,
        ip: np.ndarray | int = -1,
        link: np.ndarray | int = -1,
        flag: np.ndarray | bool = False,
        extra: np.ndarray | int = -1,
    ) -> None:
        n = len(send)
        if n == 0:
            return
        self.cols["send"].append(np.asarray(send, dtype=np.int64))
        self.cols["type"].append(np.full(n, typ, dtype=np.int8))
        self.cols["ts"].append(np.asarray(ts, dtype=np.int64))
        for k, v in (("ua", ua), ("ip", ip), ("link", link), ("extra", extra)):
            self.cols[k].append(np.broadcast_to(np.asarray(v, dtype=np.int64), (n,)).copy())
        self.cols["flag"].append(np.broadcast_to(np.asarray(flag, dtype=bool), (n,)).copy())

    def arrays(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate(v) for k, v in self.cols.items()}


def simulate_email(ctx: ChunkContext, hub_created: np.ndarray, in_hubspot: np.ndarray, late_rate: float) -> EmailResult:
    """Weekly sends to the chunk's HubSpot contacts and every event they cause."""
    world, rng = ctx.world, ctx.rng
    ppl, sched, clock = world.people, world.emails, world.clock
    glob = ctx.persons
    n = len(glob)
    weeks = len(sched.send_day)
    company = ppl.company[glob]
    personal = np.array([e.split("@")[1] in vocab.FREE_MAIL_DOMAINS for e in ppl.email[glob]], dtype=bool)
    scanner = np.where((company >= 0) & ~personal, world.companies.scanner[np.maximum(company, 0)], -1)

    # --- who gets which weekly send ----------------------------------------------------------------------------
    p_week = np.clip(ppl.mail_rate[glob] * SEND_SCALE, 0, 0.95)
    eligible = (
        in_hubspot[:, None]
        & (hub_created[:, None] <= sched.send_day[None, :] * DAY + clock.t0)
        & (rng.random((n, weeks)) < p_week[:, None])
    )
    s_local, s_week = np.nonzero(eligible)
    s_day = sched.send_day[s_week]
    dead = s_day >= ppl.mailbox_dead_day[glob[s_local]]
    starts = np.r_[0, np.flatnonzero(np.diff(s_local)) + 1] if len(s_local) else np.zeros(0, dtype=np.int64)
    group_start = np.zeros(len(s_local), dtype=np.int64)
    if len(s_local):
        group_start[starts] = starts
        group_start = np.maximum.accumulate(group_start)

    def per_person_cumsum(flag: np.ndarray) -> np.ndarray:
        cs = np.cumsum(flag.astype(np.int64))
        base = np.where(group_start > 0, cs[np.maximum(group_start - 1, 0)], 0)
        return cs - base

    dead_rank = per_person_cumsum(dead) - dead
    unsub = (rng.random(len(s_local)) < UNSUBSCRIBE_RATE) & ~dead
    prior_unsub = (per_person_cumsum(unsub) - unsub) > 0
    hard_bounce = dead & (dead_rank == 0) & ~prior_unsub
    dropped = (dead & (dead_rank == 1) & ~prior_unsub) | (prior_unsub & (rng.random(len(s_local)) < 0.12))
    dropped &= ~(dead & (dead_rank >= 2))
    sent = (~dead & ~prior_unsub) | hard_bounce
    unsub &= sent

    t_send = sched.send_time[s_week] + rng.integers(0, 40 * MINUTE, size=len(s_local))
    rows = _Rows()
    idx = np.arange(len(s_local))
    rows.add(idx[sent], T_SENT, t_send[sent])
    rows.add(idx[dropped], T_DROPPED, t_send[dropped] + SECOND)
    t_proc = t_send + rng.integers(SECOND // 2, 20 * SECOND, size=len(idx))
    processed = sent & (rng.random(len(idx)) < 0.1)  # HubSpot reports PROCESSED for a minority only
    rows.add(idx[processed], T_PROCESSED, t_proc[processed])
    soft = sent & ~hard_bounce & (rng.random(len(idx)) < 0.004)
    bounce = hard_bounce | soft
    t_bounce = t_proc + rng.integers(SECOND, 60 * SECOND, size=len(idx))
    bounce_kind = np.where(hard_bounce, 0, rng.integers(1, len(vocab.BOUNCE_KINDS), size=len(idx)))
    rows.add(idx[bounce], T_BOUNCE, t_bounce[bounce], extra=bounce_kind[bounce])
    delivered = sent & ~bounce
    deferred = delivered & (rng.random(len(idx)) < 0.01)
    rows.add(idx[deferred], T_DEFERRED, t_proc[deferred] + rng.integers(SECOND, 30 * SECOND, int(deferred.sum())))
    t_del = t_proc + rng.integers(SECOND, 90 * SECOND, size=len(idx))
    t_del[deferred] += rng.integers(5 * MINUTE, 60 * MINUTE, size=int(deferred.sum()))
    rows.add(idx[delivered], T_DELIVERED, t_del[delivered])

    # --- scanners: OPEN + CLICK on every link within 1-5 s of delivery ------------------------------------------
    sc = scanner[s_local]
    if world.config.drift_day is not None and world.config.drift_bot_factor > 1.0:
        # drift: from drift_from on, more domains sit behind scanners (see planted.py)
        late = np.where((company >= 0) & ~personal, world.companies.drift_scanner[np.maximum(company, 0)], -1)
        sc = np.where((sc < 0) & (s_day >= world.config.drift_day), late[s_local], sc)
    scanned = delivered & (sc >= 0)
    sc_ips = np.array([ctx.add_ips(random_ips(rng, 24, s.ip_prefixes)) for s in vocab.SCANNERS])
    sc_flag = np.array([s.hubspot_flag_rate for s in vocab.SCANNERS])
    si = idx[scanned]
    sk = sc[si]
    ip_choice = sc_ips[sk, rng.integers(0, 24, size=len(si))]
    rows.add(
        si,
        T_OPEN,
        t_del[si] + rng.integers(SECOND, 5 * SECOND, size=len(si)),
        ua=UA_SCANNER0 + sk,
        ip=ip_choice,
        flag=rng.random(len(si)) < sc_flag[sk],
        extra=rng.integers(0, 50, size=len(si)),
    )
    n_links = sched.n_links[s_week[si]]
    ci = np.repeat(si, n_links)
    c_link = np.arange(len(ci)) - np.repeat(np.cumsum(n_links) - n_links, n_links)
    c_sk = sc[ci]
    c_ip = np.repeat(ip_choice, n_links)
    c_ts = t_del[ci] + rng.integers(SECOND, 5 * SECOND, size=len(ci))
    rows.add(ci, T_CLICK, c_ts, ua=UA_SCANNER0 + c_sk, ip=c_ip, link=c_link, flag=rng.random(len(ci)) < sc_flag[c_sk])
    # sandboxing scanners render some of the pages they check (and so fire Segment page calls)
    headless = np.array([s.renders_pages for s in vocab.SCANNERS])[c_sk] & (rng.random(len(ci)) < 0.25)

    # --- Apple MPP and humans --------------------------------------------------------------------------------
    apple_ips = ctx.add_ips(random_ips(rng, 30, (vocab.APPLE_MPP_IP_PREFIX,)))
    mpp = delivered & ppl.mpp[glob[s_local]]
    mi = idx[mpp]
    rows.add(
        mi,
        T_OPEN,
        t_del[mi] + np.exp(rng.normal(np.log(6 * MINUTE), 0.8, size=len(mi))).astype(np.int64),
        ua=UA_MPP,
        ip=apple_ips[rng.integers(0, 30, size=len(mi))],
        extra=rng.integers(0, 100, size=len(mi)),
    )
    opened = delivered & ((rng.random(len(idx)) < ppl.open_rate[glob[s_local]]) | unsub)
    oi = idx[opened]
    t_open = t_del + np.minimum(np.exp(rng.normal(np.log(3 * HOUR), 1.3, size=len(idx))), 10 * DAY).astype(np.int64)
    person_ua = (glob % len(vocab.EMAIL_OPEN_USER_AGENTS)).astype(np.int64)
    office_or_home = np.where(rng.random(len(idx)) < 0.6, ctx.office_ip[s_local], ctx.home_ip[s_local])
    duration = np.exp(rng.normal(np.log(9000), 1.0, size=len(idx))).astype(np.int64)
    rows.add(oi, T_OPEN, t_open[oi], ua=person_ua[s_local[oi]], ip=office_or_home[oi], extra=duration[oi])
    again = opened & (rng.random(len(idx)) < 0.25)
    ai = idx[again]
    t_again = t_open[ai] + np.exp(rng.normal(np.log(6 * HOUR), 1.2, size=len(ai))).astype(np.int64)
    rows.add(ai, T_OPEN, t_again, ua=person_ua[s_local[ai]], ip=office_or_home[ai], extra=duration[ai] // 2)
    clicked = opened & (rng.random(len(idx)) < ppl.click_rate[glob[s_local]])
    ki = idx[clicked]
    k_link = (rng.random(len(ki)) * sched.n_links[s_week[ki]]).astype(np.int64)
    k_ts = t_open[ki] + rng.integers(3 * SECOND, 5 * MINUTE, size=len(ki))
    browser_ua = UA_BROWSER0 + ctx.dev_ua[ctx.person_first_dev[s_local[ki]]]
    rows.add(ki, T_CLICK, k_ts, ua=browser_ua, ip=office_or_home[ki], link=k_link)
    two = rng.random(len(ki)) < 0.15
    k2_link = (k_link[two] + 1) % sched.n_links[s_week[ki[two]]]
    k2_ts = k_ts[two] + rng.integers(10 * SECOND, 3 * MINUTE, size=int(two.sum()))
    rows.add(ki[two], T_CLICK, k2_ts, ua=browser_ua[two], ip=office_or_home[ki[two]], link=k2_link)
    ui = idx[unsub]
    t_unsub = t_open[ui] + rng.integers(20 * SECOND, 2 * MINUTE, size=len(ui))
    rows.add(ui, T_STATUSCHANGE, t_unsub)
    spam = opened & (rng.random(len(idx)) < 0.0003)
    rows.add(idx[spam], T_SPAMREPORT, t_open[spam] + rng.integers(10 * SECOND, MINUTE, size=int(spam.sum())))
    fwd = opened & (rng.random(len(idx)) < 0.002)
    rows.add(
        idx[fwd],
        T_FORWARD,
        t_open[fwd] + rng.integers(MINUTE, 30 * MINUTE, size=int(fwd.sum())),
        ua=person_ua[s_local[fwd]],
        ip=office_or_home[fwd],
    )

    unsubscribed_at = np.full(n, np.iinfo(np.int64).max // 4, dtype=np.int64)
    np.minimum.at(unsubscribed_at, s_local[ui], t_unsub)

    tables, late = _tables(ctx, rows.arrays(), s_local, s_week, t_send, late_rate)
    human = np.concatenate([k_ts, k2_ts])
    human_local = np.concatenate([s_local[ki], s_local[ki[two]]])
    human_week = np.concatenate([s_week[ki], s_week[ki[two]]])
    human_link = np.concatenate([k_link, k2_link])
    return EmailResult(
        tables=tables,
        click_local=human_local,
        click_time=human,
        click_week=human_week,
        click_link=human_link,
        headless_time=c_ts[headless] + rng.integers(SECOND // 5, SECOND, size=int(headless.sum())),
        headless_week=s_week[ci[headless]],
        headless_link=c_link[headless],
        headless_ip=c_ip[headless],
        unsubscribed_at=unsubscribed_at,
        late=late,
    )


def load_times(
    rng: np.random.Generator, ts: np.ndarray, late_rate: float, normal: tuple[int, int] = (10 * MINUTE, 90 * MINUTE)
) -> tuple[np.ndarray, np.ndarray]:
    """Connector load times: shortly after the event normally, 1.5-9 days after for late-arriving rows."""
    late = rng.random(len(ts)) < late_rate
    lag = rng.integers(normal[0], normal[1], size=len(ts))
    lag[late] = rng.integers(36 * HOUR, 9 * DAY, size=int(late.sum()))
    return ts + lag, late


def _tables(
    ctx: ChunkContext,
    r: dict[str, np.ndarray],
    s_local: np.ndarray,
    s_week: np.ndarray,
    t_send: np.ndarray,
    late_rate: float,
) -> tuple[dict[str, pa.Table], int]:
    world, rng = ctx.world, ctx.rng
    sched, clock, ppl = world.emails, world.clock, world.people
    synced, _ = load_times(rng, r["ts"], late_rate)
    keep = (r["ts"] < clock.snapshot) & (synced < clock.snapshot)
    order = np.flatnonzero(keep)[np.argsort(r["ts"][keep], kind="stable")]
    r = {k: v[order] for k, v in r.items()}
    synced = synced[order]
    late = int(((synced - r["ts"]) > DAY).sum())
    n = len(order)
    typ, send = r["type"], r["send"]

    n_sends = len(s_local)
    sent_ids = uuid_bytes(rng, n_sends)
    ids = uuid_bytes(rng, n)
    is_sent = typ == T_SENT
    ids[is_sent] = sent_ids[send[is_sent]]
    no_parent = is_sent | (typ == T_DROPPED)
    recipients = ppl.email[ctx.persons]
    main = make_table(
        "hubspot.email_event",
        {
            "id": fixed_width_strings(ids),
            "type": take_strings(EVENT_TYPE, typ.astype(np.int64)),
            "recipient": take_strings(recipients, s_local[send]),
            "created": r["ts"],
            "email_campaign_id": sched.campaign_ids[s_week[send]],
            "sent_by_id": fixed_width_strings(sent_ids[send], no_parent),
            "sent_by_created": np.where(no_parent, np.iinfo(np.int64).min, t_send[send]),
            "caused_by_id": None,
            "filtered_event": r["flag"],
            "portal_id": np.full(n, vocab.HUBSPOT_PORTAL_ID, dtype=np.int64),
            "app_id": np.full(n, vocab.HUBSPOT_APP_ID, dtype=np.int64),
            "_fivetran_synced": synced,
        },
        n,
    )
    ip_pool = np.array(ctx.ip_pool, dtype=object)
    country = ppl.country[ctx.persons[s_local[send]]].astype(np.int64)

    def subset(mask: np.ndarray) -> tuple[pa.Array, np.ndarray]:
        return fixed_width_strings(ids[mask]), np.flatnonzero(mask)

    click = typ == T_CLICK
    cid, ci = subset(click)
    url_list = [
        u for w in range(len(sched.link_url)) for u in [*sched.link_url[w], *[""] * (5 - len(sched.link_url[w]))]
    ]
    url_index = s_week[send[ci]] * 5 + r["link"][ci]
    ua = np.maximum(r["ua"], 0)
    scanner_row = (r["ua"] >= UA_SCANNER0) & (r["ua"] < UA_BROWSER0)
    location = np.where(scanner_row, 0, country)
    clicks = make_table(
        "hubspot.email_event_click",
        {
            "id": cid,
            "url": take_strings(url_list, url_index),
            "user_agent": take_strings(UA_LIST, ua[ci]),
            "ip_address": take_strings(ip_pool, r["ip"][ci]),
            "browser": take_strings(BROWSER_JSON, ua[ci]),
            "location": take_strings(LOCATION_JSON, location[ci]),
            "referer": None,
            "_fivetran_synced": synced[ci],
        },
        len(ci),
    )
    opened = typ == T_OPEN
    oid, oi = subset(opened)
    opens = make_table(
        "hubspot.email_event_open",
        {
            "id": oid,
            "user_agent": take_strings(UA_LIST, ua[oi]),
            "ip_address": take_strings(ip_pool, r["ip"][oi]),
            "browser": take_strings(BROWSER_JSON, ua[oi]),
            "location": take_strings(LOCATION_JSON, location[oi]),
            "duration": r["extra"][oi],
            "_fivetran_synced": synced[oi],
        },
        len(oi),
    )
    status = typ == T_STATUSCHANGE
    sid, si = subset(status)
    campaign = sched.campaign_ids[s_week[send[si]]]
    changes = make_table(
        "hubspot.email_event_status_change",
        {
            "id": sid,
            "portal_subscription_status": np.full(len(si), "UNSUBSCRIBED", dtype=object),
            "subscriptions": np.array(
                [json.dumps([{"id": int(c % 9_000_000), "status": "UNSUBSCRIBED"}]) for c in campaign], dtype=object
            ),
            "source": np.full(len(si), "SOURCE_RECIPIENT", dtype=object),
            "requested_by": None,
            "bounced": np.zeros(len(si), dtype=bool),
            "_fivetran_synced": synced[si],
        },
        len(si),
    )
    bounced = typ == T_BOUNCE
    bid, bi = subset(bounced)
    kind = r["extra"][bi]
    bounces = make_table(
        "hubspot.email_event_bounce",
        {
            "id": bid,
            "category": take_strings([b[0] for b in vocab.BOUNCE_KINDS], kind),
            "status": take_strings([b[1] for b in vocab.BOUNCE_KINDS], kind),
            "response": take_strings([b[2] for b in vocab.BOUNCE_KINDS], kind),
            "_fivetran_synced": synced[bi],
        },
        len(bi),
    )
    return {
        "hubspot.email_event": main,
        "hubspot.email_event_click": clicks,
        "hubspot.email_event_open": opens,
        "hubspot.email_event_status_change": changes,
        "hubspot.email_event_bounce": bounces,
    }, late


def email_campaign_table(sched: EmailSchedule) -> pa.Table:
    """The HubSpot email campaigns (one per weekly send)."""
    n = len(sched.campaign_ids)
    return make_table(
        "hubspot.email_campaign",
        {
            "id": sched.campaign_ids,
            "name": np.array(sched.names, dtype=object),
            "subject": np.array(sched.subjects, dtype=object),
            "type": np.full(n, "BATCH_EMAIL", dtype=object),
            "app_name": np.full(n, "Batch", dtype=object),
            "app_id": np.full(n, vocab.HUBSPOT_APP_ID, dtype=np.int64),
            "_fivetran_synced": sched.send_time - 2 * DAY,
        },
        n,
    )
