"""The calibration report: how well the points rank held-out rows, what each rule is worth, what is proposed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from handoff.reports import HtmlReport, plots

if TYPE_CHECKING:
    from handoff.calibrate import CalibrationResult


def write_report(result: CalibrationResult, current_intent: dict[str, int], current_fit: dict[str, int]) -> None:
    """Write `result.report_path`."""
    e, data, proposal = result.evaluation, result.data, result.proposal
    row = proposal.version_row
    in_force_row = result.in_force_row or {}
    report = HtmlReport(f"Calibration: proposed definition version {proposal.version}", data.source)

    report.heading("Summary")
    report.table(
        [
            {"measure": "rows", "value": f"{len(data.frame):,} ({data.outcome_label})"},
            {"measure": "split", "value": result.split.description},
            {"measure": "held-out rows", "value": f"{e.rows:,}, {e.positives:,} converted ({e.base_rate:.1%})"},
            {"measure": "held-out AUC of the model", "value": f"{e.model_auc:.3f}"},
            {"measure": "held-out AUC of the integer points", "value": f"{e.points_auc:.3f}"},
            {"measure": "top-decile lift (points)", "value": f"{e.top_decile_lift:.2f}x"},
            {"measure": "points to double the odds (PDO)", "value": f"{result.scorecard.pdo:g}"},
            {"measure": "proposed fit gate / MQL threshold", "value": f"{row['fit_gate']} / {row['mql_threshold']}"},
            {"measure": "version in force compared with", "value": str(result.in_force or "none")},
        ]
    )
    for note in data.notes:
        report.paragraph(note)
    if data.classes:
        report.heading("Columns: fit (who the lead is) or intent (what the lead did)", 3)
        report.table(pd.DataFrame(data.classes))
        report.paragraph(
            "Override the class of any column with --fit COLUMN or --intent COLUMN (or map it: --fit-column, "
            "--signal-column)."
        )
    if proposal.carried_over:
        report.heading("Carried over unchanged: not measured by these rows", 3)
        report.bullets(proposal.carried_over)
    if data.excluded:
        report.heading("Columns left out", 3)
        report.table([{"column": k, "why": v} for k, v in data.excluded.items()])
    for problem in proposal.problems:
        report.paragraph(f"Not written to the project's seeds: {problem}", kind="finding")

    report.heading("Discrimination on held-out rows")
    report.figure(
        plots.roc_curves(
            {f"model (AUC {e.model_auc:.3f})": e.roc_model, f"integer points (AUC {e.points_auc:.3f})": e.roc_points},
            "ROC: the model and the points that ship",
        ),
        "The points are the model's coefficients scaled and rounded; the two curves should coincide.",
    )
    report.figure(
        plots.bars(
            [str(d) for d in e.lift["decile"]], list(e.lift["lift"]), "Lift by points decile (1 = highest)", "lift", 1.0
        )
    )
    report.table(e.lift, formats={"rate": "{:.1%}", "lift": "{:.2f}"})
    converted = e.points[e.outcome == 1]
    others = e.points[e.outcome == 0]
    report.figure(
        plots.distributions({"converted": converted, "did not convert": others}, "Points of held-out rows", "points")
    )

    report.heading("Intent: points per day a person shows the signal")
    ranking = result.signal_ranking()
    ranking["in_force_points"] = ranking["signal"].map(current_intent)
    if ranking.empty:
        report.paragraph("No intent column in these rows: the intent rules in force are carried over unchanged.")
    else:
        report.figure(
            plots.horizontal_bars(
                list(ranking["signal"])[::-1],
                list(ranking["typical_points"])[::-1],
                "Points a typical person showing the signal earns (points per day x mean days)",
                "points",
            )
        )
        report.table(ranking, formats={"typical_points": "{:.1f}", "typical_days": "{:g}"})

    report.heading("Fit: points per attribute level or band")
    fit_rows = []
    proposed_fit = {str(r["rule_id"]): r for r in proposal.rules["fit_rules"]}
    for rule in result.scorecard.rules:
        if rule.role != "fit":
            continue
        fit_rows.append(
            {
                "attribute": rule.name,
                "level or band": rule.column.label,
                "points": rule.points,
                "log_odds": round(rule.coefficient, 3),
            }
        )
    if fit_rows:
        report.table(pd.DataFrame(fit_rows).sort_values(["attribute", "points"], ascending=[True, False]))
    else:
        report.paragraph("No fit column in these rows: the fit rules in force are carried over unchanged.")
    matched = [r for r in proposed_fit.values() if str(r["rule_id"]) in current_fit]
    if matched:
        report.paragraph(
            "Rules that keep their id from the version in force: "
            + ", ".join(f"{r['rule_id']} {current_fit[str(r['rule_id'])]} -> {r['points']}" for r in matched[:20])
        )
    report.paragraph(
        "Levels and bands without a rule (missing values, junk levels such as 'Select', rare levels) score 0, "
        "as a person matching no fit rule does in the dbt project."
    )

    report.heading("Conversion at candidate thresholds (total points, held-out rows)")
    report.table(e.thresholds, formats={"share": "{:.1%}", "rate": "{:.1%}", "captured": "{:.1%}"})
    if result.threshold_choice:
        choice = result.threshold_choice
        report.heading("Threshold choice: health band and sales capacity (intent points, fit at the gate)")
        report.bullets(choice.summary_lines())
        report.table(choice.table(), formats={"mql_to_sql": "{:.1%}"})
        report.paragraph(
            "Estimated on the training cohorts (a cohort's intent points, not the decayed daily score); the "
            "proposal takes the health-band threshold when one exists. "
            "run `handoff backtest` on the proposal for the exact volumes through dbt."
        )

    report.heading(f"Proposed version {proposal.version}")
    report.paragraph(proposal.change_note)
    # one row per setting, so the table fits the page however many columns the version has
    report.table(
        pd.DataFrame(
            [
                {"setting": k, "proposed": "" if v is None else str(v), "in force": str(in_force_row.get(k, ""))}
                for k, v in row.items()
                if k not in ("change_note", "definition_version")
            ]
        )
    )
    where = f"Appended to {result.written_to}" if result.written_to else "Not written to the project's seeds"
    report.paragraph(f"{where}; the version's rows alone are in {result.proposal_dir}.")
    report.write(result.report_path)
