"""The scorecard as a proposed definition version, in the seeds' own format, with a change note.

The version is `proposed`: no effective date, no signatures. It copies the version in force for everything
calibration does not learn (hard exclusions, Hot MQL and MQA parameters, recycle period, half-lives) and replaces
what it learns: fit rules, intent points, the fit gate and the MQL threshold. `handoff sign-off` makes it effective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from handoff.calibrate.dataset import CalibrationData, snake
from handoff.calibrate.model import FittedModel, Split
from handoff.calibrate.points import Evaluation, Scorecard
from handoff.definitions import (
    FIT_ATTRIBUTES,
    FIT_EXCLUSIONS,
    FIT_RULES,
    INTENT_RULES,
    PROPOSED,
    DefinitionSet,
    Row,
    seed_text,
)

DEFAULT_HALF_LIFE = 21
GATE_KEEPS = 0.90  # the fit gate keeps this share of the training conversions
MIN_LIFT = 3.0  # the MQL threshold: conversion at least this many times the base rate


@dataclass
class Proposal:
    """A proposed version's rows for the four definition seeds."""

    version: int
    version_row: dict[str, object]
    rules: dict[str, list[dict[str, object]]]
    based_on: int | None
    headers: dict[str, list[str]]
    problems: list[str] = field(default_factory=list)  # what keeps it out of the project's seeds
    carried_over: list[str] = field(default_factory=list)  # rules the rows could not measure, kept unchanged

    @property
    def change_note(self) -> str:
        """What changed and why."""
        return str(self.version_row["change_note"])

    def write_standalone(self, directory: Path) -> Path:
        """The version's rows as four CSVs with the seeds' headers (for review, or to paste elsewhere)."""
        directory.mkdir(parents=True, exist_ok=True)
        tables = {"definition_versions": [self.version_row], **self.rules}
        for name, rows in tables.items():
            numbered = [{**row, "definition_version": self.version} for row in rows]
            (directory / f"{name}.csv").write_text(seed_text(self.headers[name], numbered), encoding="utf-8")
        return directory


def choose_gates(
    model: FittedModel, scorecard: Scorecard, data: CalibrationData, split: Split, min_lift: float = MIN_LIFT
) -> tuple[int, int, int]:
    """Fit gate, MQL threshold and high-fit cut-off from the training rows.

    The gate keeps 90 % of the training conversions (and is at least 1, so a hard exclusion's fit of 0 never
    passes it); the threshold is the lowest intent at which the gated rows convert at `min_lift` times the base
    rate; high fit is the median fit of the converted rows above the gate.
    """
    frame = data.frame.loc[split.train]
    y = data.outcome[split.train]
    fit = scorecard.score(model, frame, role="fit")
    intent = scorecard.score(model, frame, role="intent")
    converted = fit[y == 1]
    gate = max(1, int(np.floor(np.quantile(converted, 1 - GATE_KEEPS)))) if len(converted) else 1
    gated = fit >= gate
    base = y.mean() if len(y) else 0.0
    threshold = None
    for t in range(1, int(intent.max(initial=1)) + 1):
        chosen = gated & (intent >= t)
        if chosen.sum() >= 20 and y[chosen].mean() >= min_lift * base:
            threshold = t
            break
    if threshold is None:
        threshold = max(1, int(np.quantile(intent[gated], 0.95))) if gated.any() else 1
    above = converted[converted >= gate]
    high = int(np.median(above)) if len(above) else gate
    return gate, threshold, max(high, gate)


def build_proposal(
    defs: DefinitionSet,
    model: FittedModel,
    scorecard: Scorecard,
    data: CalibrationData,
    split: Split,
    evaluation: Evaluation,
    *,
    based_on: int | None,
    known_signals: set[str],
    today: date,
    gates: tuple[int, int, int],
    threshold_reason: str = "",
) -> Proposal:
    """Rows of a new proposed version from the scorecard; `based_on` is the version in force it replaces.

    `gates` is (fit gate, MQL threshold, high-fit cut-off), from choose_gates or the health band.
    """
    number = defs.next_version()
    base = defs.version(based_on) if based_on else {}
    gate, threshold, high = gates
    current_fit = defs.rules(FIT_RULES, based_on) if based_on else []
    current_intent = defs.rules(INTENT_RULES, based_on) if based_on else []
    fit_rules = _fit_rules(scorecard, data, split, current_fit)
    intent_rules = _intent_rules(scorecard, current_intent, data.measured("intent"))
    # rules of attributes and signals these rows do not measure: carried over unchanged and flagged, never zeroed
    measured_fit = data.measured("fit")
    carried = [row for row in current_fit if row["person_attribute"] not in measured_fit]
    fit_rules += [
        {**{k: v for k, v in row.items() if k != "definition_version"}, "description": _carried(row["description"])}
        for row in carried
    ]
    carried_over = [f"fit rule {r['rule_id']} ({r['person_attribute']}, {r['points']} points)" for r in carried]
    carried_over += [
        f"intent rule {r['signal_type']} ({r['points']} points)"
        for r in intent_rules
        if str(r["description"]).startswith(CARRIED_OVER)
    ]
    exclusions = [dict(row) for row in defs.rules(FIT_EXCLUSIONS, based_on)] if based_on else []
    problems = []
    outside = sorted({str(r["person_attribute"]) for r in fit_rules} - set(FIT_ATTRIBUTES))
    if outside:
        problems.append(f"fit attributes the dbt project does not read: {', '.join(outside)}")
    unknown = sorted({str(r["signal_type"]) for r in intent_rules} - known_signals) if known_signals else []
    if unknown:
        problems.append(f"signal types not in the signal_channels seed: {', '.join(unknown)}")
    row: dict[str, object] = {column: base.get(column, "") for column in defs.tables["definition_versions"].header}
    row.update(
        definition_version=number,
        status=PROPOSED,
        effective_from="",
        mql_threshold=threshold,
        fit_gate=gate,
        fit_high_cutoff=high,
        intent_high_cutoff=threshold,
        marketing_signed_by="",
        marketing_signed_at="",
        sales_signed_by="",
        sales_signed_at="",
        restatement_reason="",
    )
    if "proposed_at" in row:
        row["proposed_at"] = today.isoformat()
    for column, default in (
        ("hot_min_signal_types", 4),
        ("hot_min_channels", 3),
        ("hot_min_active_weeks", 3),
        ("hot_window_days", 42),
        ("recycle_after_days", 90),
    ):
        if row.get(column) in (None, ""):
            row[column] = default
    row["change_note"] = change_note(
        base, row, fit_rules, intent_rules, defs, based_on, data, split, evaluation, scorecard, today, threshold_reason
    )
    return Proposal(
        version=number,
        version_row=row,
        rules={FIT_RULES: fit_rules, FIT_EXCLUSIONS: exclusions, INTENT_RULES: intent_rules},
        based_on=based_on,
        headers={
            name: defs.tables[name].header for name in ("definition_versions", FIT_RULES, FIT_EXCLUSIONS, INTENT_RULES)
        },
        problems=problems,
        carried_over=carried_over,
    )


CARRIED_OVER = "Carried over unchanged (not measured by this calibration): "


def _carried(description: object) -> str:
    text = str(description or "")
    return text if text.startswith(CARRIED_OVER) else CARRIED_OVER + text


def _fit_rules(
    scorecard: Scorecard, data: CalibrationData, split: Split, current: list[Row]
) -> list[dict[str, object]]:
    frame = data.frame.loc[split.train]
    y = data.outcome[split.train]
    by_band = {
        (r["person_attribute"], r.get("range_min") or None, r.get("range_max") or None): r["rule_id"]
        for r in current
        if r.get("range_min") or r.get("range_max")
    }
    rules: list[dict[str, object]] = []
    used: set[str] = set()
    for rule in scorecard.rules:
        if rule.role != "fit" or rule.points == 0:
            continue
        col = rule.column
        values = frame[col.feature.column]
        if col.level is not None:
            matched = (values == col.level).fillna(False).to_numpy()
            rule_id = snake(f"{col.feature.name}_{col.level}")
            fields = {"match_value": col.level, "range_min": "", "range_max": ""}
            what = f"{col.feature.name.replace('_', ' ')} {col.level}"
        else:
            low = _int_text(col.low)
            high = _int_text(col.high)
            numbers = values.astype(float)
            matched = np.ones(len(values), dtype=bool)
            if col.low is not None:
                matched &= (numbers >= col.low).fillna(False).to_numpy()
            if col.high is not None:
                matched &= (numbers < col.high).fillna(False).to_numpy()
            rule_id = by_band.get((col.feature.name, low or None, high or None)) or snake(
                f"{col.feature.name}_{col.label.replace('+', '_plus')}"
            )
            fields = {"match_value": "", "range_min": low, "range_max": high}
            what = f"{col.feature.name.replace('_', ' ')} {col.label}"
        rule_id = _unique(rule_id, used)
        n = int(matched.sum())
        rate = float(y[matched].mean()) if n else float("nan")
        rules.append(
            {
                "rule_id": rule_id,
                "person_attribute": col.feature.name,
                **fields,
                "points": rule.points,
                "description": f"Calibrated: {what} ({n:,} training rows, {rate:.1%} converted)",
            }
        )
    return rules


def _int_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _unique(rule_id: str, used: set[str]) -> str:
    candidate, n = rule_id[:80], 2
    while candidate in used:
        candidate, n = f"{rule_id[:76]}_{n}", n + 1
    used.add(candidate)
    return candidate


def _intent_rules(scorecard: Scorecard, current: list[Row], measured: set[str]) -> list[dict[str, object]]:
    """Learned points for the signals the rows measure; the rules of the others carried over unchanged."""
    learned = scorecard.signal_points()
    by_signal = {r["signal_type"]: r for r in current}
    half_lives = {r["signal_type"]: int(r["half_life_days"]) for r in current}
    descriptions = {r["signal_type"]: r.get("description", "") for r in current}
    signals = [r["signal_type"] for r in current] + sorted(set(learned) - set(half_lives))
    longest_positive = max(
        (half_lives.get(s, DEFAULT_HALF_LIFE) for s in signals if learned.get(s, 0) > 0), default=DEFAULT_HALF_LIFE
    )
    rows = []
    for signal in signals:
        if signal not in measured and signal in by_signal:
            kept = {k: v for k, v in by_signal[signal].items() if k != "definition_version"}
            rows.append({**kept, "description": _carried(kept.get("description", ""))})
            continue
        points = int(learned.get(signal, 0))
        half_life = half_lives.get(signal, DEFAULT_HALF_LIFE)
        if points < 0:
            half_life = max(half_life, longest_positive)
        described = descriptions.get(signal) or f"{signal.replace('_', ' ').capitalize()} (calibrated)"
        described = described.removeprefix(CARRIED_OVER)
        rows.append(
            {
                "signal_type": signal,
                "points": points,
                "daily_cap": points,
                "half_life_days": half_life,
                "is_negative": points < 0,
                "description": described,
            }
        )
    return rows


def change_note(
    base: Row,
    row: dict[str, object],
    fit_rules: list[dict[str, object]],
    intent_rules: list[dict[str, object]],
    defs: DefinitionSet,
    based_on: int | None,
    data: CalibrationData,
    split: Split,
    evaluation: Evaluation,
    scorecard: Scorecard,
    today: date,
    threshold_reason: str = "",
) -> str:
    """One paragraph (no line breaks: it is a CSV cell) generated from the differences with the version in force."""
    parts = [
        f"Proposed by handoff calibrate on {today}: learned from {len(data.frame):,} rows of {data.source} "
        f"({data.outcome_label}; {split.description}); held-out AUC {evaluation.points_auc:.3f} for these points, "
        f"{evaluation.model_auc:.3f} for the model; {scorecard.pdo:g} points double the odds."
    ]
    if base:
        parts.append(
            f"Against version {based_on}: MQL threshold {base.get('mql_threshold')} -> {row['mql_threshold']}, "
            f"fit gate {base.get('fit_gate')} -> {row['fit_gate']}."
        )
    if threshold_reason:
        parts.append(f"The threshold {threshold_reason}.")
    old_intent = {r["signal_type"]: int(r["points"]) for r in defs.rules(INTENT_RULES, based_on)} if based_on else {}
    moves = sorted(
        ((s, old_intent.get(s, 0), int(r["points"])) for r in intent_rules for s in [str(r["signal_type"])]),
        key=lambda m: -abs(m[2] - m[1]),
    )
    changed = [f"{s} {a} -> {b}" for s, a, b in moves if a != b][:8]
    if changed:
        parts.append("Intent points per day: " + ", ".join(changed) + ".")
    zero = [s for s, _, b in moves if b == 0 and s.startswith("email_open")]
    if zero:
        parts.append("Email opens stay at 0.")
    old_fit = {r["rule_id"]: int(r["points"]) for r in defs.rules(FIT_RULES, based_on)} if based_on else {}
    new_fit = {str(r["rule_id"]): int(r["points"]) for r in fit_rules}  # type: ignore[call-overload]
    added = sorted(set(new_fit) - set(old_fit))
    dropped = sorted(set(old_fit) - set(new_fit))
    moved = sorted(k for k in set(new_fit) & set(old_fit) if new_fit[k] != old_fit[k])
    fit_bits = []
    if moved:
        fit_bits.append(f"{len(moved)} rules re-weighted")
    if added:
        fit_bits.append(f"{len(added)} added ({', '.join(added[:4])}{'...' if len(added) > 4 else ''})")
    if dropped:
        fit_bits.append(f"{len(dropped)} dropped ({', '.join(dropped[:4])}{'...' if len(dropped) > 4 else ''})")
    if fit_bits:
        parts.append("Fit rules: " + "; ".join(fit_bits) + ".")
    return re.sub(r"\s+", " ", " ".join(parts)).strip()
