"""Third-party intent: weekly topic surge scores per account domain, in the shape Bombora or 6sense export.

Deliberately weak: in-market accounts appear and surge on our topics more often, but a provider also reports
plenty of surges from accounts that never buy (and covers only part of the market), so intent can break ties and
nothing more.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from handoff.generate import vocab
from handoff.generate.behaviour import Episodes
from handoff.generate.clock import DAY, HOUR
from handoff.generate.ids import stable_unit, take_strings
from handoff.generate.world import ChunkContext
from handoff.generate.writer import make_table

COVERAGE = 0.65
RELEVANT_TOPICS = 4  # the first topics of vocab.INTENT_TOPICS are the ones our buyers research


def intent_table(ctx: ChunkContext, ep: Episodes) -> pa.Table:
    """Weekly (domain, topic) scores for the chunk's covered accounts."""
    world, rng = ctx.world, ctx.rng
    cos, clock = world.companies, world.clock
    comps = ctx.companies
    covered = np.array(
        [stable_unit(world.config.seed, str(cos.domain[c]), "intent") < COVERAGE for c in comps], dtype=bool
    )
    comps = comps[covered]
    first_monday = (7 - clock.start.weekday()) % 7
    week_day = np.arange(first_monday, clock.days, 7)
    n_c, n_w, n_t = len(comps), len(week_day), len(vocab.INTENT_TOPICS)
    in_market = np.zeros((n_c, n_w), dtype=bool)
    row_of = {int(c): k for k, c in enumerate(comps)}
    for i in range(len(ep)):
        k = row_of.get(int(ep.company[i]))
        if k is not None:
            in_market[k] |= (week_day + 6 >= ep.start[i]) & (week_day <= ep.end[i])
    noisy = rng.random(n_c) < 0.2  # publishers, agencies, giant companies: always "researching"
    base_p = np.where(noisy, 0.22, 0.05)[:, None, None]
    relevant = (np.arange(n_t) < RELEVANT_TOPICS)[None, None, :]
    p = np.where(in_market[:, :, None] & relevant, 0.30, base_p)
    present = rng.random((n_c, n_w, n_t)) < p
    c_i, w_i, t_i = np.nonzero(present)
    hot = in_market[c_i, w_i] & (t_i < RELEVANT_TOPICS)
    score = np.where(
        hot, 55 + 45 * rng.beta(2.2, 1.6, size=len(c_i)), 20 + 75 * rng.beta(1.8, 2.4, size=len(c_i))
    ).astype(np.int64)
    loaded = clock.t0 + (week_day[w_i] + 8) * DAY + rng.integers(0, 36 * HOUR, size=len(c_i))
    keep = loaded < clock.snapshot
    c_i, w_i, t_i, score, loaded = c_i[keep], w_i[keep], t_i[keep], score[keep], loaded[keep]
    provider = (
        np.array([stable_unit(world.config.seed, str(cos.domain[c]), "provider") for c in comps]) < 0.25
    ).astype(np.int64)
    n = len(c_i)
    return make_table(
        "intent.topic_scores",
        {
            "domain": take_strings(cos.domain, comps[c_i]),
            "topic": take_strings(vocab.INTENT_TOPICS, t_i),
            "week_start_date": clock.epoch_day0 + week_day[w_i],
            "score": np.clip(score, 0, 100),
            "provider": take_strings(vocab.INTENT_PROVIDERS, provider[c_i]),
            "_loaded_at": loaded,
        },
        n,
    )
