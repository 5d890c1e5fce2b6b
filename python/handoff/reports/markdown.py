"""The short Markdown summaries the commands print to the terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd


def percent(value: float, digits: int = 0) -> str:
    """0.143 -> '14 %' (n/a for missing values)."""
    if value is None or value != value:
        return "n/a"
    return f"{value * 100:.{digits}f} %"


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:
            return "n/a"
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value).replace("|", "/")


def _formatted(value: object, spec: str | None) -> str:
    if spec and value is not None and not (isinstance(value, float) and value != value):
        try:
            return spec.format(value)
        except (TypeError, ValueError):
            return _cell(value)
    return _cell(value)


def markdown_table(rows: pd.DataFrame | Sequence[Mapping[str, object]], columns: Sequence[str] | None = None) -> str:
    """A pipe table; `columns` picks and orders them."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    if columns is not None:
        frame = frame[list(columns)]
    if frame.empty:
        return "(none)"
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    from handoff.reports.html import column_formats

    formats = column_formats(frame)
    body = [
        "| " + " | ".join(_formatted(v, formats.get(str(c))) for c, v in zip(frame.columns, row, strict=True)) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])
