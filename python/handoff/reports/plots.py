"""The plots the reports share, as matplotlib Figures (Agg canvas: no display, no pyplot state)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

_COLORS = ("#1f5fa8", "#e8890c", "#2e8540", "#b03a2e", "#6c4f9e", "#5b6675")


def _figure(width: float = 7.0, height: float = 3.6) -> tuple[Figure, object]:
    figure = Figure(figsize=(width, height))
    axes = figure.add_subplot(1, 1, 1)
    axes.grid(alpha=0.3)
    return figure, axes


def _legend(axes: object) -> None:
    """The legend outside the plot, to its right: it never covers a line or a bar."""
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, frameon=False)


def roc_curves(curves: Mapping[str, tuple[np.ndarray, np.ndarray]], title: str) -> Figure:
    """ROC curves (false positive rate, true positive rate) with the diagonal."""
    figure, axes = _figure(5.0, 4.2)
    for i, (label, (fpr, tpr)) in enumerate(curves.items()):
        axes.plot(fpr, tpr, color=_COLORS[i % len(_COLORS)], label=label, linestyle="-" if i == 0 else "--")
    axes.plot([0, 1], [0, 1], color="#999999", linewidth=0.8)
    axes.set_xlabel("false positive rate")
    axes.set_ylabel("true positive rate")
    axes.set_title(title)
    _legend(axes)
    return figure


def bars(
    labels: Sequence[str], values: Sequence[float], title: str, ylabel: str, reference: float | None = None
) -> Figure:
    """Vertical bars, with an optional horizontal reference line (e.g. lift 1)."""
    figure, axes = _figure()
    axes.bar(range(len(values)), values, color=_COLORS[0])
    axes.set_xticks(range(len(values)), [str(label) for label in labels], rotation=45 if len(labels) > 10 else 0)
    if reference is not None:
        axes.axhline(reference, color=_COLORS[1], linestyle="--", linewidth=1)
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    return figure


def horizontal_bars(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    xlabel: str,
    marks: Sequence[tuple[float, str]] = (),
) -> Figure:
    """Horizontal bars (long labels: signal names, rules), negative values in another colour.

    `marks` draws labelled vertical lines, e.g. the PSI thresholds 0.1 (moderate) and 0.25 (major).
    """
    figure, axes = _figure(7.0, max(2.5, 0.28 * len(values) + 1))
    colors = [_COLORS[0] if v >= 0 else _COLORS[3] for v in values]
    axes.barh(range(len(values)), values, color=colors)
    axes.set_yticks(range(len(values)), [str(label) for label in labels])
    axes.axvline(0, color="#333333", linewidth=0.8)
    for i, (position, label) in enumerate(marks):
        axes.axvline(position, color=_COLORS[(i + 1) % len(_COLORS)], linestyle="--", linewidth=1, label=label)
    if marks:
        axes.set_xlim(right=max([*values, *(p for p, _ in marks)]) * 1.1)
        _legend(axes)
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    return figure


def distributions(groups: Mapping[str, np.ndarray], title: str, xlabel: str, bins: int = 30) -> Figure:
    """Overlaid histograms, each normalised to its own total (shapes compare, sizes do not matter)."""
    figure, axes = _figure()
    present = [np.asarray(v, dtype=float) for v in groups.values() if len(v)]
    if present:
        edges = np.histogram_bin_edges(np.concatenate(present), bins=bins)
        for i, (label, values) in enumerate(groups.items()):
            if len(values):
                weights = np.full(len(values), 1.0 / len(values))
                axes.hist(values, bins=edges, weights=weights, alpha=0.5, label=label, color=_COLORS[i % len(_COLORS)])
        _legend(axes)
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.set_ylabel("share")
    return figure


def lines(
    x: Sequence[object],
    series: Mapping[str, Sequence[float]],
    title: str,
    ylabel: str,
    band: tuple[float, float] | None = None,
) -> Figure:
    """Line chart over periods, with an optional shaded band (the MQL->SQL health band)."""
    figure, axes = _figure()
    positions = range(len(x))
    if band is not None:
        axes.axhspan(band[0], band[1], color=_COLORS[2], alpha=0.12, label="health band")
    for i, (label, values) in enumerate(series.items()):
        axes.plot(positions, values, marker="o", color=_COLORS[i % len(_COLORS)], label=label)
    axes.set_xticks(list(positions), [str(v) for v in x], rotation=45 if len(x) > 8 else 0)
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    if series or band:
        _legend(axes)
    return figure


def grouped_bars(categories: Sequence[str], series: Mapping[str, Sequence[float]], title: str, ylabel: str) -> Figure:
    """Bars per category, one colour per series (this quarter vs last, proposed vs in force)."""
    figure, axes = _figure()
    count = max(1, len(series))
    width = 0.8 / count
    for i, (label, values) in enumerate(series.items()):
        offsets = [j + (i - (count - 1) / 2) * width for j in range(len(categories))]
        axes.bar(offsets, values, width=width, label=label, color=_COLORS[i % len(_COLORS)])
    axes.set_xticks(range(len(categories)), [str(c) for c in categories], rotation=45 if len(categories) > 6 else 0)
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    _legend(axes)
    return figure
