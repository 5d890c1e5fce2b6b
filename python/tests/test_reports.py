"""Reports people can follow: counts as integers, rates as percentages, legends off the data, PSI marks, wide tables."""

from __future__ import annotations

import pandas as pd

from handoff.reports import HtmlReport, markdown_table, plots
from handoff.review import PSI_MAJOR, PSI_MODERATE


def test_counts_print_as_integers_and_rates_as_percentages() -> None:
    frame = pd.DataFrame(
        {"band": ["a", "b"], "mql_count": [72.0, 8.0], "mql_sql_rate": [0.25, 0.5], "definition_version": [1, 2]}
    )
    table = markdown_table(frame)
    assert "| a | 72 | 25.0% | 1 |" in table and "| b | 8 | 50.0% | 2 |" in table
    report = HtmlReport("t")
    report.table(frame.assign(mql_count=[1234.0, 8.0]))
    page = "".join(report.parts)
    assert "<td>1,234</td>" in page and "<td>25.0%</td>" in page and "72.0" not in page
    assert "<div class='wide'><table>" in page  # wide tables scroll inside the page instead of running off it


def test_legends_sit_outside_the_plot() -> None:
    figure = plots.lines(["Q1", "Q2"], {"MQL->SQL": [0.2, 0.3], "SLA": [0.5, 0.6]}, "t", "rate", band=(0.2, 0.5))
    legend = figure.axes[0].get_legend()
    anchor = legend.get_bbox_to_anchor().transformed(figure.axes[0].transAxes.inverted())
    assert anchor.x0 >= 1.0  # to the right of the axes: it cannot cover a line


def test_psi_chart_marks_the_moderate_and_major_thresholds() -> None:
    figure = plots.horizontal_bars(
        ["fit", "intent"], [0.05, 0.3], "PSI", "PSI", marks=[(PSI_MODERATE, "moderate"), (PSI_MAJOR, "major")]
    )
    positions = {line.get_xdata()[0] for line in figure.axes[0].get_lines()}
    assert {0.1, 0.25} <= positions
    assert {text.get_text() for text in figure.axes[0].get_legend().get_texts()} == {"moderate", "major"}
