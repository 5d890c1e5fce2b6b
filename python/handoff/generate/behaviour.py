"""The latent market state and what people do because of it: buying episodes, committees, hand-raises.

This is where the planted truth becomes behaviour. Accounts drift in and out of market (episodes); in an episode a
buying committee does the things that should predict pipeline (pricing, demo, docs, webinars, trials, demo
requests); everyone, in market or not, keeps the same background habits (email, blog) so those habits predict
nothing. Whether an episode turns into an opportunity is decided *after* its signals are realised, from those
signals and fit, by `planted.opportunity_probability`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handoff.generate import planted, vocab
from handoff.generate.clock import DAY, SECOND
from handoff.generate.people import SEG_BUSINESS, SEG_COMPETITOR, SEG_PARTNER, SEG_STUDENT
from handoff.generate.world import ChunkContext

# action kinds (what a form submission means)
A_DEMO, A_CONTACT, A_TRIAL, A_WEBINAR, A_CONTENT, A_NEWSLETTER, A_JOB, A_PARTNER = range(8)
ACTION_TRACK = ("demo", "contact_sales", "trial", "webinar", "content", "newsletter", "job", "partner")
HAND_RAISES = (A_DEMO, A_CONTACT)


@dataclass
class Episodes:
    """Buying episodes of the chunk's accounts and, once decided, their outcome."""

    company: np.ndarray  # global company index
    start: np.ndarray  # window day
    end: np.ndarray  # window day (inclusive)
    intensity: np.ndarray
    member_episode: np.ndarray  # per committee member: episode index
    member_person: np.ndarray  # per committee member: global person index
    member_engagement: np.ndarray
    n_active: np.ndarray
    champion: np.ndarray
    hand_raise: np.ndarray  # bool
    hand_person: np.ndarray  # global person, -1
    hand_time: np.ndarray  # µs, 0 when none
    trial: np.ndarray  # bool
    webinar_attended: np.ndarray  # bool
    pricing_pages: np.ndarray  # int, filled after pages are drawn
    p_opportunity: np.ndarray  # float, filled by decide_outcomes
    opportunity: np.ndarray  # bool
    won: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.company)


@dataclass
class Actions:
    """Form submissions (and the Segment identify/track and HubSpot submission each one produces)."""

    person: np.ndarray  # global person index
    local: np.ndarray  # local person index
    time: np.ndarray  # µs
    kind: np.ndarray  # A_*
    form: np.ndarray  # index into world.forms
    webinar: np.ndarray  # index into calendar.webinars, -1
    attended: np.ndarray  # bool (webinars)
    episode: np.ndarray  # episode index, -1
    device: np.ndarray  # chunk device index

    def __len__(self) -> int:
        return len(self.person)


def plan_episodes(ctx: ChunkContext) -> Episodes:
    """Draw each account's buying episodes and the committee active in each."""
    world, rng = ctx.world, ctx.rng
    cos, ppl = world.companies, world.people
    days = world.clock.days
    comps = ctx.companies
    n_ep = rng.poisson(planted.episode_rate(cos.fit[comps]) * days / 730)
    company = np.repeat(comps, n_ep)
    e = len(company)
    start = rng.integers(-20, days - 14, size=e)
    duration = np.clip(np.exp(rng.normal(np.log(45), 0.55, size=e)), 21, 150).astype(np.int64)
    intensity = np.exp(rng.normal(0.0, 0.45, size=e))

    local_company = ppl.company[ctx.persons]
    business = ppl.segment[ctx.persons] == SEG_BUSINESS
    order = np.argsort(local_company, kind="stable")
    sorted_co = local_company[order]
    m_ep: list[np.ndarray] = []
    m_person: list[np.ndarray] = []
    n_active = np.zeros(e, dtype=np.int64)
    champion = np.zeros(e)
    for i in range(e):
        lo, hi = np.searchsorted(sorted_co, [company[i], company[i] + 1])
        pool = order[lo:hi]
        pool = pool[business[pool]]
        if len(pool) == 0:
            continue
        glob = ctx.persons[pool]
        k = min(len(pool), 1 + int(rng.poisson(0.6 + 0.5 * np.log10(max(cos.employees[company[i]], 2)))))
        w = (ppl.weight[glob] + 0.05) * np.where(ppl.newsletter[glob], planted.NEWSLETTER_COMMITTEE_LIFT, 1.0)
        chosen = rng.choice(len(pool), size=k, replace=False, p=w / w.sum())
        m_ep.append(np.full(k, i))
        m_person.append(glob[chosen])
        n_active[i] = k
        champion[i] = ppl.weight[glob[chosen]].max()
    member_episode = np.concatenate(m_ep) if m_ep else np.zeros(0, dtype=np.int64)
    member_person = np.concatenate(m_person) if m_person else np.zeros(0, dtype=np.int64)
    return Episodes(
        company=company,
        start=start,
        end=start + duration,
        intensity=intensity,
        member_episode=member_episode,
        member_person=member_person,
        member_engagement=np.exp(rng.normal(0.0, 0.4, size=len(member_person))),
        n_active=n_active,
        champion=champion,
        hand_raise=np.zeros(e, dtype=bool),
        hand_person=np.full(e, -1, dtype=np.int64),
        hand_time=np.zeros(e, dtype=np.int64),
        trial=np.zeros(e, dtype=bool),
        webinar_attended=np.zeros(e, dtype=bool),
        pricing_pages=np.zeros(e, dtype=np.int64),
        p_opportunity=np.zeros(e),
        opportunity=np.zeros(e, dtype=bool),
        won=np.zeros(e, dtype=bool),
    )


class _ActionBuffer:
    """Collects actions from the several behaviours before they are sorted into one array set."""

    def __init__(self) -> None:
        self.parts: dict[str, list[np.ndarray]] = {
            k: [] for k in ("local", "day", "kind", "form", "webinar", "attended", "episode")
        }

    def add(
        self,
        local: np.ndarray,
        day: np.ndarray,
        kind: int | np.ndarray,
        form: int | np.ndarray,
        *,
        webinar: np.ndarray | None = None,
        attended: np.ndarray | None = None,
        episode: np.ndarray | None = None,
    ) -> None:
        n = len(local)
        if n == 0:
            return
        self.parts["local"].append(np.asarray(local, dtype=np.int64))
        self.parts["day"].append(np.asarray(day, dtype=np.int64))
        self.parts["kind"].append(np.broadcast_to(np.asarray(kind, dtype=np.int64), (n,)).copy())
        self.parts["form"].append(np.broadcast_to(np.asarray(form, dtype=np.int64), (n,)).copy())
        self.parts["webinar"].append(np.full(n, -1, dtype=np.int64) if webinar is None else webinar)
        self.parts["attended"].append(np.zeros(n, dtype=bool) if attended is None else attended)
        self.parts["episode"].append(np.full(n, -1, dtype=np.int64) if episode is None else episode)

    def arrays(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for k, v in self.parts.items():
            out[k] = np.concatenate(v) if v else np.zeros(0, dtype=bool if k == "attended" else np.int64)
        return out


def plan_actions(ctx: ChunkContext, ep: Episodes) -> Actions:
    """Form submissions: the episodes' hand-raises, trials, webinars and downloads, plus everyone's background."""
    world, rng = ctx.world, ctx.rng
    ppl, cal, forms = world.people, world.calendar, world.forms
    days = world.clock.days
    local_of = {int(g): i for i, g in enumerate(ctx.persons)}
    buf = _ActionBuffer()
    demo_form, contact_form = forms.index(vocab.FORM_DEMO), forms.index(vocab.FORM_CONTACT_SALES)
    trial_form = forms.index(vocab.FORM_TRIAL)
    content_forms = np.array([forms.index(n) for n, _ in vocab.CONTENT_FORMS])
    webinar_form = np.array([forms.index(vocab.WEBINAR_FORM_PREFIX + t) for t in vocab.WEBINAR_TOPICS])
    web_day = cal.end_day[cal.webinars]

    # --- episodes: hand-raise, trial, webinars, content -------------------------------------------------------
    e = len(ep)
    dur = ep.end - ep.start
    has_members = ep.n_active > 0
    p_hand = planted.sigmoid(-0.6 + 1.2 * np.log(ep.intensity) + 0.25 * np.maximum(ep.n_active - 1, 0))
    hand = has_members & (rng.random(e) < p_hand)
    hand_day = ep.start + (rng.uniform(0.2, 0.8, size=e) * dur).astype(np.int64)
    trial = has_members & (rng.random(e) < np.clip(0.12 * ep.intensity, 0, 0.4))
    trial_day = ep.start + (rng.uniform(0.1, 0.9, size=e) * dur).astype(np.int64)
    is_demo = rng.random(e) < 0.75
    for i in np.flatnonzero(hand | trial):
        members = ep.member_person[ep.member_episode == i]
        if hand[i]:
            score = ppl.weight[members] * rng.uniform(0.5, 1.0, size=len(members))
            who = int(members[np.argmax(score)])
            ep.hand_person[i] = who
            buf.add(
                np.array([local_of[who]]),
                np.array([hand_day[i]]),
                A_DEMO if is_demo[i] else A_CONTACT,
                demo_form if is_demo[i] else contact_form,
                episode=np.array([i]),
            )
        if trial[i]:
            who = int(members[rng.integers(0, len(members))])
            buf.add(np.array([local_of[who]]), np.array([trial_day[i]]), A_TRIAL, trial_form, episode=np.array([i]))
    ep.trial[:] = trial
    m_local = np.array([local_of[int(g)] for g in ep.member_person], dtype=np.int64)
    m_ep = ep.member_episode
    # webinars overlapping the episode (registration ahead of the live date)
    for w in range(len(cal.webinars)):
        wd = int(web_day[w])
        in_ep = (ep.start[m_ep] <= wd) & (ep.end[m_ep] + 7 >= wd)
        reg = in_ep & (rng.random(len(m_ep)) < 0.3)
        if not reg.any():
            continue
        att = rng.random(int(reg.sum())) < 0.6
        reg_day = wd - rng.integers(1, 15, size=int(reg.sum()))
        buf.add(
            m_local[reg],
            reg_day,
            A_WEBINAR,
            webinar_form[cal.webinar_topic[w]],
            webinar=np.full(int(reg.sum()), w),
            attended=att,
            episode=m_ep[reg],
        )
        ep.webinar_attended[np.unique(m_ep[reg][att])] = True
    dl = rng.random(len(m_ep)) < 0.35
    dl_day = ep.start[m_ep] + (rng.random(len(m_ep)) * (ep.end[m_ep] - ep.start[m_ep])).astype(np.int64)
    buf.add(m_local[dl], dl_day[dl], A_CONTENT, content_forms[rng.integers(2, 5, size=int(dl.sum()))], episode=m_ep[dl])

    # --- everyone: background forms ----------------------------------------------------------------------------
    glob = ctx.persons
    n = len(glob)
    seg = ppl.segment[glob]
    anyday = rng.integers(0, days, size=(n, 6))
    nl = ppl.newsletter[glob]
    buf.add(np.flatnonzero(nl), anyday[nl, 0], A_NEWSLETTER, forms.index(vocab.FORM_NEWSLETTER))
    job = ppl.job_seeker[glob] & (rng.random(n) < 0.5)
    buf.add(np.flatnonzero(job), anyday[job, 1], A_JOB, forms.index(vocab.FORM_CAREERS))
    p_content = np.where(seg == SEG_STUDENT, 0.3, 0.12)
    cont = rng.random(n) < p_content
    buf.add(np.flatnonzero(cont), anyday[cont, 2], A_CONTENT, content_forms[rng.integers(0, 5, size=int(cont.sum()))])
    p_demo = np.select([seg == SEG_COMPETITOR, seg == SEG_STUDENT], [0.08, 0.02], 0.008)
    demo = rng.random(n) < p_demo
    buf.add(np.flatnonzero(demo), anyday[demo, 3], A_DEMO, demo_form)
    contact = rng.random(n) < 0.004
    buf.add(np.flatnonzero(contact), anyday[contact, 4], A_CONTACT, contact_form)
    p_trial = np.select([seg == SEG_COMPETITOR, seg == SEG_STUDENT], [0.05, 0.03], 0.006)
    tr = rng.random(n) < p_trial
    buf.add(np.flatnonzero(tr), anyday[tr, 5], A_TRIAL, trial_form)
    partner = (seg == SEG_PARTNER) & (rng.random(n) < 0.3)
    buf.add(np.flatnonzero(partner), anyday[partner, 5], A_PARTNER, forms.index(vocab.FORM_PARTNER))
    p_web = np.where(seg == SEG_STUDENT, 0.02, 0.012)
    reg = rng.random((n, len(cal.webinars))) < p_web[:, None]
    who, which = np.nonzero(reg)
    buf.add(
        who,
        web_day[which] - rng.integers(1, 15, size=len(who)),
        A_WEBINAR,
        webinar_form[cal.webinar_topic[which]],
        webinar=which,
        attended=rng.random(len(who)) < 0.5,
    )

    a = buf.arrays()
    day = world.clock.avoid_weekends(rng, a["day"])
    local = a["local"]
    time = world.clock.work_time(rng, day, ppl.country[glob[local]]) if len(local) else np.zeros(0, np.int64)
    keep = (time >= world.clock.t0) & (time < world.clock.snapshot - 30 * SECOND)
    order = np.argsort(time[keep], kind="stable")
    local = local[keep][order]
    time = time[keep][order]
    n_dev = ctx.person_n_dev[local]
    other = np.minimum(1 + rng.integers(0, 2, size=len(local)), n_dev - 1)
    device = ctx.person_first_dev[local] + np.where(rng.random(len(local)) < 0.8, 0, other)
    actions = Actions(
        person=glob[local],
        local=local,
        time=time,
        kind=a["kind"][keep][order],
        form=a["form"][keep][order],
        webinar=a["webinar"][keep][order],
        attended=a["attended"][keep][order],
        episode=a["episode"][keep][order],
        device=device,
    )
    # the episode's hand-raise time as realised (weekend shift, working hours); dropped if outside the window
    ep.hand_raise[:] = False
    for j in np.flatnonzero(np.isin(actions.kind, HAND_RAISES) & (actions.episode >= 0)):
        i = int(actions.episode[j])
        ep.hand_raise[i] = True
        ep.hand_time[i] = actions.time[j]
    ep.hand_person[~ep.hand_raise] = -1
    ep.trial[:] = False
    ep.trial[np.unique(actions.episode[(actions.kind == A_TRIAL) & (actions.episode >= 0)])] = True
    ep.webinar_attended[:] = False
    att = (actions.kind == A_WEBINAR) & actions.attended & (actions.episode >= 0)
    ep.webinar_attended[np.unique(actions.episode[att])] = True
    return actions


def decide_outcomes(ctx: ChunkContext, ep: Episodes) -> None:
    """Opportunity and win for each episode, from fit and the signals the episode actually produced."""
    world, rng = ctx.world, ctx.rng
    fit = world.companies.fit[ep.company]
    usable = (ep.n_active > 0) & (ep.start < world.clock.days - 10)
    inputs = {
        "hand_raise": ep.hand_raise.astype(float),
        "log_pricing_pages": ep.pricing_pages.astype(float),
        "extra_active_people": ep.n_active.astype(float),
        "webinar_attended": ep.webinar_attended.astype(float),
        "trial_started": ep.trial.astype(float),
        "champion": ep.champion,
    }
    dead, drift_day = world.config.drift_dead_signal, world.config.drift_day
    if dead is not None and drift_day is not None:
        # drift: the signal stops converting for episodes from drift_from on (see planted.py)
        when = (ep.hand_time - world.clock.t0) // DAY if dead == "hand_raise" else ep.start
        after = when >= drift_day
        neutral = 1.0 if dead == "extra_active_people" else 0.0
        inputs[dead] = np.where(after, neutral, inputs[dead])
    ep.p_opportunity = (
        planted.opportunity_probability(
            fit,
            inputs["hand_raise"],
            inputs["log_pricing_pages"],
            inputs["extra_active_people"],
            inputs["webinar_attended"],
            inputs["trial_started"],
            inputs["champion"],
        )
        * usable
    )
    ep.opportunity = rng.random(len(ep)) < ep.p_opportunity
    p_win = planted.win_probability(fit, ep.champion, ep.n_active.astype(float), ep.hand_raise.astype(float))
    ep.won = ep.opportunity & (rng.random(len(ep)) < p_win)
    if ctx.index == 0:
        _guarantee_pipeline(ctx, ep, p_win)


MIN_OPPORTUNITIES, MIN_WON, MIN_LOST = 8, 3, 3


def _guarantee_pipeline(ctx: ChunkContext, ep: Episodes, p_win: np.ndarray) -> None:
    """Top up the first chunk so even the tiny preset has pipeline, won and lost (a handful of each).

    Only the most likely episodes by the planted model are converted (old enough to have closed), and won/lost are
    settled by the planted win probability's ranking, so the top-up sharpens rather than contradicts the truth.
    At larger scales the first chunk already has far more than these minimums and nothing changes.
    """
    old = (ep.start < ctx.world.clock.days - 150) & (ep.n_active > 0)
    missing = MIN_OPPORTUNITIES - int((ep.opportunity & old).sum())
    if missing > 0:
        candidates = np.flatnonzero(old & ~ep.opportunity)
        pick = candidates[np.argsort(-ep.p_opportunity[candidates], kind="stable")[:missing]]
        ep.opportunity[pick] = True
        ep.won[pick] = ctx.rng.random(len(pick)) < p_win[pick]
    closed = np.flatnonzero(ep.opportunity & old)
    by_win = closed[np.argsort(-p_win[closed], kind="stable")]
    if int(ep.won[closed].sum()) < MIN_WON:
        ep.won[by_win[:MIN_WON]] = True
    if int((~ep.won[closed]).sum()) < MIN_LOST:
        ep.won[by_win[::-1][:MIN_LOST]] = False
