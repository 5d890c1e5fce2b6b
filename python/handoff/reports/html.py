"""A self-contained HTML page: headings, paragraphs, tables and inline PNG figures, no external assets."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

_STYLE = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;color:#1d2430;
line-height:1.45;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #d8dde6;padding-bottom:.2em;
margin-top:1.8em}h3{font-size:1.05em}
.sub{color:#5b6675;margin-top:0}table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
th,td{border:1px solid #d8dde6;padding:.25em .6em;text-align:right}th{background:#f2f4f8}
td:first-child,th:first-child{text-align:left}figure{margin:1em 0}figcaption{color:#5b6675;font-size:.85em}
.finding{background:#fff4e5;border-left:4px solid #e8890c;padding:.4em .8em;margin:.4em 0}
.ok{background:#eaf6ec;border-left:4px solid #2e8540;padding:.4em .8em;margin:.4em 0}
pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:.85em}
.wide{max-width:100%;overflow-x:auto}.wide table{font-size:.82em}
"""


def column_formats(frame: pd.DataFrame, given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Formats a reader expects for each column, unless `given` says otherwise.

    Whole-number columns (counts, even when pandas made them floats) print as integers, with thousands separators
    unless they are labels (versions, years, ids, thresholds); rates and shares (a name ending in `rate` or
    `share`, values within 0-1) print as percentages.
    """
    formats: dict[str, str] = {}
    for column in frame.columns:
        values = pd.to_numeric(frame[column], errors="coerce").dropna()
        if frame[column].dtype == bool or values.empty or len(values) < frame[column].notna().sum():
            continue
        name = str(column).lower()
        if name.endswith(("rate", "share")) and values.between(0, 1).all():
            formats[str(column)] = "{:.1%}"
        elif (values == values.round()).all():
            label = any(word in name for word in ("version", "year", "id", "threshold"))
            formats[str(column)] = "{:.0f}" if label else "{:,.0f}"
    return {**formats, **(given or {})}


def _format(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return "n/a"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


class HtmlReport:
    """Collects sections and writes one HTML file."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        self.title = title
        self.subtitle = subtitle
        self.parts: list[str] = []

    def heading(self, text: str, level: int = 2) -> None:
        """A section heading."""
        self.parts.append(f"<h{level}>{html.escape(text)}</h{level}>")

    def paragraph(self, text: str, kind: str | None = None) -> None:
        """A paragraph; kind 'finding' or 'ok' highlights it."""
        css = f' class="{kind}"' if kind else ""
        self.parts.append(f"<p{css}>{html.escape(text)}</p>")

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list."""
        self.parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")

    def preformatted(self, text: str) -> None:
        """Text kept as it is (file listings, change notes)."""
        self.parts.append(f"<pre>{html.escape(text)}</pre>")

    def table(
        self,
        rows: pd.DataFrame | Sequence[Mapping[str, object]],
        formats: Mapping[str, str] | None = None,
        max_rows: int = 200,
    ) -> None:
        """A table; `formats` maps a column to a format spec such as '{:.1%}'."""
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
        if frame.empty:
            self.paragraph("(no rows)")
            return
        shown = frame.head(max_rows)
        formats = column_formats(shown, formats)
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
        body = []
        for row in shown.itertuples(index=False):
            cells = []
            for column, value in zip(shown.columns, row, strict=True):
                spec = formats.get(str(column))
                text = _format(value)
                if spec and value is not None and not (isinstance(value, float) and value != value):
                    text = spec.format(value)
                cells.append(f"<td>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = f"<p class='sub'>{len(frame) - max_rows} more rows not shown</p>" if len(frame) > max_rows else ""
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        self.parts.append(f"<div class='wide'>{table}</div>{more}")

    def figure(self, figure: Figure, caption: str = "") -> None:
        """A matplotlib figure, inlined as a base64 PNG."""
        buffer = io.BytesIO()
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
        self.parts.append(
            f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{data}"/>{cap}</figure>'
        )

    def html(self) -> str:
        """The whole page."""
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        sub = f'<p class="sub">{html.escape(self.subtitle)} · generated {stamp}</p>'
        return (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(self.title)}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{html.escape(self.title)}</h1>{sub}{''.join(self.parts)}</body></html>"
        )

    def write(self, path: Path) -> Path:
        """Write the page (creating its directory)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html(), encoding="utf-8")
        return path
