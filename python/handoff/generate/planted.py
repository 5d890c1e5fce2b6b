"""The planted truth: what really drives pipeline in the synthetic company, written down once.

Calibration, backtests and the definition review are only testable if the data has a known answer. These are the
effects the generator plants; every probability the behaviour and CRM modules use for "does this become pipeline"
is computed by the functions below, so the documentation and the data cannot drift apart.

The world
---------
* Each business account has a static **firmographic fit** in [0, 1]:
  ``fit = 0.45 * industry_icp + 0.30 * size_fit + 0.25 * icp_geography`` where industry_icp is 1 for Software,
  Financial Services, Healthcare Technology, 0.5 for Internet, Insurance, Telecommunications, else 0; size_fit is 1
  for 201-5000 employees, 0.5 for 51-200 and 5001+, else 0; icp_geography is 1 for US, CA, GB, DE, NL, IE, AU.
* Accounts go **in market** in buying episodes (Poisson, ``0.35 + 0.75 * fit`` episodes per two years; 3 weeks to
  5 months each; a latent intensity ~ lognormal(0, 0.45)). Existing customers do too (their opportunities are
  expansions); partners, competitors and universities never do.
* In an episode a **buying committee** (typically 2-4 people, more at big accounts) becomes active, chosen by
  function (Data/Analytics 1.0, Engineering/IT 0.8, Operations 0.7, Marketing 0.5, Sales 0.3, Finance 0.25,
  HR 0.05) and seniority (Director and VP 1.0, Manager 0.8, C-level 0.75, IC 0.45, intern/student 0.05).
* Active people produce the **in-market signals**: sessions on pricing, demo, docs, integrations, case-study,
  security and comparison pages (≈ 1.3 sessions/week x intensity), pricing-calculator and trial tracks, demo-request
  and contact-sales forms, webinar registrations (and attendance), content downloads.

What converts (the answer calibration should recover)
------------------------------------------------------
Opportunity creation per episode, with every signal as realised in the data (``OPP_COEF``)::

    logit P(opportunity) = -7.8 + 4.5 * fit + 1.6 * demo_or_contact_sales_form + 0.45 * ln(1 + pricing_pages)
                           + 0.5 * (active_people - 1) + 0.6 * attended_webinar + 0.5 * trial_started
                           + 1.0 * champion  (best active person's seniority x function weight, 0..1)

Closed-won given an opportunity (``WIN_COEF``)::

    logit P(won) = -4.7 + 2.6 * fit + 1.1 * champion + 0.3 * (active_people - 1) + 0.4 * demo_or_contact_sales_form

Outbound opportunities (no marketing signal at all) add noise: ``0.04 * fit`` per account over the window.

What must carry **no** predictive power
----------------------------------------
* **Email opens and clicks**: every mailed person opens at a personal rate drawn independently of fit and market
  state; Apple Mail Privacy Protection opens everything; scanners open and click everything. Zero effect.
* **Blog reads, home and about pages**: background browsing at a personal rate independent of fit and episodes;
  active buyers keep exactly the same background rate. Zero effect.
* **Newsletter signups**: very little (subscribers are 1.15x as likely to be picked into a buying committee).
* **Third-party intent surges**: in market, an account shows up on each of our four core topics in ≈ 30 % of
  covered weeks with high scores; otherwise in 5 % (22 % for "always researching" accounts) with middling
  scores, so most surging account-weeks never buy. A tie-breaker at best.
* **Careers pages**: job seekers only. **Docs** are also read by existing customers' engineers (not new pipeline).

The first chunk (all of the tiny preset) is topped up to at least 8 opportunities, 3 won and 3 lost, by
converting its most likely episodes by this same model (see `behaviour._guarantee_pipeline`).

Drift (off unless the config asks for it)
----------------------------------------
``GeneratorConfig.drift_from`` starts two changes the quarterly review must notice: ``drift_bot_factor`` (e.g. 2)
puts mail scanners in front of that many times as many domains for every send from that day (bot traffic
doubles), and ``drift_dead_signal`` (a key of ``OPP_COEF``, e.g. ``hand_raise``) stops converting: its term is
dropped from the opportunity model for episodes whose hand-raise (for ``hand_raise``) or start (other signals)
falls on or after that day. The signal itself keeps happening as often as before.

Traps that look like intent but are not
---------------------------------------
Competitors browse pricing, docs and comparison pages steadily and sometimes request demos; students read docs
and download content; both never buy. Low-fit accounts have episodes with the same signal volume as ICP accounts
but convert at a fraction of the rate (fit is a gate, not a bonus).
"""

from __future__ import annotations

import numpy as np

FUNCTION_RELEVANCE: tuple[float, ...] = (0.5, 0.3, 0.8, 1.0, 0.25, 0.7, 0.05)  # order of vocab.FUNCTIONS
SENIORITY_RELEVANCE: tuple[float, ...] = (0.05, 0.45, 0.8, 1.0, 1.0, 0.75)  # order of vocab.SENIORITIES
NEWSLETTER_COMMITTEE_LIFT = 1.15

EPISODE_RATE_BASE = 0.35
EPISODE_RATE_FIT = 0.75
EPISODE_SESSIONS_PER_WEEK = 1.3
OUTBOUND_OPP_RATE = 0.04

OPP_COEF: dict[str, float] = {
    "intercept": -7.8,
    "fit": 4.5,
    "hand_raise": 1.6,
    "log_pricing_pages": 0.45,
    "extra_active_people": 0.5,
    "webinar_attended": 0.6,
    "trial_started": 0.5,
    "champion": 1.0,
}
DRIFTABLE_EFFECTS = frozenset(OPP_COEF) - {"intercept", "fit"}
WIN_COEF: dict[str, float] = {
    "intercept": -4.7,
    "fit": 2.6,
    "champion": 1.1,
    "extra_active_people": 0.3,
    "hand_raise": 0.4,
}


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def firmographic_fit(industry_icp: np.ndarray, employees: np.ndarray, icp_geo: np.ndarray) -> np.ndarray:
    """Account fit in [0, 1] from industry, size band and geography (see the module docstring)."""
    size = np.where(
        (employees >= 201) & (employees <= 5000), 1.0, np.where((employees >= 51) | (employees > 5000), 0.5, 0.0)
    )
    return 0.45 * industry_icp + 0.30 * size + 0.25 * icp_geo.astype(float)


def person_weight(seniority: np.ndarray, function: np.ndarray) -> np.ndarray:
    """How much a person matters to a purchase (0..1): seniority weight x function relevance."""
    return np.asarray(SENIORITY_RELEVANCE)[seniority] * np.asarray(FUNCTION_RELEVANCE)[function]


def episode_rate(fit: np.ndarray) -> np.ndarray:
    """Expected buying episodes per account over two years."""
    return EPISODE_RATE_BASE + EPISODE_RATE_FIT * fit


def opportunity_probability(
    fit: np.ndarray,
    hand_raise: np.ndarray,
    pricing_pages: np.ndarray,
    active_people: np.ndarray,
    webinar_attended: np.ndarray,
    trial_started: np.ndarray,
    champion: np.ndarray,
) -> np.ndarray:
    """P(an episode becomes an opportunity) from fit and the signals it actually produced."""
    c = OPP_COEF
    z = (
        c["intercept"]
        + c["fit"] * fit
        + c["hand_raise"] * hand_raise
        + c["log_pricing_pages"] * np.log1p(pricing_pages)
        + c["extra_active_people"] * np.maximum(active_people - 1, 0)
        + c["webinar_attended"] * webinar_attended
        + c["trial_started"] * trial_started
        + c["champion"] * champion
    )
    return sigmoid(z)


def win_probability(
    fit: np.ndarray, champion: np.ndarray, active_people: np.ndarray, hand_raise: np.ndarray
) -> np.ndarray:
    """P(closed won | opportunity)."""
    c = WIN_COEF
    z = (
        c["intercept"]
        + c["fit"] * fit
        + c["champion"] * champion
        + c["extra_active_people"] * np.maximum(active_people - 1, 0)
        + c["hand_raise"] * hand_raise
    )
    return sigmoid(z)


PLANTED_EFFECTS: dict[str, str] = {
    "fit": "firmographic fit (ICP industry, 201-5000 employees, ICP geography) raises opportunity log-odds by "
    "4.5 per unit and win log-odds by 2.6; episodes are also more frequent (0.35 + 0.75 * fit per 2 years)",
    "seniority_function": "the best active person's seniority x function weight (champion) adds 1.0 to "
    "opportunity and 1.1 to win log-odds; students, interns, competitors never convert",
    "hand_raise": "a demo-request or contact-sales form in the episode adds 1.6 to opportunity log-odds",
    "pricing_pages": "0.45 x ln(1 + pricing page views in the episode)",
    "buying_committee": "+0.5 opportunity log-odds per extra active person (multi-threaded accounts)",
    "webinar": "+0.6 when an active person attended a webinar in the episode",
    "trial": "+0.5 when an active person started a trial",
    "email_opens_clicks": "none: independent of fit and market state (plus MPP and scanner machine events)",
    "blog_reads": "none: background browsing at a personal rate unrelated to fit or episodes",
    "newsletter": "very little: subscribers are 1.15x as likely to join a buying committee",
    "intent_surges": "weak: surges ~30% of in-market covered weeks vs ~8% otherwise; most surges never buy",
}
