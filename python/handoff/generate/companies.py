"""Firmographics: the companies people work at, and which of them are Salesforce accounts.

Companies are generated once for the whole run (tens of thousands at most) so that every chunk of people can refer
to any account by its global index, and ids can be derived from that index without coordination between chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from handoff.generate import planted, vocab
from handoff.generate.config import GeneratorConfig
from handoff.generate.ids import stable_unit

KIND_BUSINESS, KIND_COMPETITOR, KIND_PARTNER, KIND_UNIVERSITY = 0, 1, 2, 3
TYPE_PROSPECT, TYPE_CUSTOMER, TYPE_PARTNER, TYPE_COMPETITOR, TYPE_NONE = 0, 1, 2, 3, 4
ACCOUNT_TYPES: tuple[str, ...] = ("Prospect", "Customer", "Partner", "Competitor")


@dataclass
class Companies:
    """Column arrays, one row per company (index = global company id)."""

    kind: np.ndarray  # int8 KIND_*
    name: np.ndarray  # object
    domain: np.ndarray  # object: the web/email domain
    website: np.ndarray  # object: the website as typed in the CRM (messy formats)
    industry: np.ndarray  # int16 index into vocab.INDUSTRIES, -1 none
    employees: np.ndarray  # int64
    revenue: np.ndarray  # float64 (NaN = unknown)
    country: np.ndarray  # int16 index into vocab.COUNTRIES
    in_crm: np.ndarray  # bool: a Salesforce account at the start of the window
    account_type: np.ndarray  # int8 TYPE_*
    fit: np.ndarray  # float64 planted firmographic fit
    parent: np.ndarray  # int64, -1 none (shared-domain pairs: the child points at the parent)
    scanner: np.ndarray  # int8 index into vocab.SCANNERS, -1 none
    drift_scanner: np.ndarray  # int8: the scanner a domain gets from config.drift_from on (-1 none; see planted)
    created_day: np.ndarray  # int32 day (relative to window start) the account was created in Salesforce
    chunk: np.ndarray  # int32 processing chunk
    n_chunks: int

    def __len__(self) -> int:
        return len(self.kind)


def scanner_for_domain(seed: int, domain: str, share: float) -> int:
    """Which mail scanner guards a recipient domain (-1 none): a pure function of seed and domain.

    Pure so that `append_day` reproduces it from the raw file without regenerating the population.
    """
    if domain in vocab.FREE_MAIL_DOMAINS:
        return -1
    if stable_unit(seed, domain, "scanner") >= share:
        return -1
    u = stable_unit(seed, domain, "scanner-kind")
    weights = np.array([s.weight for s in vocab.SCANNERS])
    return int(np.searchsorted(np.cumsum(weights) / weights.sum(), u, side="right"))


def drift_scanner_for_domain(config: GeneratorConfig, domain: str, share: float) -> int:
    """The scanner an unguarded domain gets from drift_from on (-1 none), pure like scanner_for_domain.

    An unguarded domain is picked with probability (factor - 1) x share / (1 - share), so the expected number of
    guarded domains of each share class is multiplied by config.drift_bot_factor.
    """
    if domain in vocab.FREE_MAIL_DOMAINS or share >= 1.0:
        return -1
    p = (config.drift_bot_factor - 1.0) * share / (1.0 - share)
    if stable_unit(config.seed, domain, "drift-scanner") >= p:
        return -1
    u = stable_unit(config.seed, domain, "drift-scanner-kind")
    weights = np.array([s.weight for s in vocab.SCANNERS])
    return int(np.searchsorted(np.cumsum(weights) / weights.sum(), u, side="right"))


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def make_companies(config: GeneratorConfig, rng: np.random.Generator) -> Companies:
    """Business companies (most in Salesforce), plus competitors, partners and universities."""
    n_bus = config.n_accounts
    n_partner = min(len(vocab.PARTNER_NAMES), max(1, n_bus // 40))
    n_comp = len(vocab.COMPETITOR_DOMAINS)
    n_uni = len(vocab.UNIVERSITIES)
    n = n_bus + n_comp + n_partner + n_uni

    ind_w = np.array([i.weight for i in vocab.INDUSTRIES])
    industry = rng.choice(len(vocab.INDUSTRIES), size=n_bus, p=ind_w / ind_w.sum()).astype(np.int16)
    employees = np.clip(np.exp(rng.normal(np.log(260), 1.55, size=n_bus)), 2, 90_000).astype(np.int64)
    c_w = np.array([c.weight for c in vocab.COUNTRIES])
    country = rng.choice(len(vocab.COUNTRIES), size=n_bus, p=c_w / c_w.sum()).astype(np.int16)
    revenue = np.round(employees * np.exp(rng.normal(np.log(170_000), 0.5, size=n_bus)), -3)

    names, domains = _business_names(rng, industry, country)
    kind = np.concatenate(
        [
            np.full(n_bus, KIND_BUSINESS),
            np.full(n_comp, KIND_COMPETITOR),
            np.full(n_partner, KIND_PARTNER),
            np.full(n_uni, KIND_UNIVERSITY),
        ]
    ).astype(np.int8)
    consulting = next(i for i, ind in enumerate(vocab.INDUSTRIES) if ind.name == "Consulting")
    software = next(i for i, ind in enumerate(vocab.INDUSTRIES) if ind.name == "Software")
    education = next(i for i, ind in enumerate(vocab.INDUSTRIES) if ind.name == "Education")
    us = 0
    code_index = {c.code: i for i, c in enumerate(vocab.COUNTRIES)}
    names += list(vocab.COMPETITOR_NAMES)
    domains += list(vocab.COMPETITOR_DOMAINS)
    partner_names = list(vocab.PARTNER_NAMES[:n_partner])
    names += partner_names
    domains += [_slug(p) + ".com" for p in partner_names]
    names += [u[0] for u in vocab.UNIVERSITIES]
    domains += [u[1] for u in vocab.UNIVERSITIES]

    industry = np.concatenate(
        [industry, np.full(n_comp, software), np.full(n_partner, consulting), np.full(n_uni, education)]
    ).astype(np.int16)
    employees = np.concatenate(
        [
            employees,
            rng.integers(80, 900, size=n_comp),
            rng.integers(20, 300, size=n_partner),
            rng.integers(3000, 40000, size=n_uni),
        ]
    ).astype(np.int64)
    revenue = np.concatenate([revenue, employees[n_bus:] * 150_000.0])
    country = np.concatenate(
        [
            country,
            np.full(n_comp, us),
            np.full(n_partner, us),
            np.array([code_index[u[2]] for u in vocab.UNIVERSITIES]),
        ]
    ).astype(np.int16)
    revenue[rng.random(n) < 0.15] = np.nan

    in_crm = np.zeros(n, dtype=bool)
    in_crm[:n_bus] = rng.random(n_bus) < 0.85
    in_crm[n_bus : n_bus + n_comp + n_partner] = True
    chunk = np.zeros(n, dtype=np.int32)
    chunk[:n_bus] = np.arange(n_bus) // config.chunk_companies
    n_chunks = int(chunk[:n_bus].max()) + 1

    parent = np.full(n, -1, dtype=np.int64)
    _plant_shared_domains(config, rng, n_bus, chunk, in_crm, parent, names, domains, country)

    industry_icp = np.array([i.icp for i in vocab.INDUSTRIES])[industry]
    icp_geo = np.array([c.icp for c in vocab.COUNTRIES])[country]
    fit = planted.firmographic_fit(industry_icp, employees, icp_geo)
    fit[n_bus:] = 0.0

    account_type = np.full(n, TYPE_PROSPECT, dtype=np.int8)
    customer = in_crm[:n_bus] & (rng.random(n_bus) < 0.05 + 0.12 * fit[:n_bus])
    account_type[:n_bus][customer] = TYPE_CUSTOMER
    account_type[n_bus : n_bus + n_comp] = TYPE_COMPETITOR
    account_type[n_bus + n_comp : n_bus + n_comp + n_partner] = TYPE_PARTNER
    account_type[~in_crm] = TYPE_NONE

    created_day = np.where(
        rng.random(n) < 0.7, -rng.integers(30, 1500, size=n), rng.integers(0, int(config.days * 0.8), size=n)
    ).astype(np.int32)
    created_day[n_bus:] = -rng.integers(400, 1500, size=n - n_bus)
    created_day[account_type == TYPE_CUSTOMER] = -rng.integers(120, 1500, size=int((account_type == 1).sum()))

    name_arr = np.array(names, dtype=object)
    domain_arr = np.array(domains, dtype=object)
    website = _websites(rng, domain_arr)
    scanner = np.array(
        [
            scanner_for_domain(config.seed, d, _scanner_share(config, e, ind))
            for d, e, ind in zip(domains, employees, industry, strict=True)
        ],
        dtype=np.int8,
    )
    scanner[kind == KIND_UNIVERSITY] = -1
    drift_scanner = np.full(n, -1, dtype=np.int8)
    if config.drift_bot_factor > 1.0:
        for i, (d, e, ind) in enumerate(zip(domains, employees, industry, strict=True)):
            if scanner[i] < 0 and kind[i] != KIND_UNIVERSITY:
                drift_scanner[i] = drift_scanner_for_domain(config, d, _scanner_share(config, e, ind))
    return Companies(
        kind=kind,
        name=name_arr,
        domain=domain_arr,
        website=website,
        industry=industry,
        employees=employees,
        revenue=revenue,
        country=country,
        in_crm=in_crm,
        account_type=account_type,
        fit=fit,
        parent=parent,
        scanner=scanner,
        drift_scanner=drift_scanner,
        created_day=created_day,
        chunk=chunk,
        n_chunks=n_chunks,
    )


def _scanner_share(config: GeneratorConfig, employees: int, industry: int) -> float:
    """Big and regulated companies sit behind mail scanners more often."""
    share = config.scanner_domain_share
    if employees > 1000:
        share *= 1.7
    elif employees < 50:
        share *= 0.4
    if vocab.INDUSTRIES[industry].name in ("Financial Services", "Insurance", "Healthcare Technology"):
        share *= 1.4
    return min(share, 0.9)


def _business_names(rng: np.random.Generator, industry: np.ndarray, country: np.ndarray) -> tuple[list[str], list[str]]:
    """Unique company names and domains ("Bluewave Health Inc." / bluewavehealth.com)."""
    names: list[str] = []
    domains: list[str] = []
    seen: set[str] = set(vocab.COMPETITOR_DOMAINS)
    w1 = rng.integers(0, len(vocab.COMPANY_WORDS), size=len(industry))
    w2 = rng.integers(0, len(vocab.COMPANY_WORDS_2), size=len(industry))
    suf = rng.random(len(industry))
    legal = rng.integers(0, len(vocab.LEGAL_SUFFIXES), size=len(industry))
    tld_roll = rng.random(len(industry))
    for i in range(len(industry)):
        ind = vocab.INDUSTRIES[int(industry[i])]
        stem = vocab.COMPANY_WORDS[int(w1[i])] + vocab.COMPANY_WORDS_2[int(w2[i])]
        suffix = ind.suffixes[int(suf[i] * len(ind.suffixes))]
        ctry = vocab.COUNTRIES[int(country[i])]
        tld = ctry.tld if (ctry.code != "US" and tld_roll[i] < 0.5) else "com"
        if ind.name == "Software" and tld_roll[i] > 0.75:
            tld = "io"
        base = _slug(stem + (suffix if tld_roll[i] < 0.6 else ""))
        domain = f"{base}.{tld}"
        k = 2
        while domain in seen:
            domain = f"{base}{k}.{tld}"
            k += 1
        seen.add(domain)
        display = f"{stem} {suffix}" + (f" {k - 1}" if k > 2 else "")
        legal_suffix = vocab.LEGAL_SUFFIXES[int(legal[i])]
        names.append(f"{display} {legal_suffix}".strip())
        domains.append(domain)
    return names, domains


def _websites(rng: np.random.Generator, domains: np.ndarray) -> np.ndarray:
    """The website field as sales reps type it: with and without scheme, www, trailing slash or path."""
    forms = ("https://www.{d}", "www.{d}", "http://{d}/", "{d}", "https://{d}", "https://www.{d}/en-us", "WWW.{D}")
    pick = rng.choice(len(forms), size=len(domains), p=[0.45, 0.2, 0.08, 0.12, 0.08, 0.04, 0.03])
    return np.array([forms[p].format(d=d, D=d.upper()) for p, d in zip(pick, domains, strict=True)], dtype=object)


def _plant_shared_domains(
    config: GeneratorConfig,
    rng: np.random.Generator,
    n_bus: int,
    chunk: np.ndarray,
    in_crm: np.ndarray,
    parent: np.ndarray,
    names: list[str],
    domains: list[str],
    country: np.ndarray,
) -> None:
    """Make a few pairs of accounts share one website domain (a subsidiary and its parent): the tie case."""
    n_chunks = int(chunk[:n_bus].max()) + 1
    for c in range(n_chunks):
        members = np.flatnonzero(chunk[:n_bus] == c)
        if len(members) < 6:
            continue
        k = max(config.min_anomalies if c == 0 else 0, int(rng.binomial(len(members) // 2, 0.02)))
        starts = rng.choice(len(members) // 2, size=min(k, len(members) // 2), replace=False) * 2
        for s in starts:
            p, child = int(members[s]), int(members[s + 1])
            in_crm[p] = in_crm[child] = True
            parent[child] = p
            domains[child] = domains[p]
            region = ("EMEA", "APAC", "Holdings", "International")[int(rng.integers(0, 4))]
            base = names[p].split(" Inc")[0].split(" LLC")[0]
            names[child] = f"{base} {region}"
            country[child] = int(rng.integers(0, len(vocab.COUNTRIES)))
