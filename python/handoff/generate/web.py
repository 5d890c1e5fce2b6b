"""Segment web activity and HubSpot form submissions: sessions, pages, tracks, identifies.

People browse anonymously on one to three devices; a form fill identifies the device (an `identifies` row ties
anonymous_id to user_id and email) and from then on that device's pages carry user_id, while its earlier pages
stay anonymous but become attributable through the identify. Reverse-IP enrichment names the company for a share
of office visits. Unknown visitors, crawlers and page-rendering mail scanners add traffic that belongs to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
import pyarrow as pa

from handoff.generate import planted, vocab
from handoff.generate.behaviour import ACTION_TRACK, Actions, Episodes
from handoff.generate.clock import DAY, HOUR, MINUTE, SECOND
from handoff.generate.companies import KIND_UNIVERSITY, TYPE_CUSTOMER
from handoff.generate.email import EmailResult, load_times
from handoff.generate.ids import fixed_width_strings, take_strings, uuid_bytes
from handoff.generate.people import SEG_COMPETITOR, SEG_PERSONAL, SEG_STUDENT
from handoff.generate.world import PAGE_CATEGORY, PAGE_PATH, PAGE_TITLE, PAGES_BY_CATEGORY, ChunkContext, random_ips
from handoff.generate.writer import make_table

K_BG, K_EPISODE, K_COMPETITOR, K_STUDENT, K_JOB, K_DOCS, K_UNKNOWN, K_CRAWLER, K_FORM, K_EMAIL = range(10)
_C = {c: i for i, c in enumerate(vocab.PAGE_CATEGORIES)}


def _mix(**weights: float) -> np.ndarray:
    row = np.zeros(len(vocab.PAGE_CATEGORIES))
    for k, v in weights.items():
        row[_C[k]] = v
    return row / row.sum()


# What anyone browses when not in market: the first session kind's mix, and the last one's.
BACKGROUND_MIX = _mix(
    home=0.17,
    blog=0.50,
    pricing=0.03,
    docs=0.04,
    integrations=0.03,
    customers=0.03,
    product=0.08,
    security=0.01,
    careers=0.01,
    about=0.04,
    webinars=0.03,
    resources=0.02,
    legal=0.01,
)
# Page-category mix per session kind. Episode sessions hold no blog pages and everyone's background mix is the
# same, so blog reading cannot tell in-market people apart.
MIX = np.array(
    [
        BACKGROUND_MIX,
        _mix(
            home=0.04,
            pricing=0.22,
            demo=0.05,
            docs=0.17,
            integrations=0.14,
            customers=0.12,
            product=0.13,
            security=0.05,
            compare=0.04,
            webinars=0.02,
            resources=0.02,
        ),
        _mix(home=0.06, pricing=0.28, docs=0.22, integrations=0.10, customers=0.06, product=0.14, compare=0.14),
        _mix(home=0.07, pricing=0.05, docs=0.45, resources=0.15, careers=0.13, product=0.10, integrations=0.05),
        _mix(careers=0.75, about=0.15, home=0.10),
        _mix(docs=0.75, integrations=0.15, home=0.05, product=0.05),
        _mix(home=0.30, blog=0.50, pricing=0.05, product=0.05, about=0.05, careers=0.05),
        np.full(len(vocab.PAGE_CATEGORIES), 1 / len(vocab.PAGE_CATEGORIES)),
        _mix(home=1.0),
        BACKGROUND_MIX,
    ]
)
EXTRA_PAGES = np.array([0.9, 1.8, 2.5, 1.5, 1.0, 2.0, 0.6, 0.0, 0.0, 0.5])
WEB_UA: tuple[str, ...] = (
    *vocab.BROWSER_USER_AGENTS,
    *vocab.CRAWLER_USER_AGENTS,
    vocab.SCANNERS[-1].user_agent,
)
UA_CRAWLER0 = len(vocab.BROWSER_USER_AGENTS)
UA_HEADLESS = len(WEB_UA) - 1
CRAWLER_PREFIXES = ("66.249.", "157.55.", "40.77.", "54.36.", "20.15.")


@dataclass
class WebResult:
    """The chunk's Segment and form-submission tables."""

    tables: dict[str, pa.Table]
    late: dict[str, int]


def _campaign_contexts(world_emails_utm: list[str]) -> tuple[list[tuple[str | None, ...]], np.ndarray, int]:
    """Every query string a landing page can carry, with its Segment campaign context.

    Index 0 is "no campaign"; then the paid/referral sources; then one per (weekly email, link).
    """
    rows: list[tuple[str | None, ...]] = [("", None, None, None, None, None)]
    source_index = np.zeros(len(vocab.TRAFFIC_SOURCES), dtype=np.int64)
    for t, (src, med, name, term, content, _ref) in enumerate(vocab.TRAFFIC_SOURCES):
        if src is None:
            continue
        params = {"utm_source": src, "utm_medium": med, "utm_campaign": name}
        if term:
            params["utm_term"] = term
        if content:
            params["utm_content"] = content
        source_index[t] = len(rows)
        rows.append(("?" + urlencode(params), src, med, name, term, content))
    email_base = len(rows)
    for slug in world_emails_utm:
        for j in range(5):
            params = {
                "utm_source": "hubspot",
                "utm_medium": "email",
                "utm_campaign": slug,
                "utm_content": f"link-{j + 1}",
            }
            rows.append(("?" + urlencode(params), "hubspot", "email", slug, None, f"link-{j + 1}"))
    return rows, source_index, email_base


class _Sessions:
    def __init__(self) -> None:
        self.cols: dict[str, list[np.ndarray]] = {
            k: []
            for k in ("local", "dev", "anon", "t", "kind", "first", "search", "ref", "episode", "ua", "ip", "domain")
        }

    def add(self, n: int, **cols: np.ndarray | int) -> None:
        if n == 0:
            return
        defaults = {
            "local": -1,
            "dev": -1,
            "anon": -1,
            "first": -1,
            "search": 0,
            "ref": 0,
            "episode": -1,
            "ua": -1,
            "ip": -1,
            "domain": -1,
        }
        for k in self.cols:
            v = cols.get(k, defaults.get(k))
            self.cols[k].append(np.broadcast_to(np.asarray(v, dtype=np.int64), (n,)).copy())

    def arrays(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate(v) if v else np.zeros(0, dtype=np.int64) for k, v in self.cols.items()}


def simulate_web(
    ctx: ChunkContext,
    ep: Episodes,
    actions: Actions,
    action_contact: np.ndarray,
    action_email: np.ndarray,
    mail: EmailResult,
    late_rate: float,
) -> WebResult:
    """Sessions for everyone in the chunk, expanded to pages, tracks and identifies; and form submissions."""
    world, rng = ctx.world, ctx.rng
    clock, ppl, cos = world.clock, world.people, world.companies
    days = clock.days
    glob = ctx.persons
    n = len(glob)
    contexts, source_index, email_base = _campaign_contexts(world.emails.utm_campaign)
    referrers: list[str | None] = [None, *sorted({t[5] for t in vocab.TRAFFIC_SOURCES if t[5]})]
    ref_of_source = np.array([referrers.index(t[5]) if t[5] else 0 for t in vocab.TRAFFIC_SOURCES])
    page_ref0 = len(referrers)
    referrers += [vocab.OUR_SITE + p for p in PAGE_PATH]
    tw = np.array(vocab.TRAFFIC_WEIGHTS) / sum(vocab.TRAFFIC_WEIGHTS)
    sess = _Sessions()

    def person_sessions(local: np.ndarray, day: np.ndarray, kind: int, episode: np.ndarray | int = -1) -> None:
        if len(local) == 0:
            return
        day = clock.avoid_weekends(rng, day, keep=0.25)
        t = clock.work_time(rng, day, ppl.country[glob[local]])
        pick = rng.integers(0, 3, size=len(local)) % ctx.person_n_dev[local]
        dev = ctx.person_first_dev[local] + pick
        src = rng.choice(len(tw), size=len(local), p=tw)
        sess.add(
            len(local),
            local=local,
            dev=dev,
            t=t,
            kind=kind,
            search=source_index[src],
            ref=ref_of_source[src],
            episode=episode,
        )

    # background browsing: same personal rate in and out of market
    k = rng.poisson(ppl.web_rate[glob] * days)
    local = np.repeat(np.arange(n), k)
    person_sessions(local, rng.integers(0, days, size=len(local)), K_BG)
    # buying-committee sessions during episodes
    m_local = np.searchsorted(glob, ep.member_person)
    m_ep = ep.member_episode
    dur = (ep.end - ep.start + 1)[m_ep]
    rate = planted.EPISODE_SESSIONS_PER_WEEK * ep.intensity[m_ep] * ep.member_engagement * dur / 7
    k = rng.poisson(rate)
    who = np.repeat(np.arange(len(m_ep)), k)
    day = ep.start[m_ep][who] + (rng.random(len(who)) * dur[who]).astype(np.int64)
    inside = (day >= 0) & (day < days)
    person_sessions(m_local[who][inside], day[inside], K_EPISODE, m_ep[who][inside])
    # competitors, students, job seekers, customers' engineers reading docs
    seg = ppl.segment[glob]
    for mask, rate_per_day, kind in (
        (seg == SEG_COMPETITOR, 0.012, K_COMPETITOR),
        (seg == SEG_STUDENT, 0.008, K_STUDENT),
    ):
        k = rng.poisson(mask * rate_per_day * days)
        local = np.repeat(np.arange(n), k)
        person_sessions(local, rng.integers(0, days, size=len(local)), kind)
    job = ppl.job_seeker[glob]
    k = rng.poisson(job * 4.0)
    local = np.repeat(np.arange(n), k)
    search_start = rng.integers(0, max(days - 60, 1), size=n)
    person_sessions(local, search_start[local] + rng.integers(0, 60, size=len(local)), K_JOB)
    company = ppl.company[glob]
    customer = (company >= 0) & (cos.account_type[np.maximum(company, 0)] == TYPE_CUSTOMER)
    techie = np.isin(ppl.function[glob], (2, 3))
    k = rng.poisson((customer & techie) * 0.005 * days)
    local = np.repeat(np.arange(n), k)
    person_sessions(local, rng.integers(0, days, size=len(local)), K_DOCS)
    # the page each form lives on, just before the submission
    f_page = world.forms.page[actions.form]
    sess.add(
        len(actions),
        local=actions.local,
        dev=actions.device,
        t=actions.time - rng.integers(30 * SECOND, 5 * MINUTE, size=len(actions)),
        kind=K_FORM,
        first=f_page,
        ref=page_ref0 + f_page * 0,
    )
    # human click-throughs from email (tracked links carry the email's UTM)
    c_dev = ctx.person_first_dev[mail.click_local] + (
        rng.integers(0, 3, size=len(mail.click_local)) % ctx.person_n_dev[mail.click_local]
    )
    link_page = world.emails.link_page[mail.click_week, mail.click_link]
    sess.add(
        len(mail.click_local),
        local=mail.click_local,
        dev=c_dev,
        t=mail.click_time + rng.integers(2 * SECOND, 10 * SECOND, size=len(mail.click_local)),
        kind=K_EMAIL,
        first=link_page,
        search=email_base + mail.click_week * 5 + mail.click_link,
    )
    person_session_count = sum(len(x) for x in sess.cols["t"])

    extra_anon: list[np.ndarray] = []
    anon_base = len(ctx.dev_anon)
    # page-rendering mail scanners fetch the tracked link (with its UTM) seconds after delivery
    h = len(mail.headless_time)
    h_page = world.emails.link_page[mail.headless_week, mail.headless_link]
    sess.add(
        h,
        anon=anon_base + np.arange(h),
        t=mail.headless_time,
        kind=K_EMAIL,
        first=h_page,
        search=email_base + mail.headless_week * 5 + mail.headless_link,
        ua=UA_HEADLESS,
        ip=mail.headless_ip,
    )
    extra_anon.append(uuid_bytes(rng, h))
    anon_base += h
    # unknown visitors (people we will never know) and crawlers
    n_unknown = int(person_session_count * 0.25)
    visitors = max(1, n_unknown // 2)
    v_of = rng.integers(0, visitors, size=n_unknown)
    v_ip = ctx.add_ips(random_ips(rng, visitors))
    v_domain = np.where(
        rng.random(visitors) < 0.12, rng.choice(ctx.companies, size=visitors) if len(ctx.companies) else -1, -1
    )
    src = rng.choice(len(tw), size=n_unknown, p=tw)
    u_day = clock.avoid_weekends(rng, rng.integers(0, days, size=n_unknown), keep=0.35)
    sess.add(
        n_unknown,
        anon=anon_base + v_of,
        t=clock.work_time(rng, u_day, rng.integers(0, 15, n_unknown)),
        kind=K_UNKNOWN,
        search=source_index[src],
        ref=ref_of_source[src],
        ua=rng.integers(0, UA_CRAWLER0, size=n_unknown),
        ip=v_ip[v_of],
        domain=v_domain[v_of],
    )
    extra_anon.append(uuid_bytes(rng, visitors))
    anon_base += visitors
    n_crawl = int(person_session_count * 0.08)
    crawl_ip = ctx.add_ips(random_ips(rng, 40, CRAWLER_PREFIXES))
    sess.add(
        n_crawl,
        anon=anon_base + np.arange(n_crawl),
        t=clock.t0 + rng.integers(0, days * DAY, size=n_crawl),
        kind=K_CRAWLER,
        ua=UA_CRAWLER0 + rng.integers(0, len(vocab.CRAWLER_USER_AGENTS), size=n_crawl),
        ip=crawl_ip[rng.integers(0, 40, size=n_crawl)],
    )
    extra_anon.append(uuid_bytes(rng, n_crawl))

    s = sess.arrays()
    pages = _expand(ctx, s)
    # pricing pages seen in each episode feed the outcome model
    ep_page = s["episode"][pages["session"]]
    priced = (ep_page >= 0) & (PAGE_CATEGORY[pages["page"]] == _C["pricing"]) & (pages["ts"] < clock.snapshot)
    ep.pricing_pages[:] = np.bincount(ep_page[priced], minlength=len(ep))

    # identification: the first form fill on a device; pages on it from then on carry user_id
    ident = np.full(len(ctx.dev_anon), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(ident, actions.device, actions.time)
    # returning visitors are also identified without any form (tracked email links, a login), at a time that has
    # nothing to do with intent: otherwise only hand-raisers' browsing (blog included) could ever be attributed
    # to a person, and blog reads would look predictive through observability alone
    recognised = np.flatnonzero(rng.random(len(ctx.dev_anon)) < np.where(ctx.dev_kind == 0, 0.7, 0.35))
    recognised_at = clock.t0 + rng.integers(0, days * DAY, size=len(recognised))
    np.minimum.at(ident, recognised, recognised_at)
    id_dev = np.concatenate([actions.device, recognised])
    id_ts = np.concatenate([actions.time, recognised_at])
    id_email = np.concatenate([action_email, ppl.crm_email[ctx.persons[ctx.dev_person[recognised]]]])
    anon_matrix = np.vstack(
        [np.frombuffer("".join(ctx.dev_anon).encode(), dtype=np.uint8).reshape(-1, 36), *extra_anon]
    )
    tables: dict[str, pa.Table] = {}
    late: dict[str, int] = {}
    tables["segment.pages"], late["segment.pages"] = _pages_table(
        ctx, s, pages, ident, anon_matrix, contexts, referrers, page_ref0, late_rate
    )
    tables["segment.tracks"], late["segment.tracks"] = _tracks_table(
        ctx, s, pages, actions, ident, anon_matrix, late_rate
    )
    tables["segment.identifies"], late["segment.identifies"] = _identifies_table(
        ctx, id_dev, id_ts, id_email, anon_matrix, late_rate
    )
    tables["hubspot.contact_form_submission"], late["hubspot.contact_form_submission"] = _submissions_table(
        ctx, actions, action_contact, late_rate
    )
    return WebResult(tables=tables, late=late)


def _expand(ctx: ChunkContext, s: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Sessions to pages: count, category, page and timestamp of every page view."""
    rng = ctx.rng
    kind = s["kind"]
    n_pages = 1 + rng.poisson(EXTRA_PAGES[kind])
    session = np.repeat(np.arange(len(kind)), n_pages)
    first_of = np.cumsum(n_pages) - n_pages
    position = np.arange(len(session)) - first_of[session]
    cum = np.cumsum(MIX, axis=1)
    u = rng.random(len(session))
    category = (u[:, None] > cum[kind[session]]).sum(axis=1)
    category = np.minimum(category, len(vocab.PAGE_CATEGORIES) - 1)
    sizes = np.array([len(p) for p in PAGES_BY_CATEGORY])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    flat = np.concatenate(PAGES_BY_CATEGORY)
    page = flat[offsets[category] + (rng.random(len(session)) * sizes[category]).astype(np.int64)]
    forced = (position == 0) & (s["first"][session] >= 0)
    page[forced] = s["first"][session][forced]
    gaps = rng.integers(8 * SECOND, 4 * MINUTE, size=len(session))
    gaps[position == 0] = 0
    elapsed = np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[first_of] - gaps[first_of], n_pages)
    ts = s["t"][session] + elapsed
    return {"session": session, "position": position, "page": page, "ts": ts}


def _segment_times(
    rng: np.random.Generator, ts: np.ndarray, late_rate: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """sent_at, received_at, uuid_ts and the late mask: late rows were queued on the client for days."""
    n = len(ts)
    sent = ts + rng.integers(5_000, 1_500_000, size=n)
    late = rng.random(n) < late_rate
    sent[late] += rng.integers(36 * HOUR, 8 * DAY, size=int(late.sum()))
    received = sent + rng.integers(20_000, 800_000, size=n)
    loaded = received + rng.integers(2 * MINUTE, 45 * MINUTE, size=n)
    return sent, received, loaded, late


def _user_ids(ctx: ChunkContext, dev: np.ndarray, ts: np.ndarray, ident: np.ndarray) -> pa.Array:
    """user_id where the device was identified at or before `ts`, else null."""
    has_dev = dev >= 0
    identified = np.zeros(len(dev), dtype=bool)
    identified[has_dev] = ts[has_dev] >= ident[dev[has_dev]]
    person = np.where(identified, ctx.dev_person[np.maximum(dev, 0)], -1)
    return take_strings(ctx.user_uuid, person)


def _pages_table(
    ctx: ChunkContext,
    s: dict[str, np.ndarray],
    pg: dict[str, np.ndarray],
    ident: np.ndarray,
    anon_matrix: np.ndarray,
    contexts: list[tuple[str | None, ...]],
    referrers: list[str | None],
    page_ref0: int,
    late_rate: float,
) -> tuple[pa.Table, int]:
    rng, world = ctx.rng, ctx.world
    clock, ppl, cos = world.clock, world.people, world.companies
    sess = pg["session"]
    sent, received, loaded, _ = _segment_times(rng, pg["ts"], late_rate)
    keep = (pg["ts"] < clock.snapshot) & (loaded < clock.snapshot)
    order = np.flatnonzero(keep)[np.argsort(pg["ts"][keep], kind="stable")]
    sess, page, position = sess[order], pg["page"][order], pg["position"][order]
    ts, sent, received, loaded = pg["ts"][order], sent[order], received[order], loaded[order]
    n = len(order)
    dev = s["dev"][sess]
    local = s["local"][sess]
    has_dev = dev >= 0
    anon = np.where(has_dev, dev, s["anon"][sess])
    # network: office (reverse-IP can name the company) or home; unknown visitors and bots bring their own
    weekday = clock.weekday((ts - clock.t0) // DAY) < 5
    dev_kind = np.where(has_dev, ctx.dev_kind[np.maximum(dev, 0)], -1)
    at_office = has_dev & (dev_kind == 0) & weekday & (rng.random(n) < 0.85)
    ip = np.where(s["ip"][sess] >= 0, s["ip"][sess], -1)
    lp = np.maximum(local, 0)
    ip = np.where(has_dev, np.where(at_office, ctx.office_ip[lp], ctx.home_ip[lp]), ip)
    company = np.where(has_dev, ppl.company[ctx.persons[lp]], -1)
    resolve = np.where((company >= 0) & (cos.kind[np.maximum(company, 0)] == KIND_UNIVERSITY), 0.5, 0.7)
    domain = np.where(at_office & (company >= 0) & (rng.random(n) < resolve), company, -1)
    domain = np.where(has_dev, domain, s["domain"][sess])
    personal = has_dev & (ppl.segment[ctx.persons[lp]] == SEG_PERSONAL)
    domain[personal] = -1
    ua = np.where(s["ua"][sess] >= 0, s["ua"][sess], ctx.dev_ua[np.maximum(dev, 0)])
    landing = position == 0
    search = np.where(landing, s["search"][sess], 0)
    ref = np.where(landing, s["ref"][sess], page_ref0 + np.r_[0, page[:-1]])
    ref[landing & (s["kind"][sess] == K_FORM)] = page_ref0 + 0
    url_key = page.astype(np.int64) * len(contexts) + search
    uniq, inv = np.unique(url_key, return_inverse=True)
    urls = [vocab.OUR_SITE + PAGE_PATH[k // len(contexts)] + (contexts[k % len(contexts)][0] or "") for k in uniq]
    ctx_cols = list(zip(*contexts, strict=True))
    table = make_table(
        "segment.pages",
        {
            "id": fixed_width_strings(uuid_bytes(rng, n)),
            "anonymous_id": fixed_width_strings(anon_matrix[anon]),
            "user_id": _user_ids(ctx, dev, ts, ident),
            "timestamp": ts,
            "received_at": received,
            "sent_at": sent,
            "url": take_strings(urls, inv),
            "path": take_strings(PAGE_PATH, page),
            "title": take_strings(PAGE_TITLE, page),
            "referrer": take_strings(referrers, np.where(ref == 0, -1, ref)),
            "search": take_strings(ctx_cols[0], search),
            "context_ip": take_strings(ctx.ip_pool, ip),
            "context_user_agent": take_strings(WEB_UA, ua),
            "context_campaign_source": take_strings(ctx_cols[1], search),
            "context_campaign_medium": take_strings(ctx_cols[2], search),
            "context_campaign_name": take_strings(ctx_cols[3], search),
            "context_campaign_term": take_strings(ctx_cols[4], search),
            "context_campaign_content": take_strings(ctx_cols[5], search),
            "context_company_domain": take_strings(cos.domain, domain),
            "uuid_ts": loaded,
        },
        n,
    )
    return table, int(((loaded - ts) > DAY).sum())


def _tracks_table(
    ctx: ChunkContext,
    s: dict[str, np.ndarray],
    pg: dict[str, np.ndarray],
    actions: Actions,
    ident: np.ndarray,
    anon_matrix: np.ndarray,
    late_rate: float,
) -> tuple[pa.Table, int]:
    rng, clock = ctx.rng, ctx.world.clock
    events = list(vocab.TRACK_EVENTS)
    # behaviour on pages: the pricing calculator, docs search, product videos
    calc = np.array([p == "/pricing/calculator" for p in PAGE_PATH])[pg["page"]]
    docs = PAGE_CATEGORY[pg["page"]] == _C["docs"]
    product = PAGE_CATEGORY[pg["page"]] == _C["product"]
    u = rng.random(len(pg["page"]))
    fired = (calc & (u < 0.6)) | (docs & (u < 0.25)) | (product & (u < 0.12))
    fi = np.flatnonzero(fired & (s["kind"][pg["session"]] != K_CRAWLER))
    p_event = np.where(
        calc[fi], events.index("pricing_calc"), np.where(docs[fi], events.index("docs_search"), events.index("video"))
    )
    p_sess = pg["session"][fi]
    p_ts = pg["ts"][fi] + rng.integers(5 * SECOND, 2 * MINUTE, size=len(fi))
    a_event = np.array([events.index(ACTION_TRACK[k]) for k in actions.kind], dtype=np.int64)
    a_ts = actions.time + SECOND
    dev = np.concatenate([s["dev"][p_sess], actions.device])
    anon = np.where(dev >= 0, dev, np.concatenate([s["anon"][p_sess], np.full(len(actions), -1)]))
    ts = np.concatenate([p_ts, a_ts])
    event = np.concatenate([p_event, a_event])
    ua = np.where(dev >= 0, ctx.dev_ua[np.maximum(dev, 0)], np.concatenate([s["ua"][p_sess], np.full(len(actions), 0)]))
    local = np.where(dev >= 0, ctx.dev_person[np.maximum(dev, 0)], 0)
    ip = np.where(dev >= 0, ctx.home_ip[local], np.concatenate([s["ip"][p_sess], np.full(len(actions), -1)]))
    _sent, received, loaded, _ = _segment_times(rng, ts, late_rate)
    keep = (ts < clock.snapshot) & (loaded < clock.snapshot)
    order = np.flatnonzero(keep)[np.argsort(ts[keep], kind="stable")]
    dev, anon, ts, event, ua, ip = dev[order], anon[order], ts[order], event[order], ua[order], ip[order]
    received, loaded = received[order], loaded[order]
    n = len(order)
    names = [vocab.TRACK_EVENTS[e][0] for e in events]
    texts = [vocab.TRACK_EVENTS[e][1] for e in events]
    table = make_table(
        "segment.tracks",
        {
            "id": fixed_width_strings(uuid_bytes(rng, n)),
            "anonymous_id": fixed_width_strings(anon_matrix[anon]),
            "user_id": _user_ids(ctx, dev, ts, ident),
            "event": take_strings(names, event),
            "event_text": take_strings(texts, event),
            "timestamp": ts,
            "received_at": received,
            "context_ip": take_strings(ctx.ip_pool, ip),
            "context_user_agent": take_strings(WEB_UA, np.where(ua >= 0, ua, 0)),
            "uuid_ts": loaded,
        },
        n,
    )
    return table, int(((loaded - ts) > DAY).sum())


def _identifies_table(
    ctx: ChunkContext, dev: np.ndarray, ts: np.ndarray, email: np.ndarray, anon_matrix: np.ndarray, late_rate: float
) -> tuple[pa.Table, int]:
    rng, world = ctx.rng, ctx.world
    ppl, cos = world.people, world.companies
    order = np.argsort(ts, kind="stable")
    dev, ts, email = dev[order], ts[order], email[order]
    _, received, loaded, _ = _segment_times(rng, ts, late_rate)
    keep = loaded < world.clock.snapshot
    local = ctx.dev_person[dev[keep]]
    g = ctx.persons[local]
    company = ppl.company[g]
    company_name = np.where(company >= 0, cos.name[np.maximum(company, 0)], None)
    n = int(keep.sum())
    table = make_table(
        "segment.identifies",
        {
            "id": fixed_width_strings(uuid_bytes(rng, n)),
            "anonymous_id": fixed_width_strings(anon_matrix[dev[keep]]),
            "user_id": take_strings(ctx.user_uuid, local),
            "email": email[keep],
            "name": np.array(
                [f"{f} {la}" for f, la in zip(ppl.first_name[g], ppl.last_name[g], strict=True)], dtype=object
            ),
            "title": ppl.title[g],
            "company": company_name,
            "timestamp": ts[keep],
            "received_at": received[keep],
            "uuid_ts": loaded[keep],
        },
        n,
    )
    return table, int(((loaded[keep] - ts[keep]) > DAY).sum())


def _submissions_table(
    ctx: ChunkContext, actions: Actions, action_contact: np.ndarray, late_rate: float
) -> tuple[pa.Table, int]:
    rng, world = ctx.rng, ctx.world
    synced, _ = load_times(rng, actions.time, late_rate)
    keep = synced < world.clock.snapshot
    page = world.forms.page[actions.form[keep]]
    n = int(keep.sum())
    table = make_table(
        "hubspot.contact_form_submission",
        {
            "conversion_id": fixed_width_strings(uuid_bytes(rng, n)),
            "contact_id": action_contact[keep],
            "form_id": take_strings(world.forms.guids, actions.form[keep]),
            "timestamp": actions.time[keep],
            "page_url": take_strings([vocab.OUR_SITE + p for p in PAGE_PATH], page),
            "page_id": take_strings([str(30_000_000_000 + i * 101) for i in range(len(PAGE_PATH))], page),
            "title": take_strings(PAGE_TITLE, page),
            "portal_id": np.full(n, vocab.HUBSPOT_PORTAL_ID, dtype=np.int64),
            "_fivetran_synced": synced[keep],
        },
        n,
    )
    return table, int(((synced[keep] - actions.time[keep]) > DAY).sum())
