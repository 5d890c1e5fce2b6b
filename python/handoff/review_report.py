"""The quarterly review's HTML report: its recommendations first, then each look as a chart and a table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from handoff.reports import HtmlReport, plots
from handoff.review import PSI_MAJOR, PSI_MODERATE, ReviewResult


def write_report(result: ReviewResult, path: Path) -> Path:
    """The review's HTML report."""
    q = result.quarter
    report = HtmlReport(f"Quarterly review of the MQL definition: {q}", f"against {q.previous()} and the trailing year")
    report.heading("Recommendations")
    if result.findings:
        for finding in result.findings:
            report.paragraph(finding.message, kind="finding")
    else:
        report.paragraph("Nothing moved more than chance explains: no change recommended.", kind="ok")
    if result.notes:
        report.bullets(result.notes)

    report.heading("MQL->SQL by month and its health band")
    monthly = result.monthly
    if not monthly.empty:
        wide = monthly.pivot_table(index="month", columns="definition_key", values="mql_to_sql", aggfunc="first")
        report.figure(
            plots.lines(
                [str(m) for m in wide.index],
                {f"MQL->SQL {key}": [float(v) for v in wide[key]] for key in wide.columns},
                "MQL->SQL by month (mrt_handoff_rates)",
                "rate",
                band=(result.band.low, result.band.high),
            )
        )
    report.table(monthly, formats={"mql_to_sql": "{:.1%}", "mql_to_sql_within_horizon": "{:.1%}"})

    report.heading("Score distribution shift (PSI against the previous quarter)")
    report.paragraph(
        f"PSI below {PSI_MODERATE} is stable, {PSI_MODERATE}-{PSI_MAJOR} moderate, above {PSI_MAJOR} major."
    )
    report.table(result.psi, formats={"psi": "{:.3f}", "mean_previous": "{:.2f}", "mean_current": "{:.2f}"})
    if not result.psi.empty:
        top = result.psi.sort_values("psi", ascending=False).head(15)
        report.figure(
            plots.horizontal_bars(
                list(top["component"])[::-1],
                list(top["psi"])[::-1],
                "PSI",
                "PSI",
                marks=[(PSI_MODERATE, f"{PSI_MODERATE} moderate"), (PSI_MAJOR, f"{PSI_MAJOR} major")],
            )
        )

    report.heading("Conversion of the quarter's MQLs by intent band")
    if isinstance(result.bands, pd.DataFrame) and not result.bands.empty:
        flat = result.bands.copy()
        flat.columns = [" ".join(str(p) for p in c if p) if isinstance(c, tuple) else str(c) for c in flat.columns]
        report.table(flat)
        rate_columns = [c for c in flat.columns if c.startswith("sql_rate")]
        if rate_columns:
            report.figure(
                plots.grouped_bars(
                    [str(b) for b in flat["band"]],
                    {c.replace("sql_rate ", ""): list(flat[c].fillna(0)) for c in rate_columns},
                    "MQL->SQL by intent band",
                    "rate",
                )
            )
    else:
        report.paragraph("(no MQLs in these quarters)")

    report.heading("Signals whose conversion moved most (quarter against the trailing year)")
    report.table(
        result.signals,
        formats={"rate_baseline": "{:.1%}", "rate_current": "{:.1%}", "change": "{:+.1%}", "z": "{:.2f}"},
    )
    movers = result.signals.dropna(subset=["change"]).head(12)
    if not movers.empty:
        report.figure(
            plots.horizontal_bars(
                list(movers["signal"])[::-1], list(movers["change"])[::-1], "Change in conversion", "points of share"
            )
        )

    report.heading("Rejection reasons by month")
    if not result.rejections.empty:
        pivot = result.rejections.pivot_table(index="month", columns="reason", values="rejections", fill_value=0)
        report.figure(
            plots.lines(list(pivot.index), {c: list(pivot[c]) for c in pivot.columns}, "Rejections by reason", "count")
        )
        report.table(pivot.reset_index())
    else:
        report.paragraph("(no rejections recorded)")

    report.heading("Bot-filter share by month")
    bots = result.bots
    if not bots.empty:
        report.figure(
            plots.lines(
                list(bots["month"]),
                {"all events": list(bots["filtered_share"]), "email events": list(bots["email_filtered_share"])},
                "Share of events removed by the bot filter",
                "share",
            )
        )
    report.table(bots, formats={"filtered_share": "{:.1%}", "email_filtered_share": "{:.1%}"})
    return report.write(path)
