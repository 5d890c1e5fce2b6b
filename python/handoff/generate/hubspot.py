"""HubSpot's marketing database: contacts, contact merges and the form catalogue.

A few people fill a form with a second (personal) address; HubSpot creates a second contact, and later someone
merges the two: the loser is deleted, the survivor lists it in `property_hs_merged_object_ids`, and
`contact_merge_audit` records the merge. The form submission made under the loser's id stays as it was, which is
exactly what identity resolution downstream has to handle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from handoff.generate import vocab
from handoff.generate.anomalies import anomaly_count
from handoff.generate.behaviour import Actions
from handoff.generate.clock import DAY, HOUR, MINUTE, SECOND
from handoff.generate.people import HUBSPOT_ID_BASE, SEG_PERSONAL
from handoff.generate.world import ChunkContext, FormCatalogue, World
from handoff.generate.writer import make_table


@dataclass
class Merges:
    """HubSpot duplicates to be merged, and the contact id / email each form submission was made under."""

    local: np.ndarray  # local person of each merged pair
    loser_id: np.ndarray
    loser_email: np.ndarray  # object
    loser_created: np.ndarray
    merged_at: np.ndarray
    action_contact: np.ndarray  # per action: HubSpot contact id it was submitted as
    action_email: np.ndarray  # per action: the address typed into the form


def hubspot_id(glob: np.ndarray) -> np.ndarray:
    """The HubSpot contact id (vid) of global persons."""
    return HUBSPOT_ID_BASE + np.asarray(glob, dtype=np.int64) * 3


def plan_merges(ctx: ChunkContext, actions: Actions, merge_rate: float, minimum: int) -> Merges:
    """Pick people whose first form fill used a second address, later merged into their main contact."""
    world, rng = ctx.world, ctx.rng
    ppl, clock = world.people, world.clock
    action_contact = hubspot_id(actions.person)
    action_email = ppl.crm_email[actions.person].copy()
    first_j = {}
    for j in range(len(actions) - 1, -1, -1):
        first_j[int(actions.local[j])] = j
    candidates = np.array(sorted(first_j), dtype=np.int64)
    k = anomaly_count(rng, len(candidates), merge_rate, minimum)
    chosen = np.sort(rng.choice(candidates, size=k, replace=False)) if k else np.zeros(0, dtype=np.int64)
    loser_email = np.empty(len(chosen), dtype=object)
    loser_created = np.zeros(len(chosen), dtype=np.int64)
    merged_at = np.zeros(len(chosen), dtype=np.int64)
    for n, i in enumerate(chosen):
        g = int(ctx.persons[i])
        f = "".join(ch for ch in ppl.first_name[g].lower() if ch.isalpha())
        la = "".join(ch for ch in ppl.last_name[g].lower() if ch.isalpha())
        domain = "outlook.com" if ppl.segment[g] == SEG_PERSONAL else "gmail.com"
        loser_email[n] = f"{f}.{la}.{int(rng.integers(10, 99))}@{domain}"
        j = first_j[int(i)]
        loser_created[n] = actions.time[j]
        merged_at[n] = min(actions.time[j] + int(rng.uniform(1, 60) * DAY), clock.snapshot - 2 * HOUR)
        action_contact[j] = hubspot_id(np.array([g]))[0] + 1
        action_email[j] = loser_email[n]
    return Merges(
        local=chosen,
        loser_id=hubspot_id(ctx.persons[chosen]) + 1,
        loser_email=loser_email,
        loser_created=loser_created,
        merged_at=merged_at,
        action_contact=action_contact,
        action_email=action_email,
    )


def contact_tables(
    ctx: ChunkContext,
    in_hubspot: np.ndarray,
    hub_created: np.ndarray,
    last_activity: np.ndarray,
    merges: Merges,
    delete_rate: float,
    minimum: int,
) -> tuple[dict[str, pa.Table], int]:
    """hubspot.contact (survivors, merge losers, GDPR deletions) and hubspot.contact_merge_audit."""
    world, rng = ctx.world, ctx.rng
    ppl, cos, clock = world.people, world.companies, world.clock
    local = np.flatnonzero(in_hubspot & (hub_created < clock.snapshot))
    g = ctx.persons[local]
    n = len(local)
    company = ppl.company[g]
    names = np.where(company >= 0, cos.name[np.maximum(company, 0)], None)
    merged_ids = np.full(n, None, dtype=object)
    merge_pos = {int(i): k for k, i in enumerate(merges.local)}
    touched = np.maximum(hub_created[local], last_activity[local])
    for k, i in enumerate(local):
        if int(i) in merge_pos:
            m = merge_pos[int(i)]
            merged_ids[k] = str(merges.loser_id[m])
            touched[k] = max(touched[k], merges.merged_at[m])
    unmerged = np.array([m is None for m in merged_ids], dtype=bool)
    quiet = np.flatnonzero((last_activity[local] <= hub_created[local]) & unmerged)
    n_del = anomaly_count(rng, len(quiet), delete_rate, minimum)
    deleted = np.zeros(n, dtype=bool)
    if n_del:
        deleted[rng.choice(quiet, size=n_del, replace=False)] = True
    touched[deleted] += (rng.uniform(1, 120, size=int(deleted.sum())) * DAY).astype(np.int64)
    synced = np.minimum(touched + rng.integers(10 * MINUTE, 3 * HOUR, size=n), clock.snapshot - SECOND)
    survivors = make_table(
        "hubspot.contact",
        {
            "id": hubspot_id(g),
            "property_email": ppl.email[g],
            "property_firstname": ppl.first_name[g],
            "property_lastname": ppl.last_name[g],
            "property_jobtitle": ppl.title[g],
            "property_company": names,
            "property_createdate": hub_created[local],
            "property_hs_merged_object_ids": merged_ids,
            "_fivetran_deleted": deleted,
            "_fivetran_synced": synced,
        },
        n,
    )
    mg = ctx.persons[merges.local]
    m = len(mg)
    merged_synced = np.minimum(merges.merged_at + rng.integers(10 * MINUTE, 2 * HOUR, size=m), clock.snapshot - 1)
    losers = make_table(
        "hubspot.contact",
        {
            "id": merges.loser_id,
            "property_email": merges.loser_email,
            "property_firstname": ppl.first_name[mg],
            "property_lastname": ppl.last_name[mg],
            "property_jobtitle": ppl.title[mg],
            "property_company": np.full(m, None, dtype=object),
            "property_createdate": merges.loser_created,
            "property_hs_merged_object_ids": np.full(m, None, dtype=object),
            "_fivetran_deleted": np.ones(m, dtype=bool),
            "_fivetran_synced": merged_synced,
        },
        m,
    )
    audit = make_table(
        "hubspot.contact_merge_audit",
        {
            "canonical_vid": hubspot_id(mg),
            "vid_to_merge": merges.loser_id,
            "timestamp": merges.merged_at,
            "_fivetran_synced": merged_synced,
        },
        m,
    )
    return {
        "hubspot.contact": pa.concat_tables([survivors, losers]),
        "hubspot.contact_merge_audit": audit,
    }, int(deleted.sum())


def form_table(world: World) -> pa.Table:
    """The form catalogue, plus one retired form (deleted) as real portals have."""
    forms: FormCatalogue = world.forms
    clock = world.clock
    n = len(forms.names)
    created = clock.t0 + forms.created_day.astype(np.int64) * DAY + 10 * HOUR
    updated = created + 20 * DAY
    retired_created = clock.t0 - 800 * DAY
    return make_table(
        "hubspot.form",
        {
            "guid": np.append(forms.guids, "0b1d7c2e-5a3f-4c1e-9d2b-7f6a5e4d3c2b"),
            "name": np.array([*forms.names, "Contact Us (2023, retired)"], dtype=object),
            "form_type": np.array([*forms.form_types, "REGULAR"], dtype=object),
            "created_at": np.append(created, retired_created),
            "updated_at": np.append(updated, retired_created + 300 * DAY),
            "portal_id": np.full(n + 1, vocab.HUBSPOT_PORTAL_ID, dtype=np.int64),
            "_fivetran_deleted": np.append(np.zeros(n, dtype=bool), True),
            "_fivetran_synced": np.append(updated + HOUR, retired_created + 300 * DAY + HOUR),
        },
        n + 1,
    )
