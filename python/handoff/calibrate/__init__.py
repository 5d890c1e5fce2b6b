"""`handoff calibrate`: learn fit and intent points from what converted, and propose them as a new version.

The steps, each in its own module: rows to learn from (`dataset`: the warehouse's people cohorts, or a file of
leads), encoding, time split and logistic regression (`model`), integer points and their held-out judgement
(`points`), the proposed version in the seeds' format (`proposal`), and the report (`report`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from handoff.calibrate.dataset import CalibrationData, from_file, from_warehouse
from handoff.calibrate.model import FittedModel, Split, build_encoding, fit_model, split_rows
from handoff.calibrate.points import Evaluation, Scorecard, evaluate, to_scorecard
from handoff.calibrate.proposal import MIN_LIFT, Proposal, build_proposal, choose_gates
from handoff.definitions import FIT_RULES, INTENT_RULES, NUMERIC_FIT_ATTRIBUTES, DefinitionSet
from handoff.project import ProjectPaths
from handoff.reports import markdown_table
from handoff.threshold_evidence import ThresholdEvidence, measure_candidates, record_evidence
from handoff.thresholds import ThresholdChoice, candidate_grid, threshold_policy

Progress = Callable[[str], None]

__all__ = ["CalibrationResult", "run_calibration"]


RANKING_COLUMNS = [
    "signal",
    "points_per_day",
    "log_odds_per_day",
    "rows_with_signal",
    "typical_days",
    "typical_points",
    "typical_log_odds",
]


@dataclass
class CalibrationResult:
    """Everything a calibration produced."""

    data: CalibrationData
    split: Split
    model: FittedModel
    scorecard: Scorecard
    evaluation: Evaluation
    proposal: Proposal
    written_to: Path | None  # the project's definitions directory, when the proposal was appended there
    proposal_dir: Path
    report_path: Path
    threshold_choice: ThresholdChoice | None
    in_force: int | None
    in_force_row: dict[str, str] | None = None

    def signal_ranking(self) -> pd.DataFrame:
        """Signals by the points a typical person showing them earns: points per day x their mean days with it."""
        frame = self.data.frame.loc[self.split.train]
        rows = []
        for rule in self.scorecard.rules:
            if rule.role != "intent":
                continue
            days = pd.to_numeric(frame[rule.column.feature.column], errors="coerce").fillna(0)
            shown = days[days > 0]
            typical_days = round(float(shown.mean()), 2) if len(shown) else 0.0
            rows.append(
                {
                    "signal": rule.name,
                    "points_per_day": rule.points,
                    "log_odds_per_day": round(rule.coefficient, 4),
                    "rows_with_signal": len(shown),
                    "typical_days": typical_days,
                    "typical_points": rule.points * typical_days,
                    "typical_log_odds": rule.coefficient * typical_days,
                }
            )
        if not rows:  # no intent column in the data: nothing to rank
            return pd.DataFrame(columns=RANKING_COLUMNS)
        return pd.DataFrame(rows).sort_values("typical_log_odds", ascending=False).reset_index(drop=True)

    def summary_markdown(self) -> str:
        """The short summary printed to the terminal."""
        e = self.evaluation
        row = self.proposal.version_row
        ranking = self.signal_ranking()
        lines = [
            f"## Calibration: proposed version {self.proposal.version}",
            "",
            f"- data: {self.data.describe()}",
            f"- split: {self.split.description}",
            f"- held-out AUC: model {e.model_auc:.3f}, points {e.points_auc:.3f} "
            f"(difference {abs(e.model_auc - e.points_auc):.3f}); top-decile lift {e.top_decile_lift:.1f}x",
            f"- scale: {self.scorecard.pdo:g} points double the odds; fit gate {row['fit_gate']}, "
            f"MQL threshold {row['mql_threshold']}",
        ]
        if self.threshold_choice:
            lines += [f"- {line}" for line in self.threshold_choice.summary_lines()]
        lines += ["", "Signals by the points a typical person showing them earns:", ""]
        lines.append(
            markdown_table(
                ranking.head(12).assign(typical_points=ranking["typical_points"].round(1)),
                ["signal", "points_per_day", "typical_days", "typical_points"],
            )
        )
        classes = pd.DataFrame(self.data.classes)
        if not classes.empty:
            for role in ("fit", "intent"):
                named = classes.loc[classes["class"] == role, "column"].tolist()
                lines.append(f"\n{role} columns: {', '.join(named) if named else 'none'}")
        if self.proposal.carried_over:
            lines.append(
                "\ncarried over unchanged (these rows do not measure them): " + "; ".join(self.proposal.carried_over)
            )
        for problem in self.proposal.problems:
            lines.append(f"\n! not written to the project's seeds: {problem}")
        where = (
            f"appended to {self.written_to}" if self.written_to else f"not written to the seeds ({self.proposal_dir})"
        )
        lines += ["", f"Proposal: {where}", f"Report: {self.report_path}"]
        return "\n".join(lines)


def _known_signals(paths: ProjectPaths) -> set[str]:
    seed = paths.project_dir / "seeds" / "reference" / "signal_channels.csv"
    if not seed.is_file():
        return set()
    with seed.open(newline="", encoding="utf-8") as handle:
        return {row["signal_type"] for row in csv.DictReader(handle)}


def _known_bands(defs: DefinitionSet, version: int | None) -> dict[str, list[tuple[float | None, float | None]]]:
    bands: dict[str, list[tuple[float | None, float | None]]] = {}
    if version is None:
        return bands
    for rule in defs.rules(FIT_RULES, version):
        if rule["person_attribute"] in NUMERIC_FIT_ATTRIBUTES and (rule.get("range_min") or rule.get("range_max")):
            low = float(rule["range_min"]) if rule.get("range_min") else None
            high = float(rule["range_max"]) if rule.get("range_max") else None
            bands.setdefault(rule["person_attribute"], []).append((low, high))
    return {k: sorted(v, key=lambda b: b[0] if b[0] is not None else float("-inf")) for k, v in bands.items()}


def measured_thresholds(
    data: CalibrationData, split: Split, model: FittedModel, scorecard: Scorecard, gate: int
) -> ThresholdEvidence | None:
    """What each candidate threshold gives on the training rows: their intent points, fit at the gate, and SQLs.

    This is the evidence calibrate chooses its threshold from and records with the proposal, so the backtest of the
    same proposal reads the same evidence (None when the rows have no dates or no intent points to sweep).
    """
    if not data.date_column:
        return None
    frame = data.frame.loc[split.train]
    dates = pd.to_datetime(frame[data.date_column])
    cohort_days = 1 + (dates.max() - dates.min()).days
    if data.date_column == "cohort_date":
        starts = sorted(dates.unique())
        step = (starts[1] - starts[0]).days if len(starts) > 1 else 60
        cohort_days = step * len(starts)
    weeks = max(cohort_days / 7.0, 1 / 7)
    fit = scorecard.score(model, frame, role="fit")
    intent = scorecard.score(model, frame, role="intent")
    outcome = frame["sql_outcome"] if data.has_sql_outcome else frame["outcome"]
    units = pd.DataFrame({"score": np.where(fit >= gate, intent, -1), "sql": outcome.to_numpy(dtype=int)})
    if not (units["score"] > 0).any():
        return None
    source = f"calibration's training rows ({data.source})"
    return measure_candidates(units, weeks, candidate_grid(units["score"]), source=source)


def proposed_threshold(
    choice: ThresholdChoice | None, lift_threshold: int, min_lift: float, sql_outcome: bool
) -> tuple[int, str]:
    """The MQL threshold to propose and why: the policy's recommendation, else where gated rows reach the lift."""
    chosen = choice.recommended if choice else None
    if choice is None or chosen is None:
        return lift_threshold, (
            f"is where gated rows convert at {min_lift:g}x the base rate (no candidate inside the health band)"
        )
    outcome = "MQL->SQL" if sql_outcome else "conversion"
    fits = "within" if chosen.per_week <= choice.capacity.per_week else "above"
    return chosen.threshold, (
        f"puts the expected {outcome} at {chosen.sql_rate:.0%}, inside the health band, at "
        f"{chosen.per_week:.0f} MQLs a week ({fits} sales capacity)"
    )


def _carried_over(
    data: CalibrationData, base: Mapping[str, str], in_force: int | None, gates: tuple[int, int, int], reason: str
) -> tuple[tuple[int, int, int], str, list[str]]:
    """Settings the rows cannot measure stay those of the version in force (never zeroed), and are listed."""
    gate, threshold, high = gates
    kept: list[str] = []
    if not data.measured("intent") and base.get("mql_threshold"):
        threshold = int(base["mql_threshold"])
        reason = f"is carried over from version {in_force}: these rows measure no intent signal"
        kept.append(f"MQL threshold {threshold} (no intent column)")
    if not data.measured("fit") and base.get("fit_gate"):
        gate, high = int(base["fit_gate"]), int(base.get("fit_high_cutoff") or base["fit_gate"])
        kept.append(f"fit gate {gate} and high-fit cut-off {high} (no fit column)")
    return (gate, threshold, high), reason, kept


def _read_rows(
    paths: ProjectPaths,
    input_path: Path | None,
    warehouse: Path | None,
    known: set[str],
    say: Progress,
    file_options: Mapping[str, Any],
    warehouse_options: Mapping[str, Any],
) -> CalibrationData:
    """The rows to learn from: a file of leads (`--input`), else the warehouse's people cohorts."""
    if input_path is not None:
        if not file_options.get("outcome"):
            raise ValueError("--input needs --outcome: the column that says whether the lead converted")
        say(f"reading {input_path}")
        return from_file(input_path, known_signals=sorted(known), **file_options)
    if any(file_options.values()):
        raise ValueError("--outcome, --exclude, --date-column and the column maps apply to --input files only")
    return from_warehouse(warehouse or paths.full_warehouse_path, progress=say, **warehouse_options)


def _write_proposal(
    defs: DefinitionSet, proposal: Proposal, proposal_dir: Path, evidence: ThresholdEvidence | None, say: Progress
) -> Path:
    """Append the proposal to the project's definition seeds, with the threshold evidence it was chosen from."""
    if proposal.problems:
        raise ValueError(
            "the proposal cannot go into the project's definition seeds ("
            + "; ".join(proposal.problems)
            + f"); it is in {proposal_dir}: rerun with --dry-run, or map the columns"
            " (--fit-column, --signal-column)"
        )
    defs.add_version(proposal.version_row, proposal.rules)
    written_to = defs.save()
    if evidence is not None:
        record_evidence(defs, proposal.version, evidence)
    say(f"proposed version {proposal.version} appended to {written_to}")
    return written_to


def run_calibration(
    paths: ProjectPaths,
    *,
    input_path: Path | None = None,
    outcome: str | None = None,
    exclude: Sequence[str] = (),
    date_column: str | None = None,
    fit_columns: Mapping[str, str] | None = None,
    signal_columns: Mapping[str, str] | None = None,
    fit: Sequence[str] = (),
    intent: Sequence[str] = (),
    warehouse: Path | None = None,
    target: Literal["opportunity", "won"] = "opportunity",
    cohort_days: int = 60,
    horizon_days: int = 90,
    until: date | None = None,
    seed: int = 42,
    regularization: float = 1.0,
    pdo: float | None = None,
    min_lift: float = MIN_LIFT,
    dry_run: bool = False,
    reps: int | None = None,
    per_rep: float | None = None,
    report_dir: Path | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> CalibrationResult:
    """Learn points, judge them on held-out rows, write the proposed version and the report."""
    say = progress or (lambda _: None)
    today = today or datetime.now(UTC).date()
    defs = DefinitionSet.for_project(paths)
    in_force = defs.in_force_on(today) or (defs.effective()[-1][0] if defs.effective() else None)
    known = _known_signals(paths)
    file_options = {
        "outcome": outcome,
        "exclude": exclude,
        "date_column": date_column,
        "fit_columns": fit_columns,
        "signal_columns": signal_columns,
        "fit": fit,
        "intent": intent,
    }
    warehouse_options = {
        "target": target,
        "cohort_days": cohort_days,
        "horizon_days": horizon_days,
        "until": until,
    }
    data = _read_rows(paths, input_path, warehouse, known, say, file_options, warehouse_options)
    say(data.describe())
    split = split_rows(data, seed=seed)
    say(f"fitting a logistic regression ({split.description})")
    encoding = build_encoding(data, split.train, _known_bands(defs, in_force))
    if not encoding.columns:
        raise ValueError("no feature varies in the training rows: nothing to learn")
    model = fit_model(data, split, encoding, c=regularization)
    scorecard = to_scorecard(model, data, split, pdo=pdo)
    evaluation = evaluate(model, scorecard, data, split)
    say(f"held-out AUC: model {evaluation.model_auc:.3f}, points {evaluation.points_auc:.3f}")
    gate, lift_threshold, high = choose_gates(model, scorecard, data, split, min_lift)
    evidence = measured_thresholds(data, split, model, scorecard, gate)
    choice = threshold_policy(paths, evidence, reps=reps, per_rep=per_rep) if evidence else None
    threshold, reason = proposed_threshold(choice, lift_threshold, min_lift, data.has_sql_outcome)
    base = defs.version(in_force) if in_force else {}
    gates, reason, kept = _carried_over(data, base, in_force, (gate, threshold, high), reason)
    proposal = build_proposal(
        defs,
        model,
        scorecard,
        data,
        split,
        evaluation,
        based_on=in_force,
        known_signals=known,
        today=today,
        gates=gates,
        threshold_reason=reason,
    )
    proposal.carried_over[:0] = kept
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    out_dir = (report_dir or paths.reports_dir) / f"calibrate-{stamp}"
    proposal_dir = proposal.write_standalone(out_dir / f"proposed_v{proposal.version}")
    written_to = None if dry_run else _write_proposal(defs, proposal, proposal_dir, evidence, say)
    from handoff.calibrate.report import write_report

    current_intent = (
        {r["signal_type"]: int(r["points"]) for r in defs.rules(INTENT_RULES, in_force)} if in_force else {}
    )
    current_fit = {r["rule_id"]: int(r["points"]) for r in defs.rules(FIT_RULES, in_force)} if in_force else {}
    result = CalibrationResult(
        data=data,
        split=split,
        model=model,
        scorecard=scorecard,
        evaluation=evaluation,
        proposal=proposal,
        written_to=written_to,
        proposal_dir=proposal_dir,
        report_path=out_dir / "calibration_report.html",
        threshold_choice=choice,
        in_force=in_force,
        in_force_row=base or None,
    )
    say("writing the report")
    write_report(result, current_intent, current_fit)
    return result
