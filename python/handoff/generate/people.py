"""People: buying committees at accounts, plus students, competitors and personal-email sign-ups.

Generated once for the run (200 k people at 10 M events is a few tens of MB of arrays) so that every chunk sees
stable person ids. Each person carries the static traits the behaviour model reads (seniority, function, fit of the
employer) and personal propensities (how often they open email or browse) drawn independently of fit, so that
opens and blog reads carry no signal by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handoff.generate import planted, vocab
from handoff.generate.companies import (
    KIND_BUSINESS,
    KIND_COMPETITOR,
    KIND_PARTNER,
    KIND_UNIVERSITY,
    TYPE_CUSTOMER,
    Companies,
)
from handoff.generate.config import GeneratorConfig

SEG_BUSINESS, SEG_STUDENT, SEG_COMPETITOR, SEG_PERSONAL, SEG_PARTNER = 0, 1, 2, 3, 4
CRM_NONE, CRM_LEAD, CRM_CONTACT = 0, 1, 2
NEVER = np.iinfo(np.int32).max // 2
HUBSPOT_ID_BASE = 51_000_000


@dataclass
class People:
    """Column arrays, one row per person (index = global person id)."""

    company: np.ndarray  # int64 global company index, -1 none
    segment: np.ndarray  # int8 SEG_*
    first_name: np.ndarray  # object
    last_name: np.ndarray  # object
    seniority: np.ndarray  # int8 index into vocab.SENIORITIES
    function: np.ndarray  # int8 index into vocab.FUNCTIONS
    title: np.ndarray  # object (None = blank)
    department: np.ndarray  # object
    email: np.ndarray  # object, lowercase canonical address
    crm_email: np.ndarray  # object, as typed into the CRM (a few capitalised)
    country: np.ndarray  # int16
    created_day: np.ndarray  # int32 day the person entered the databases (may be < 0: before the window)
    crm_kind: np.ndarray  # int8 CRM_* at creation
    in_hubspot: np.ndarray  # bool
    lead_source: np.ndarray  # int8 index into vocab.LEAD_SOURCES
    open_rate: np.ndarray  # float: P(open | delivered), independent of everything
    click_rate: np.ndarray  # float: P(click | open)
    mpp: np.ndarray  # bool: Apple Mail Privacy Protection pre-opens every email
    mail_rate: np.ndarray  # float: P(in a given weekly send's segment)
    web_rate: np.ndarray  # float: background web sessions per day
    job_seeker: np.ndarray  # bool
    newsletter: np.ndarray  # bool
    mailbox_dead_day: np.ndarray  # int32: from this day the work address hard-bounces (left the company)
    weight: np.ndarray  # float: planted seniority x function weight
    chunk: np.ndarray  # int32

    def __len__(self) -> int:
        return len(self.segment)

    @property
    def hubspot_id(self) -> np.ndarray:
        """HubSpot contact ids (vids): integers derived from the global person index."""
        return HUBSPOT_ID_BASE + np.arange(len(self), dtype=np.int64) * 3


def _clean(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def make_people(config: GeneratorConfig, companies: Companies, rng: np.random.Generator) -> People:
    """Allocate people to companies and draw their traits and propensities."""
    n = config.n_people
    n_student = max(6, round(0.045 * n))
    n_comp = max(6, round(0.03 * n))
    n_personal = max(6, round(0.055 * n))
    n_partner = max(2, round(0.006 * n))
    n_bus = n - n_student - n_comp - n_personal - n_partner

    bus_idx = np.flatnonzero(companies.kind == KIND_BUSINESS)
    weights = companies.employees[bus_idx] ** 0.35 * np.exp(rng.normal(0, 0.6, size=len(bus_idx)))
    extra = rng.multinomial(max(n_bus - len(bus_idx), 0), weights / weights.sum())
    per_company = 1 + extra
    company = np.concatenate(
        [
            np.repeat(bus_idx, per_company),
            rng.choice(np.flatnonzero(companies.kind == KIND_UNIVERSITY), size=n_student),
            rng.choice(np.flatnonzero(companies.kind == KIND_COMPETITOR), size=n_comp),
            np.full(n_personal, -1),
            rng.choice(np.flatnonzero(companies.kind == KIND_PARTNER), size=n_partner),
        ]
    ).astype(np.int64)
    n = len(company)
    segment = np.concatenate(
        [
            np.full(int(per_company.sum()), SEG_BUSINESS),
            np.full(n_student, SEG_STUDENT),
            np.full(n_comp, SEG_COMPETITOR),
            np.full(n_personal, SEG_PERSONAL),
            np.full(n_partner, SEG_PARTNER),
        ]
    ).astype(np.int8)

    first = np.array(vocab.FIRST_NAMES, dtype=object)[rng.integers(0, len(vocab.FIRST_NAMES), size=n)]
    last = np.array(vocab.LAST_NAMES, dtype=object)[rng.integers(0, len(vocab.LAST_NAMES), size=n)]

    small = np.zeros(n, dtype=bool)
    has_co = company >= 0
    small[has_co] = companies.employees[company[has_co]] < 50
    sen_w = np.array(vocab.SENIORITY_WEIGHTS)
    small_w = sen_w * np.array([0.5, 0.9, 0.8, 1.0, 1.2, 3.0])
    seniority = np.where(
        small,
        rng.choice(6, size=n, p=small_w / small_w.sum()),
        rng.choice(6, size=n, p=sen_w / sen_w.sum()),
    ).astype(np.int8)
    seniority[segment == SEG_STUDENT] = 0
    fn_w = np.array(vocab.FUNCTION_WEIGHTS)
    function = rng.choice(len(vocab.FUNCTIONS), size=n, p=fn_w / fn_w.sum()).astype(np.int8)

    title, department = _titles(rng, segment, seniority, function)
    email, crm_email, personal = _emails(rng, companies, company, segment, first, last)

    country = np.where(has_co, companies.country[np.maximum(company, 0)], 0).astype(np.int16)
    c_w = np.array([c.weight for c in vocab.COUNTRIES])
    roam = (~has_co) | (rng.random(n) < 0.05)
    country[roam] = rng.choice(len(vocab.COUNTRIES), size=int(roam.sum()), p=c_w / c_w.sum())

    created_day = np.where(
        rng.random(n) < 0.35, -rng.integers(1, 700, size=n), rng.integers(0, config.days, size=n)
    ).astype(np.int32)
    at_account = has_co & companies.in_crm[np.maximum(company, 0)]
    customer = has_co & (companies.account_type[np.maximum(company, 0)] == TYPE_CUSTOMER)
    created_day[customer] = np.minimum(created_day[customer], -rng.integers(1, 500, size=int(customer.sum())))
    created_day[at_account] = np.maximum(created_day[at_account], companies.created_day[company[at_account]])

    contact_p = np.where(customer, 0.85, np.where(at_account, 0.45, 0.0))
    contact_p[segment == SEG_PARTNER] = 1.0
    crm_kind = np.where(rng.random(n) < contact_p, CRM_CONTACT, CRM_LEAD).astype(np.int8)
    hubspot_only = (crm_kind == CRM_LEAD) & (rng.random(n) < config.hubspot_only_share)
    crm_kind[hubspot_only] = CRM_NONE
    in_hubspot = np.where(crm_kind == CRM_CONTACT, rng.random(n) < 0.75, rng.random(n) < 0.94)
    in_hubspot[hubspot_only] = True

    sources = {s: i for i, s in enumerate(vocab.LEAD_SOURCES)}
    contact_sources = np.array([sources[s] for s in ("Outbound", "List Import", "Referral", "Trade Show", "Partner")])
    lead_sources = np.array(
        [
            sources[s]
            for s in (
                "Web",
                "Organic Search",
                "Paid Social",
                "Webinar",
                "Content Syndication",
                "Trade Show",
                "Chat",
                "List Import",
            )
        ]
    )
    lead_source = np.where(
        crm_kind == CRM_CONTACT,
        contact_sources[rng.choice(len(contact_sources), size=n, p=[0.45, 0.2, 0.15, 0.1, 0.1])],
        lead_sources[rng.choice(len(lead_sources), size=n, p=[0.3, 0.2, 0.12, 0.1, 0.1, 0.06, 0.04, 0.08])],
    ).astype(np.int8)

    scanned = has_co & (companies.scanner[np.maximum(company, 0)] >= 0) & ~personal
    mailbox_dead_day = np.full(n, NEVER, dtype=np.int32)
    leavers = (rng.random(n) < 0.06) & ~personal & (segment == SEG_BUSINESS)
    mailbox_dead_day[leavers] = rng.integers(30, config.days, size=int(leavers.sum()))

    chunk = np.where(has_co, companies.chunk[np.maximum(company, 0)], 0).astype(np.int32)
    floating = segment != SEG_BUSINESS
    chunk[floating] = rng.integers(0, companies.n_chunks, size=int(floating.sum()))

    return People(
        company=company,
        segment=segment,
        first_name=first,
        last_name=last,
        seniority=seniority,
        function=function,
        title=title,
        department=department,
        email=email,
        crm_email=crm_email,
        country=country,
        created_day=created_day,
        crm_kind=crm_kind,
        in_hubspot=in_hubspot,
        lead_source=lead_source,
        open_rate=rng.beta(2.0, 3.2, size=n),
        click_rate=rng.beta(1.5, 12.0, size=n),
        mpp=(rng.random(n) < 0.28) & ~scanned,
        mail_rate=rng.beta(2.0, 4.0, size=n),
        web_rate=np.exp(rng.normal(np.log(0.0045), 0.7, size=n)),
        job_seeker=rng.random(n) < 0.05,
        newsletter=rng.random(n) < 0.18,
        mailbox_dead_day=mailbox_dead_day,
        weight=planted.person_weight(seniority, function),
        chunk=chunk,
    )


def _titles(
    rng: np.random.Generator, segment: np.ndarray, seniority: np.ndarray, function: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Messy real-world titles and departments for each person."""
    n = len(segment)
    roll = rng.random((n, 3))
    title = np.empty(n, dtype=object)
    department = np.empty(n, dtype=object)
    for i in range(n):
        seg = segment[i]
        fn = int(function[i])
        if seg == SEG_STUDENT:
            t: str | None = vocab.STUDENT_TITLES[int(roll[i, 0] * len(vocab.STUDENT_TITLES))]
        elif seg == SEG_PERSONAL and roll[i, 1] < 0.5:
            t = vocab.FREELANCE_TITLES[int(roll[i, 0] * len(vocab.FREELANCE_TITLES))]
        else:
            options = vocab.TITLES[(int(seniority[i]), fn)]
            t = options[int(roll[i, 0] * len(options))]
        if roll[i, 2] < 0.03:
            t = None
        elif roll[i, 2] < 0.06 and t is not None:
            t = t.lower()
        elif roll[i, 2] < 0.075 and t is not None:
            t = f"  {t} "
        title[i] = t
        deps = vocab.DEPARTMENTS[fn]
        department[i] = deps[int(roll[i, 1] * len(deps))] if seg in (SEG_BUSINESS, SEG_PARTNER) else None
    return title, department


def _emails(
    rng: np.random.Generator,
    companies: Companies,
    company: np.ndarray,
    segment: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Work addresses at the employer's domain; some personal (free-mail) ones; unique across people."""
    n = len(segment)
    fm_w = np.array(vocab.FREE_MAIL_WEIGHTS)
    free = np.array(vocab.FREE_MAIL_DOMAINS, dtype=object)[rng.choice(len(fm_w), size=n, p=fm_w / fm_w.sum())]
    personal = (segment == SEG_PERSONAL) | ((segment == SEG_BUSINESS) & (rng.random(n) < 0.06))
    pattern = rng.choice(7, size=n, p=[0.45, 0.2, 0.08, 0.07, 0.08, 0.07, 0.05])
    number = rng.integers(1, 99, size=n)
    capitalised = rng.random(n) < 0.04
    emails = np.empty(n, dtype=object)
    crm = np.empty(n, dtype=object)
    seen: set[str] = set()
    for i in range(n):
        f, la = _clean(first[i]), _clean(last[i])
        if personal[i]:
            local = f"{f}.{la}{number[i]}" if pattern[i] % 2 else f"{f}{la}"
            domain = free[i]
        else:
            local = (f"{f}.{la}", f"{f[0]}{la}", f, f"{f}{la[0]}", f"{f}_{la}", f"{f[0]}.{la}", f"{la}.{f}")[
                int(pattern[i])
            ]
            domain = companies.domain[company[i]]
        addr, k = f"{local}@{domain}", 1
        while addr in seen:
            k += 1
            addr = f"{local}{k}@{domain}"
        seen.add(addr)
        emails[i] = addr
        if capitalised[i]:
            head, _, tail = addr.partition("@")
            crm[i] = ".".join(part.capitalize() for part in head.split(".")) + "@" + tail.capitalize()
        else:
            crm[i] = addr
    return emails, crm, personal
