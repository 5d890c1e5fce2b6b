"""The run-wide objects every chunk shares, and the per-chunk context the simulators work in.

Run-wide: companies, people, the sales team, the campaign calendar, the forms and the weekly email schedule. They
are small and generated once. Per chunk: the people and accounts of that chunk, their devices (Segment anonymous
ids), network addresses, and the chunk's own random stream, so chunks can be produced one after another and
discarded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from handoff.generate import vocab
from handoff.generate.clock import DAY, HOUR, MINUTE, Clock
from handoff.generate.companies import KIND_BUSINESS, KIND_UNIVERSITY, Companies, make_companies
from handoff.generate.config import GeneratorConfig
from handoff.generate.ids import CHUNK_ID_SPACE, salesforce_id_list, uuid_list
from handoff.generate.people import People, make_people

STREAM = {
    "companies": 1,
    "people": 2,
    "users": 3,
    "campaigns": 4,
    "forms": 5,
    "email": 6,
    "chunk": 7,
    "append": 8,
}
PAGE_CATEGORY = np.array([vocab.PAGE_CATEGORIES.index(p[0]) for p in vocab.PAGES], dtype=np.int16)
PAGE_PATH = np.array([p[1] for p in vocab.PAGES], dtype=object)
PAGE_TITLE = np.array([p[2] for p in vocab.PAGES], dtype=object)
PAGES_BY_CATEGORY: tuple[np.ndarray, ...] = tuple(
    np.flatnonzero(c == PAGE_CATEGORY) for c in range(len(vocab.PAGE_CATEGORIES))
)
PATH_INDEX = {p[1]: i for i, p in enumerate(vocab.PAGES)}


def rng_for(config: GeneratorConfig, stream: str, *extra: int) -> np.random.Generator:
    """An independent random stream per (seed, purpose, chunk …): adding draws in one never shifts another."""
    return np.random.default_rng([config.seed, STREAM[stream], *extra])


@dataclass
class SalesTeam:
    """Users and roles; SDRs work leads, AEs own opportunities."""

    user_ids: np.ndarray  # object
    names: list[str]
    emails: list[str]
    titles: list[str]
    departments: list[str]
    role_index: np.ndarray  # int index into vocab.USER_ROLES
    is_active: np.ndarray
    role_ids: np.ndarray  # object
    sdrs: np.ndarray  # indexes into user_ids
    aes: np.ndarray
    integration_user: int


@dataclass
class Calendar:
    """Salesforce campaigns (webinars, conferences, syndication, email programs) with their dates."""

    ids: np.ndarray  # object
    names: list[str]
    types: list[str]
    start_day: np.ndarray  # int (window days)
    end_day: np.ndarray
    webinars: np.ndarray  # campaign indexes of webinars, by date
    webinar_topic: np.ndarray  # topic index per webinar (aligned with `webinars`)
    conferences: np.ndarray
    syndications: np.ndarray


@dataclass
class FormCatalogue:
    """HubSpot forms: guid, name, intended signal and the page they live on."""

    guids: np.ndarray  # object
    names: list[str]
    signals: list[str]
    page: np.ndarray  # index into vocab.PAGES
    form_types: list[str]
    created_day: np.ndarray

    def index(self, name: str) -> int:
        """Form index by name."""
        return self.names.index(name)


@dataclass
class EmailSchedule:
    """One marketing email per week: its HubSpot campaign id, send time and the links in it."""

    campaign_ids: np.ndarray  # int64
    send_time: np.ndarray  # int64 µs
    send_day: np.ndarray  # int
    kind: np.ndarray  # int index into vocab.EMAIL_CAMPAIGN_KINDS
    names: list[str]
    subjects: list[str]
    link_page: np.ndarray  # (weeks, 5) page index, -1 padding
    link_url: list[list[str]]  # per week, the tracked URLs
    n_links: np.ndarray
    utm_campaign: list[str]


@dataclass
class World:
    """Everything run-wide."""

    config: GeneratorConfig
    clock: Clock
    companies: Companies
    people: People
    team: SalesTeam
    calendar: Calendar
    forms: FormCatalogue
    emails: EmailSchedule
    account_owner: np.ndarray  # per company: index into team user ids


def build_world(config: GeneratorConfig) -> World:
    """Generate the run-wide objects in a fixed order, each from its own random stream."""
    clock = Clock(config.start_date, config.days)
    companies = make_companies(config, rng_for(config, "companies"))
    people = make_people(config, companies, rng_for(config, "people"))
    team = _sales_team(config, rng_for(config, "users"))
    calendar = _calendar(clock)
    forms = _forms(config, rng_for(config, "forms"))
    emails = _email_schedule(config, clock, rng_for(config, "email"))
    rng = rng_for(config, "users", 1)
    owner = team.aes[rng.integers(0, len(team.aes), size=len(companies))]
    return World(config, clock, companies, people, team, calendar, forms, emails, owner)


def _sales_team(config: GeneratorConfig, rng: np.random.Generator) -> SalesTeam:
    n_acc = config.n_accounts
    n_sdr = max(3, round(n_acc / 70))
    n_ae = max(3, round(n_acc / 55))
    n_mgr = max(1, n_ae // 7)
    plan: list[tuple[int, str, str]] = [(0, "VP of Sales", "Sales"), (3, "Director, Sales Development", "Sales")]
    plan += [(1, "Sales Manager", "Sales")] * n_mgr
    plan += [
        (2, ("Account Executive", "Enterprise Account Executive", "Senior Account Executive")[i % 3], "Sales")
        for i in range(n_ae)
    ]
    plan += [
        (4, ("Sales Development Representative", "SDR", "Senior SDR")[i % 3], "Sales Development") for i in range(n_sdr)
    ]
    plan += [
        (5, "VP Marketing", "Marketing"),
        (6, "Marketing Operations Manager", "Marketing"),
        (6, "Demand Generation Manager", "Marketing"),
        (7, "Integration User", "Systems"),
    ]
    n = len(plan)
    first = np.array(vocab.FIRST_NAMES)[rng.integers(0, len(vocab.FIRST_NAMES), size=n)]
    last = np.array(vocab.LAST_NAMES)[rng.integers(0, len(vocab.LAST_NAMES), size=n)]
    names = [f"{f} {la}" for f, la in zip(first, last, strict=True)]
    names[-1] = "Integration User"
    emails = [
        f"{f.lower()}.{''.join(ch for ch in la.lower() if ch.isalpha())}@{vocab.OUR_DOMAIN}"
        for f, la in zip(first, last, strict=True)
    ]
    emails[-1] = f"integration@{vocab.OUR_DOMAIN}"
    role_index = np.array([p[0] for p in plan])
    is_active = rng.random(n) > 0.08
    is_active[role_index != 4] = True
    sdrs = np.flatnonzero(role_index == 4)
    aes = np.flatnonzero(role_index == 2)
    return SalesTeam(
        user_ids=salesforce_id_list("user", np.arange(n) + 7_000),
        names=names,
        emails=emails,
        titles=[p[1] for p in plan],
        departments=[p[2] for p in plan],
        role_index=role_index,
        is_active=is_active,
        role_ids=salesforce_id_list("user_role", np.arange(len(vocab.USER_ROLES)) + 300),
        sdrs=sdrs,
        aes=aes,
        integration_user=n - 1,
    )


def _calendar(clock: Clock) -> Calendar:
    """A regular marketing calendar: monthly webinars, quarterly conferences and syndication, yearly email."""
    names: list[str] = []
    types: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    webinars: list[int] = []
    topics: list[int] = []
    conferences: list[int] = []
    syndications: list[int] = []

    def day_of(d: int) -> date:
        return clock.start + timedelta(days=d)

    horizon = clock.days + 60
    for k, d in enumerate(range(10, horizon, 30)):
        wd = int(clock.weekday(np.array([d]))[0])
        d += (2 - wd) % 7  # Wednesdays
        topic = k % len(vocab.WEBINAR_TOPICS)
        webinars.append(len(names))
        topics.append(topic)
        names.append(f"Webinar: {vocab.WEBINAR_TOPICS[topic]} ({day_of(d):%b %Y})")
        types.append("Webinar")
        starts.append(d - 21)
        ends.append(d)
    for k, d in enumerate(range(40, horizon, 91)):
        conferences.append(len(names))
        names.append(f"{vocab.CONFERENCES[k % len(vocab.CONFERENCES)]} {day_of(d).year}")
        types.append("Conference")
        starts.append(d)
        ends.append(d + 2)
    for k, d in enumerate(range(0, horizon, 91)):
        syndications.append(len(names))
        when = day_of(d)
        vendor = vocab.SYNDICATION_VENDORS[k % len(vocab.SYNDICATION_VENDORS)]
        names.append(f"Content Syndication: {vendor} Q{(when.month - 1) // 3 + 1} {when.year}")
        types.append("Content Syndication")
        starts.append(d)
        ends.append(d + 90)
    for year in sorted({clock.start.year, (clock.start + timedelta(days=clock.days)).year}):
        names.append(f"Email: Weekly Digest {year}")
        types.append("Email")
        starts.append((date(year, 1, 1) - clock.start).days)
        ends.append((date(year, 12, 31) - clock.start).days)
    return Calendar(
        ids=salesforce_id_list("campaign", np.arange(len(names)) + 900),
        names=names,
        types=types,
        start_day=np.array(starts),
        end_day=np.array(ends),
        webinars=np.array(webinars),
        webinar_topic=np.array(topics),
        conferences=np.array(conferences),
        syndications=np.array(syndications),
    )


def _forms(config: GeneratorConfig, rng: np.random.Generator) -> FormCatalogue:
    names = [f[0] for f in vocab.FORMS]
    return FormCatalogue(
        guids=uuid_list(rng, len(names)),
        names=names,
        signals=[f[1] for f in vocab.FORMS],
        page=np.array([PATH_INDEX[f[2]] for f in vocab.FORMS]),
        form_types=[f[3] for f in vocab.FORMS],
        created_day=-rng.integers(60, 900, size=len(names)),
    )


def _email_schedule(config: GeneratorConfig, clock: Clock, rng: np.random.Generator) -> EmailSchedule:
    weeks = clock.days // 7
    send_day = np.arange(weeks) * 7
    wd = clock.weekday(send_day)
    send_day = send_day + (np.where(np.arange(weeks) % 2 == 0, 1, 3) - wd) % 7  # Tue / Thu
    send_day = np.minimum(send_day, clock.days - 1)
    send_time = clock.t0 + send_day * DAY + 14 * HOUR + rng.integers(0, 90, size=weeks) * MINUTE
    kind = np.arange(weeks) % len(vocab.EMAIL_CAMPAIGN_KINDS)
    blog = PAGES_BY_CATEGORY[vocab.PAGE_CATEGORIES.index("blog")]
    cat = {c: PAGES_BY_CATEGORY[vocab.PAGE_CATEGORIES.index(c)] for c in vocab.PAGE_CATEGORIES}
    link_page = np.full((weeks, 5), -1, dtype=np.int64)
    link_url: list[list[str]] = []
    names: list[str] = []
    subjects: list[str] = []
    utm: list[str] = []
    for w in range(weeks):
        k = int(kind[w])
        topic = vocab.WEBINAR_TOPICS[int(rng.integers(0, len(vocab.WEBINAR_TOPICS)))]
        prefix, subject = vocab.EMAIL_CAMPAIGN_KINDS[k]
        when = clock.start + timedelta(days=int(send_day[w]))
        names.append(f"{prefix} - {when:%Y-%m-%d}")
        subjects.append(subject.format(topic=topic))
        slug = f"{prefix.lower().replace(' ', '-')}-{when:%Y%m%d}"
        utm.append(slug)
        choices = {
            0: [rng.choice(blog), rng.choice(blog), rng.choice(blog), rng.choice(cat["webinars"])],
            1: [rng.choice(cat["product"]), rng.choice(cat["docs"]), rng.choice(cat["pricing"])],
            2: [rng.choice(cat["webinars"]), rng.choice(blog)],
            3: [rng.choice(cat["resources"]), rng.choice(blog), rng.choice(cat["customers"])],
            4: [
                rng.choice(cat["customers"]),
                rng.choice(cat["pricing"]),
                rng.choice(cat["demo"][:1]),
                rng.choice(blog),
            ],
        }[k]
        pages = list(dict.fromkeys(int(p) for p in choices))
        link_page[w, : len(pages)] = pages
        link_url.append(
            [
                f"{vocab.OUR_SITE}{PAGE_PATH[p]}?utm_source=hubspot&utm_medium=email&utm_campaign={slug}"
                f"&utm_content=link-{j + 1}"
                for j, p in enumerate(pages)
            ]
        )
    return EmailSchedule(
        campaign_ids=(180_000_000 + np.arange(weeks) * 17).astype(np.int64),
        send_time=send_time.astype(np.int64),
        send_day=send_day,
        kind=kind,
        names=names,
        subjects=subjects,
        link_page=link_page,
        link_url=link_url,
        n_links=(link_page >= 0).sum(axis=1),
        utm_campaign=utm,
    )


@dataclass
class ChunkContext:
    """One chunk's people and companies, their devices and addresses, and the chunk's random stream."""

    world: World
    index: int
    rng: np.random.Generator
    persons: np.ndarray  # global person indexes in this chunk
    companies: np.ndarray  # global company indexes (business) in this chunk
    dev_person: np.ndarray  # local person index per device
    dev_anon: np.ndarray  # object: Segment anonymous_id per device
    dev_ua: np.ndarray  # index into vocab.BROWSER_USER_AGENTS
    dev_kind: np.ndarray  # 0 work computer, 1 phone, 2 home computer
    person_first_dev: np.ndarray  # local person -> first device index
    person_n_dev: np.ndarray
    user_uuid: np.ndarray  # object: Segment user_id per local person
    ip_pool: list[str] = field(default_factory=list)
    home_ip: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    office_ip: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # per local person
    seq: dict[str, int] = field(default_factory=dict)

    def next_seq(self, kind: str, n: int) -> np.ndarray:
        """Sequence numbers for `n` new ids of `kind`, unique across chunks."""
        start = self.seq.get(kind, 0)
        self.seq[kind] = start + n
        if start + n >= CHUNK_ID_SPACE:
            raise OverflowError(f"chunk {self.index} ran out of {kind} ids")
        return self.index * CHUNK_ID_SPACE + start + np.arange(n, dtype=np.int64) + 1_000_000

    def add_ips(self, values: list[str]) -> np.ndarray:
        """Append addresses to the chunk's pool; returns their indexes."""
        start = len(self.ip_pool)
        self.ip_pool.extend(values)
        return np.arange(start, start + len(values))


def random_ips(rng: np.random.Generator, n: int, prefixes: tuple[str, ...] | None = None) -> list[str]:
    """Plausible IPv4 strings; with `prefixes`, inside those ranges (scanners, Apple's relays)."""
    if prefixes is None:
        first = np.array(vocab.HUMAN_IP_OCTETS)[rng.integers(0, len(vocab.HUMAN_IP_OCTETS), size=n)]
        rest = rng.integers(1, 255, size=(n, 3))
        return [f"{a}.{b}.{c}.{d}" for a, (b, c, d) in zip(first, rest, strict=True)]
    pick = rng.integers(0, len(prefixes), size=n)
    out = []
    for i in range(n):
        p = prefixes[int(pick[i])]
        parts = 4 - p.count(".")
        tail = ".".join(str(int(x)) for x in rng.integers(1, 255, size=parts))
        out.append(p + tail)
    return out


def chunk_context(world: World, index: int) -> ChunkContext:
    """The chunk's people, companies, devices and addresses."""
    config = world.config
    rng = rng_for(config, "chunk", index)
    persons = np.flatnonzero(world.people.chunk == index)
    comps = np.flatnonzero((world.companies.chunk == index) & (world.companies.kind == KIND_BUSINESS))
    n = len(persons)
    n_dev = 1 + (rng.random(n) < 0.45) + (rng.random(n) < 0.1)
    dev_person = np.repeat(np.arange(n), n_dev)
    first_dev = np.concatenate([[0], np.cumsum(n_dev)[:-1]]).astype(np.int64)
    pos = np.arange(len(dev_person)) - first_dev[dev_person]
    dev_kind = np.where(pos == 0, 0, np.where(pos == 1, 1, 2))
    desktop = rng.integers(0, 6, size=len(dev_person))
    mobile = rng.integers(6, 9, size=len(dev_person))
    dev_ua = np.where(dev_kind == 1, mobile, desktop)
    ctx = ChunkContext(
        world=world,
        index=index,
        rng=rng,
        persons=persons,
        companies=comps,
        dev_person=dev_person,
        dev_anon=uuid_list(rng, len(dev_person)),
        dev_ua=dev_ua,
        dev_kind=dev_kind,
        person_first_dev=first_dev,
        person_n_dev=n_dev,
        user_uuid=uuid_list(rng, n),
    )
    ctx.home_ip = ctx.add_ips(random_ips(rng, n))
    company = world.people.company[persons]
    uniq, inverse = np.unique(company, return_inverse=True)
    office = ctx.add_ips(random_ips(rng, len(uniq)))
    ctx.office_ip = np.where(company >= 0, office[inverse], ctx.home_ip)
    university = (company >= 0) & (world.companies.kind[np.maximum(company, 0)] == KIND_UNIVERSITY)
    ctx.office_ip[university] = office[inverse][university]
    return ctx
