"""The synthetic company: realistic raw CRM and engagement data with a known, planted truth.

`generate(path, config)` writes the raw tables of docs/raw_data_contract.md into a DuckDB file (schemas
`salesforce`, `hubspot`, `segment`, `intent`; `marketo` instead of HubSpot's tables for a Marketo company, or
beside them for a company on both), with
the MQL dates the company's CRM records today on its leads and contacts (`handoff.generate.mql_dates`);
`append_day(path, config)` adds one more day of events (with late
arrivals and re-syncs) for the incremental benchmark; `load_samples(...)` loads the real connector samples instead.
Same seed and options give identical tables. What drives pipeline in this world is documented in
`handoff.generate.planted`; the defects planted for staging to catch are counted in the returned summary.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from handoff.generate.anomalies import RESYNC_TABLES, SOFT_DELETE_TABLES, Planter
from handoff.generate.behaviour import decide_outcomes, plan_actions, plan_episodes
from handoff.generate.clock import DAY, HOUR
from handoff.generate.config import PRESETS, GeneratorConfig
from handoff.generate.crm import CrmChunk
from handoff.generate.crm_tables import CrmTableWriter, global_tables
from handoff.generate.email import email_campaign_table, simulate_email
from handoff.generate.hubspot import contact_tables, form_table, plan_merges
from handoff.generate.intent import intent_table
from handoff.generate.marketo import MARKETO_TABLES, MIXED_HUBSPOT_SHARE, to_marketo
from handoff.generate.mql_dates import add_crm_mql_dates
from handoff.generate.planted import PLANTED_EFFECTS
from handoff.generate.samples import load_samples
from handoff.generate.vocab import (
    ACADEMIC_PATTERNS,
    COMPETITOR_DOMAINS,
    FREE_MAIL_DOMAINS,
    SCANNERS,
)
from handoff.generate.web import simulate_web
from handoff.generate.world import World, build_world, chunk_context, rng_for
from handoff.generate.writer import ENGAGEMENT_TABLES, TABLES, BackgroundWriter, RawWriter

__all__ = [
    "ACADEMIC_PATTERNS",
    "COMPETITOR_DOMAINS",
    "FREE_MAIL_DOMAINS",
    "MARKETO_TABLES",
    "PLANTED_EFFECTS",
    "PRESETS",
    "SCANNERS",
    "TABLES",
    "GenerationSummary",
    "GeneratorConfig",
    "append_day",
    "generate",
    "load_samples",
]


@dataclass(frozen=True)
class GenerationSummary:
    """What a generation (or an appended day) wrote: rows per table, planted anomalies, planted outcomes."""

    path: Path
    mode: str  # "full" or "append_day"
    seed: int
    preset: str
    start_date: date
    end_date: date  # exclusive; for append_day the appended day
    snapshot_at: datetime  # every load time in the file is before this
    rows: dict[str, int]
    engagement_events: int
    anomalies: dict[str, dict[str, int]]
    truth: dict[str, int] = field(default_factory=dict)
    elapsed_seconds: float = 0.0

    def __str__(self) -> str:
        anomalies = ", ".join(f"{kind} {sum(v.values())}" for kind, v in sorted(self.anomalies.items()))
        truth = ", ".join(f"{k} {v}" for k, v in self.truth.items())
        return (
            f"{self.mode}: {self.engagement_events:,} engagement events, {sum(self.rows.values()):,} rows in "
            f"{sum(1 for v in self.rows.values() if v)} tables ({self.start_date} to {self.end_date}, seed "
            f"{self.seed}, {self.elapsed_seconds:.1f} s)\n  anomalies: {anomalies}\n  planted: {truth}"
        )


def generate(
    path: Path | str, config: GeneratorConfig, on_chunk: Callable[[int, int], None] | None = None
) -> GenerationSummary:
    """Write the whole synthetic raw dataset to `path` (replacing it), chunk by chunk.

    `on_chunk(done, total)` is called after each chunk of companies (the CLI's progress bar).
    """
    started = time.perf_counter()
    world = build_world(config)
    writer = RawWriter(Path(path), create=True)
    background = BackgroundWriter(writer)
    anomalies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    truth: dict[str, int] = defaultdict(int)
    try:
        background.submit(
            {
                **global_tables(world),
                "hubspot.form": form_table(world),
                "hubspot.email_campaign": email_campaign_table(world.emails),
            }
        )
        for index in range(world.companies.n_chunks):
            tables, counts, facts = simulate_chunk(world, index)
            background.submit(tables)
            del tables
            for kind, per_table in counts.items():
                for table, n in per_table.items():
                    anomalies[kind][table] += n
            for k, v in facts.items():
                truth[k] += v
            if on_chunk:
                on_chunk(index + 1, world.companies.n_chunks)
    finally:
        background.finish()
        writer.close()
    rows = dict(writer.rows)
    add_crm_mql_dates(path, config.seed)
    if config.engagement_source == "marketo":
        rows.update(to_marketo(path, config.seed))
    elif config.engagement_source == "both":
        rows.update(to_marketo(path, config.seed, hubspot_share=MIXED_HUBSPOT_SHARE))
    return GenerationSummary(
        path=Path(path),
        mode="full",
        seed=config.seed,
        preset=config.preset,
        start_date=config.start_date,
        end_date=config.end_date,
        snapshot_at=datetime(config.end_date.year, config.end_date.month, config.end_date.day),
        rows=rows,
        engagement_events=sum(rows[t] for t in ENGAGEMENT_TABLES),
        anomalies={k: dict(v) for k, v in anomalies.items()},
        truth=dict(truth),
        elapsed_seconds=time.perf_counter() - started,
    )


def simulate_chunk(world: World, index: int) -> tuple[dict[str, pa.Table], dict[str, dict[str, int]], dict[str, int]]:
    """One chunk of accounts and people: behaviour, email, web, CRM, HubSpot, intent, then planted defects."""
    config, clock = world.config, world.clock
    ctx = chunk_context(world, index)
    ppl = world.people
    minimum = config.min_anomalies if index == 0 else 0
    ep = plan_episodes(ctx)
    actions = plan_actions(ctx, ep)
    n = len(ctx.persons)
    created = clock.t0 + ppl.created_day[ctx.persons].astype(np.int64) * DAY + 14 * HOUR
    first_action = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_action, actions.local, actions.time)
    last_action = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last_action, actions.local, actions.time)
    hub_created = np.minimum(created, first_action - 2 * 60_000_000)
    in_hubspot = ppl.in_hubspot[ctx.persons] | (first_action < clock.snapshot)
    merges = plan_merges(ctx, actions, config.merge_rate, minimum)
    # marketing email goes to the natural list members from their natural join date; a form fill creates a contact
    # but no marketing consent, so email volume (and opens) cannot depend on intent
    mail = simulate_email(ctx, created, ppl.in_hubspot[ctx.persons], config.late_rate)
    web = simulate_web(ctx, ep, actions, merges.action_contact, merges.action_email, mail, config.late_rate)
    decide_outcomes(ctx, ep)
    crm = CrmChunk(ctx, ep, actions, hub_created, mail.unsubscribed_at)
    crm.run()
    crm_result = CrmTableWriter(crm).write(config.delete_rate, config.merge_rate, minimum)
    hub, hub_deleted = contact_tables(ctx, in_hubspot, hub_created, last_action, merges, config.delete_rate, minimum)
    tables: dict[str, pa.Table] = {**mail.tables, **web.tables, **crm_result.tables, **hub}
    tables["intent.topic_scores"] = intent_table(ctx, ep)

    planter = Planter(config, rng_for(config, "chunk", index, 1), clock.snapshot, index == 0)
    for name in ("salesforce.lead", "salesforce.contact", "salesforce.account"):
        merged = int(pc.sum(pc.is_valid(tables[name]["master_record_id"])).as_py() or 0)
        planter.count("merged_record", name, merged)
    planter.count("merged_record", "hubspot.contact", len(merges.local))
    planter.count("soft_deleted", "salesforce.lead", crm_result.deleted_leads)
    planter.count("soft_deleted", "hubspot.contact", hub_deleted)
    planter.count("late_arriving", "hubspot.email_event", mail.late)
    for name, k in web.late.items():
        planter.count("late_arriving", name, k)
    _plant(planter, tables)

    facts = {
        "episodes": len(ep),
        "episodes_with_hand_raise": int(ep.hand_raise.sum()),
        "opportunities": crm_result.opportunities,
        "won": crm_result.won,
        "lost": crm_result.lost,
        "meetings": crm_result.meetings,
        "handoffs": crm_result.handoffs,
        "handoffs_touched": crm_result.touched,
    }
    return tables, {k: dict(v) for k, v in planter.counts.items()}, facts


def _plant(planter: Planter, t: dict[str, pa.Table]) -> None:
    """Apply every planted defect in a fixed order (malformed first, then deletes, then re-syncs)."""
    lead = t["salesforce.lead"]
    open_lead = pc.and_(pc.invert(lead["is_converted"]), pc.invert(lead["is_deleted"])).to_numpy(zero_copy_only=False)
    lead = planter.malformed_email("salesforce.lead", lead, "email", eligible=open_lead)
    lead = planter.future_timestamp("salesforce.lead", lead, "created_date", key=None, eligible=open_lead)
    lead, t["salesforce.lead_history"] = planter.unknown_lead_status(lead, t["salesforce.lead_history"])
    t["salesforce.lead"] = planter.missing_id("salesforce.lead", lead)
    t["salesforce.opportunity"], t["salesforce.opportunity_history"] = planter.negative_amount(
        t["salesforce.opportunity"], t["salesforce.opportunity_history"]
    )
    t["hubspot.contact"] = planter.malformed_email("hubspot.contact", t["hubspot.contact"], "property_email")
    ev = t["hubspot.email_event"]
    ev = planter.malformed_email("hubspot.email_event", ev, "recipient", inject=True)
    ev = planter.future_timestamp("hubspot.email_event", ev, "created")
    ev = planter.unknown_email_type(ev)
    t["hubspot.email_event"] = planter.missing_id("hubspot.email_event", ev)
    pages = planter.future_timestamp("segment.pages", t["segment.pages"], "timestamp")
    t["segment.pages"] = planter.missing_id("segment.pages", pages)
    t["segment.tracks"] = planter.missing_id("segment.tracks", t["segment.tracks"])
    t["segment.identifies"] = planter.malformed_email("segment.identifies", t["segment.identifies"], "email")
    t["hubspot.contact_form_submission"] = planter.missing_id(
        "hubspot.contact_form_submission", t["hubspot.contact_form_submission"], key="conversion_id"
    )
    for name in SOFT_DELETE_TABLES:
        t[name] = planter.soft_delete(name, t[name])
    for name in RESYNC_TABLES:
        t[name] = planter.resync(name, t[name])


def append_day(path: Path | str, config: GeneratorConfig) -> GenerationSummary:
    """Append one more day to an existing raw file (see `handoff.generate.daily`).

    A company on both tools gets the day's email and forms through HubSpot; its Marketo tables stay as they are.
    """
    if config.engagement_source == "marketo":
        raise ValueError("append_day writes HubSpot events: it does not support a Marketo company yet")
    from handoff.generate.daily import append_one_day

    return append_one_day(Path(path), config)
