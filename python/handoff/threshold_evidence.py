"""What each candidate MQL threshold gives on measured data: the one input of the threshold policy.

Calibrate and the backtest both report a health-band and a capacity threshold for a proposed version. They used to
measure on different data (calibrate on its training cohorts, the backtest on the proposal re-scored through dbt)
and could name different thresholds for one proposal. Now the measurement is a value of its own: calibrate measures
it when it proposes a version and records it beside the definition seeds, keyed by the version's points; the
backtest reads the recorded evidence of a version whose points have not changed since, and measures its scenario's
score history only for a version nobody calibrated (or whose points were edited). One proposal, one measurement,
one answer from `thresholds.threshold_policy`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from handoff.definitions import FIT_EXCLUSIONS, FIT_RULES, INTENT_RULES, DefinitionSet

EVIDENCE_LOG = "threshold_evidence.jsonl"
# The version settings that change who is scored at a threshold (the threshold itself does not: the evidence is a
# sweep over candidates).
_SCORING_SETTINGS = ("fit_gate", "intent_rule_set_version")


@dataclass(frozen=True)
class ThresholdOption:
    """What one threshold gives."""

    threshold: int
    mqls: int
    per_week: float
    sqls: int

    @property
    def sql_rate(self) -> float:
        """Expected MQL->SQL rate."""
        return self.sqls / self.mqls if self.mqls else float("nan")


@dataclass(frozen=True)
class ThresholdEvidence:
    """Per candidate threshold: the MQLs it makes and the SQLs among them, over `weeks` of measured data."""

    options: tuple[ThresholdOption, ...]
    weeks: float
    source: str

    def to_json(self, version: int, key: str) -> str:
        """One line of the evidence log."""
        counts = [[o.threshold, o.mqls, o.sqls] for o in self.options]
        record = {"definition_version": version, "scoring_key": key, "weeks": self.weeks, "source": self.source}
        return json.dumps({**record, "candidates": counts}, sort_keys=True)

    @classmethod
    def from_record(cls, record: dict[str, object]) -> ThresholdEvidence:
        """The evidence of one log line."""
        weeks = float(record["weeks"])  # type: ignore[arg-type]
        counts = record["candidates"]
        assert isinstance(counts, list)
        return cls(
            tuple(ThresholdOption(int(t), int(n), n / weeks, int(k)) for t, n, k in counts),
            weeks,
            str(record["source"]),
        )


def measure_candidates(
    units: pd.DataFrame, weeks: float, candidates: Sequence[int] | None = None, source: str = ""
) -> ThresholdEvidence:
    """Count MQLs and SQLs per candidate threshold.

    `units` has one row per (threshold, unit that would be an MQL at it) with a 0/1 `sql` column (a score history,
    as the backtest measures it), or one row per unit with its `score` (a unit is an MQL at every threshold up to
    its score, as calibrate's cohorts are).
    """
    if weeks <= 0:
        raise ValueError("the period must cover at least one day")
    if "threshold" in units.columns:
        grouped = units.groupby("threshold")["sql"].agg(["size", "sum"])
        chosen = sorted(set(candidates or grouped.index.tolist()))
        counts = {
            t: (int(grouped.loc[t, "size"]), int(grouped.loc[t, "sum"])) if t in grouped.index else (0, 0)
            for t in chosen
        }
    else:
        counts = {}
        for t in sorted(set(candidates or [])):
            at = units[units["score"] >= t]
            counts[t] = (len(at), int(at["sql"].sum()))
    options = tuple(ThresholdOption(int(t), n, n / weeks, k) for t, (n, k) in counts.items())
    return ThresholdEvidence(options, float(weeks), source)


def scoring_key(defs: DefinitionSet, version: int) -> str:
    """A digest of what decides a version's scores (fit gate, rules and their points): evidence follows it."""
    row = defs.version(version)
    rules = {table: sorted(_without_version(r) for r in defs.rules(table, version)) for table in _RULE_TABLES}
    settings = {name: row.get(name, "") for name in _SCORING_SETTINGS}
    text = json.dumps({"settings": settings, "rules": rules}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_RULE_TABLES = (FIT_RULES, FIT_EXCLUSIONS, INTENT_RULES)


def _without_version(row: dict[str, str]) -> str:
    return json.dumps({k: v for k, v in row.items() if k != "definition_version"}, sort_keys=True)


def record_evidence(defs: DefinitionSet, version: int, evidence: ThresholdEvidence) -> Path:
    """Append a version's evidence to the log beside the definition seeds (dbt reads only the CSV files there)."""
    path = Path(defs.directory) / EVIDENCE_LOG
    with path.open("a", encoding="utf-8") as log:
        log.write(evidence.to_json(version, scoring_key(defs, version)) + "\n")
    return path


def recorded_evidence(defs: DefinitionSet, version: int) -> ThresholdEvidence | None:
    """The last evidence recorded for the version with its current points, or None (never calibrated, or edited)."""
    path = Path(defs.directory) / EVIDENCE_LOG
    if not path.is_file():
        return None
    key = scoring_key(defs, version)
    found = None
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if record.get("definition_version") == version and record.get("scoring_key") == key:
            found = ThresholdEvidence.from_record(record)
    return found
