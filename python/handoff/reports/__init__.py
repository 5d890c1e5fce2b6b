"""Reports of calibrate, backtest and review: one self-contained HTML file each, and a Markdown summary.

Plots are drawn with matplotlib's Agg canvas (no display, no global pyplot state) and inlined as base64 PNG, so a
report opens offline from a file, mailed or attached to a ticket, without a server.
"""

from handoff.reports.html import HtmlReport
from handoff.reports.markdown import markdown_table, percent

__all__ = ["HtmlReport", "markdown_table", "percent"]
