"""Choosing the MQL threshold: where MQL->SQL sits in its health band, and where volume fits sales capacity.

Two readings of the same candidate thresholds, shown side by side with the weekly volume each gives:

* the **health-band threshold**: the lowest threshold whose expected MQL->SQL rate lies inside the band (below
  20 % the definition is too_permissive, above 50 % too_strict; the band and its labels are the
  mql_sql_health_band seed, which the dbt marts read too);
* the **capacity threshold**: the lowest threshold whose weekly MQL volume the sales team can work
  (reps x MQLs a rep can work per week, project vars).

When the two disagree, that is the finding: either sales is under-staffed for a healthy definition, or the
definition would have to be loosened beyond health to keep sales busy.

What each candidate gives is measured once (`handoff.threshold_evidence`): calibrate on its cohorts, the backtest
on a scenario's score history when no calibration recorded the version's evidence. The candidates are read from a
score history (`fct_person_daily_scores` of a built warehouse: the published one
for the definition in force, a backtest's scratch build for a proposal): for each threshold, each person-episode's
first day at or above it with fit at the gate, and whether sales accepted the person within the horizon. That is an
estimate for choosing; `handoff backtest` gives a threshold's exact MQLs through dbt.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from handoff.outcomes import outcomes_sql
from handoff.project import ProjectPaths
from handoff.threshold_evidence import ThresholdEvidence, ThresholdOption, measure_candidates

REPS_VAR, PER_REP_VAR = "handoff__sales_reps", "handoff__mqls_per_rep_per_week"
DEFAULTS = {REPS_VAR: 4, PER_REP_VAR: 10}
BAND_SEED = ("seeds", "reference", "mql_sql_health_band.csv")


@dataclass(frozen=True)
class HealthBand:
    """The MQL->SQL rates that mean the definition is healthy, and the labels of each side.

    The one source is the mql_sql_health_band seed (`from_project`); the marts label their rates from the same
    file (handoff.mql_sql_health_band), so Python and SQL cannot disagree on a verdict or its spelling.
    """

    low: float
    high: float
    below_label: str = "too_permissive"
    within_label: str = "healthy"
    above_label: str = "too_strict"

    @classmethod
    def from_project(cls, paths: ProjectPaths) -> HealthBand:
        """The band of the project's mql_sql_health_band seed (exactly one row)."""
        path = paths.project_dir.joinpath(*BAND_SEED)
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if len(rows) != 1:
            raise ValueError(f"{path} must have exactly one row (it has {len(rows)})")
        row = rows[0]
        band = cls(
            float(row["band_low"]),
            float(row["band_high"]),
            row["below_label"].strip(),
            row["within_label"].strip(),
            row["above_label"].strip(),
        )
        if not 0 <= band.low < band.high <= 1:
            raise ValueError(f"{path}: the band must satisfy 0 <= band_low < band_high <= 1 ({band.low}, {band.high})")
        return band

    def verdict(self, rate: float) -> str:
        """The rate's label: below_label, within_label or above_label (ends inside), as the marts label it."""
        if rate != rate:  # nan
            return "unknown"
        if rate < self.low:
            return self.below_label
        if rate > self.high:
            return self.above_label
        return self.within_label


@dataclass(frozen=True)
class Capacity:
    """How many MQLs sales can work in a week."""

    reps: int = 4
    mqls_per_rep_per_week: float = 10.0

    @property
    def per_week(self) -> float:
        """Reps x MQLs a rep can work per week."""
        return self.reps * self.mqls_per_rep_per_week


def project_vars(paths: ProjectPaths) -> dict[str, float]:
    """The capacity vars: dbt_project.yml, then the settings file and `--vars` (handoff.settings)."""
    from handoff.settings import load_settings

    config = yaml.safe_load((paths.project_dir / "dbt_project.yml").read_text(encoding="utf-8")) or {}
    found = {**(config.get("vars") or {}), **load_settings().vars}  # the company's settings file and --vars win
    return {name: float(found.get(name, default)) for name, default in DEFAULTS.items()}


def settings(
    paths: ProjectPaths, *, reps: int | None = None, per_rep: float | None = None
) -> tuple[HealthBand, Capacity]:
    """The health band (the mql_sql_health_band seed) and the sales capacity (project vars, or the command line)."""
    values = project_vars(paths)
    band = HealthBand.from_project(paths)
    capacity = Capacity(
        int(reps if reps is not None else values[REPS_VAR]),
        float(per_rep if per_rep is not None else values[PER_REP_VAR]),
    )
    if capacity.per_week <= 0:
        raise ValueError("sales capacity must be positive (reps and MQLs per rep per week)")
    return band, capacity


@dataclass
class ThresholdChoice:
    """Every candidate and the two thresholds chosen from them."""

    options: list[ThresholdOption]
    band: HealthBand
    capacity: Capacity
    band_option: ThresholdOption | None
    band_note: str
    capacity_option: ThresholdOption | None
    capacity_note: str
    source: str = ""  # what the candidates were measured on (ThresholdEvidence.source)

    def table(self) -> pd.DataFrame:
        """Candidates as a table (threshold, MQLs, per week, SQLs, rate, verdict)."""
        return pd.DataFrame(
            [
                {
                    "threshold": o.threshold,
                    "mqls": o.mqls,
                    "mqls_per_week": round(o.per_week, 1),
                    "sqls": o.sqls,
                    "mql_to_sql": o.sql_rate,
                    "band": self.band.verdict(o.sql_rate),
                    "fits_capacity": o.per_week <= self.capacity.per_week,
                }
                for o in self.options
            ]
        )

    @property
    def recommended(self) -> ThresholdOption | None:
        """The threshold to propose, or None when no candidate reaches the band.

        Healthy and within sales capacity when one candidate is both, else the health-band threshold.
        """
        if self.band_option is None or self.band_note:
            return None
        workable = self.capacity_option
        if (
            workable
            and workable.mqls
            and workable.threshold > self.band_option.threshold
            and self.band.verdict(workable.sql_rate) == self.band.within_label
        ):
            return workable
        return self.band_option

    def summary_lines(self) -> list[str]:
        """Two lines, side by side in spirit: health band and capacity."""
        lines = []
        if self.band_option:
            o = self.band_option
            lines.append(
                f"health band ({self.band.low:.0%}-{self.band.high:.0%}): threshold {o.threshold} -> "
                f"{o.per_week:.1f} MQLs/week at {o.sql_rate:.0%} MQL->SQL{self.band_note}"
            )
        else:
            lines.append(f"health band: {self.band_note}")
        if self.capacity_option:
            o = self.capacity_option
            lines.append(
                f"sales capacity ({self.capacity.reps} reps x {self.capacity.mqls_per_rep_per_week:g}/week = "
                f"{self.capacity.per_week:g}): threshold {o.threshold} -> {o.per_week:.1f} MQLs/week at "
                f"{o.sql_rate:.0%} MQL->SQL{self.capacity_note}"
            )
        else:
            lines.append(f"sales capacity: {self.capacity_note}")
        if self.source:
            lines.append(f"candidates measured on {self.source}")
        return lines


def choose_thresholds(
    units: pd.DataFrame, weeks: float, band: HealthBand, capacity: Capacity, thresholds: Sequence[int] | None = None
) -> ThresholdChoice:
    """Pick the health-band and capacity thresholds from candidate units (see measure_candidates for their shape)."""
    return _choose(list(measure_candidates(units, weeks, thresholds).options), band, capacity)


def _choose(options: list[ThresholdOption], band: HealthBand, capacity: Capacity) -> ThresholdChoice:
    healthy = [o for o in options if o.mqls and band.low <= o.sql_rate <= band.high]
    if healthy:
        band_option, band_note = min(healthy, key=lambda o: o.threshold), ""
    else:
        rated = [o for o in options if o.mqls]
        band_option = min(rated, key=lambda o: _distance(o.sql_rate, band), default=None)
        band_note = (
            f" (no candidate reaches the band; closest: {band.verdict(band_option.sql_rate)})"
            if band_option
            else "no candidate threshold produces any MQL"
        )
    fitting = [o for o in options if o.per_week <= capacity.per_week]
    if fitting:
        capacity_option, capacity_note = min(fitting, key=lambda o: o.threshold), ""
        if capacity_option.mqls == 0:
            capacity_note = " (no MQLs at all: capacity is not the constraint)"
    else:
        capacity_option = max(options, key=lambda o: o.threshold, default=None)
        capacity_note = " (even the highest candidate exceeds capacity)" if capacity_option else "no candidates"
    return ThresholdChoice(options, band, capacity, band_option, band_note, capacity_option, capacity_note)


def _distance(rate: float, band: HealthBand) -> float:
    if rate != rate:
        return float("inf")
    return band.low - rate if rate < band.low else max(0.0, rate - band.high)


def threshold_policy(
    paths: ProjectPaths, evidence: ThresholdEvidence, *, reps: int | None = None, per_rep: float | None = None
) -> ThresholdChoice:
    """The one way Handoff picks thresholds, for calibrate and backtest alike.

    The band is the mql_sql_health_band seed, capacity the project vars (or the command line), the candidates and
    what each gives are the measured `evidence`: the same evidence gives the same health-band, capacity and
    recommended thresholds, whichever command asks.
    """
    band, capacity = settings(paths, reps=reps, per_rep=per_rep)
    choice = _choose(list(evidence.options), band, capacity)
    choice.source = evidence.source
    return choice


def candidate_grid(scores: pd.Series | Sequence[float]) -> list[int]:
    """Candidate thresholds over positive scores: 20 steps up to their 99th percentile (at least 1 apart)."""
    positive = pd.Series(scores, dtype=float)
    positive = positive[positive > 0]
    if positive.empty:
        return [1]
    top = max(1, int(positive.quantile(0.99)))
    step = max(1, top // 20)
    return list(range(step, top + step, step))


def default_candidates(current: int) -> list[int]:
    """Thresholds around the one in force: from a third of it to twice it, in steps of 5."""
    low = max(5, (current // 3) // 5 * 5)
    return list(range(low, max(current * 2, low + 50) + 1, 5))


def score_history_units(
    warehouse: Path, start: date, end: date, thresholds: Sequence[int], horizon_days: int = 30
) -> pd.DataFrame:
    """For each threshold, the person-episodes whose first day at or above it (fit at the gate) falls in [start, end].

    Read from fct_person_daily_scores, one row per (threshold, person, episode) with `anchor_date`, the intent score
    that day (`anchor_intent`), and `sql`: sales accepted the person (or an opportunity opened) within
    `horizon_days` of that day; plus the other outcomes of handoff.outcomes.
    """
    if not thresholds:
        raise ValueError("give at least one candidate threshold")
    values = ", ".join(f"({int(t)})" for t in sorted(set(thresholds)))
    anchors = f"""
        with firsts as (
            select candidates.threshold, scores.person_id, scores.episode_number, min(scores.score_date) as anchor_date
            from marts.fct_person_daily_scores as scores
            cross join (values {values}) as candidates(threshold)
            where scores.meets_fit_gate and scores.intent_score >= candidates.threshold
            group by candidates.threshold, scores.person_id, scores.episode_number
        )
        select firsts.*, cast(scores.intent_score as double) as anchor_intent
        from firsts
        inner join marts.fct_person_daily_scores as scores
            on firsts.person_id = scores.person_id and firsts.anchor_date = scores.score_date
        where firsts.anchor_date between date '{start}' and date '{end}'
    """
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        frame = con.execute(outcomes_sql(con, anchors, horizon_days)).df()
    finally:
        con.close()
    frame["sql"] = frame["reached_sql"].astype(int)
    return frame
