"""Encode the features the way the definition can express them, split by time, fit a logistic regression.

The encoding is the contract with the dbt project: a categorical attribute becomes one indicator per kept level
(rare levels, junk and missing values fall to the reference, which scores 0 - exactly what a person matching no
fit rule gets); a numeric attribute becomes bands [min, max) (the reference band scores 0); a signal stays a
count of days. A linear model on these columns is then a set of fit rules and intent points, nothing more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from handoff.calibrate.dataset import COHORT_DATE, CalibrationData, Feature

MIN_LEVEL_SHARE = 0.005
MIN_LEVEL_ROWS = 10
TEST_SHARE = 0.25


@dataclass(frozen=True)
class Column:
    """One encoded column: an indicator of a level or band, or a signal's day count."""

    feature: Feature
    label: str  # the level, the band as text, or the signal
    level: str | None = None  # categorical level
    low: float | None = None  # numeric band [low, high); None = open
    high: float | None = None

    @property
    def key(self) -> str:
        """A unique, readable column name."""
        return f"{self.feature.role}:{self.feature.name}={self.label}"


@dataclass
class Encoding:
    """How raw feature columns become model columns (learned on the training rows only)."""

    columns: list[Column]
    reference: dict[str, str] = field(default_factory=dict)  # feature column -> what scores 0

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        """The model matrix of a frame."""
        out = np.zeros((len(frame), len(self.columns)))
        for j, col in enumerate(self.columns):
            values = frame[col.feature.column]
            if col.feature.role == "intent":
                out[:, j] = pd.to_numeric(values, errors="coerce").fillna(0).to_numpy(dtype=float)
            elif col.level is not None:
                out[:, j] = (values == col.level).fillna(False).to_numpy(dtype=float)
            else:
                numbers = pd.to_numeric(values, errors="coerce")
                inside = numbers.notna()
                if col.low is not None:
                    inside &= numbers >= col.low
                if col.high is not None:
                    inside &= numbers < col.high
                out[:, j] = inside.fillna(False).to_numpy(dtype=float)
        return out


def nice_edges(values: pd.Series, bins: int = 5) -> list[float]:
    """Quantile cut points rounded to two significant digits (readable bands), unique and increasing."""
    present = pd.to_numeric(values, errors="coerce").dropna()
    if present.nunique() < 3:
        return []
    cuts = present.quantile(np.linspace(0, 1, bins + 1)[1:-1]).to_numpy()
    edges = sorted({_round_sig(c) for c in cuts if c > present.min()})
    return [e for e in edges if e > 0 or present.min() < 0]


def _round_sig(value: float, digits: int = 2) -> float:
    if value == 0:
        return 0.0
    scale = 10 ** (digits - 1 - math.floor(math.log10(abs(value))))
    rounded = round(value * scale) / scale
    return float(int(rounded)) if rounded.is_integer() else rounded


def band_label(low: float | None, high: float | None) -> str:
    """A band as people read it: 201-1000, 5001+, <51."""

    def fmt(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"

    if low is None and high is not None:
        return f"<{fmt(high)}"
    if high is None and low is not None:
        return f"{fmt(low)}+"
    if high is not None and low is not None and float(high - 1).is_integer() and float(low).is_integer():
        return f"{fmt(low)}-{fmt(high - 1)}"
    return f"{fmt(low or 0)}-{fmt(high or 0)}"


def build_encoding(
    data: CalibrationData, train: np.ndarray, known_bands: dict[str, list[tuple[float | None, float | None]]]
) -> Encoding:
    """Choose levels and bands from the training rows.

    `known_bands` gives the bands an attribute already has in the definition in force (employee_count's
    51-200, 201-1000 ...): re-using them keeps the proposal comparable rule by rule. Other numeric attributes get
    quantile bands; the lowest band is the reference.
    """
    frame = data.frame.loc[train]
    columns: list[Column] = []
    reference: dict[str, str] = {}
    min_rows = max(MIN_LEVEL_ROWS, int(MIN_LEVEL_SHARE * len(frame)))
    for feature in data.features:
        values = frame[feature.column]
        if feature.role == "intent":
            if float(pd.to_numeric(values, errors="coerce").fillna(0).abs().sum()) > 0:
                columns.append(Column(feature, feature.name))
            continue
        if feature.kind == "categorical":
            counts = values.dropna().value_counts()
            kept = sorted(str(level) for level, n in counts.items() if n >= min_rows)
            rare = len(counts) - len(kept)
            columns += [Column(feature, level, level=level) for level in kept]
            reference[feature.column] = "missing" + (f", {rare} rare level(s)" if rare else "") + " and no rule"
            continue
        bands = known_bands.get(feature.name) or _quantile_bands(values)
        for low, high in bands:
            columns.append(Column(feature, band_label(low, high), low=low, high=high))
        reference[feature.column] = "missing and values outside the bands"
    return Encoding(columns=columns, reference=reference)


def _quantile_bands(values: pd.Series) -> list[tuple[float | None, float | None]]:
    edges = nice_edges(values)
    if not edges:
        return []
    return [(edges[i], edges[i + 1] if i + 1 < len(edges) else None) for i in range(len(edges))]


@dataclass(frozen=True)
class Split:
    """Which rows train the model and which judge it, and how they were chosen."""

    train: np.ndarray  # bool mask
    test: np.ndarray
    description: str
    by_time: bool


def split_rows(data: CalibrationData, seed: int = 42, test_share: float = TEST_SHARE) -> Split:
    """By time where the rows have a date (train on earlier cohorts, test on the latest), else seeded stratified."""
    y = data.outcome
    if data.date_column and data.date_column in data.frame.columns:
        dates = pd.to_datetime(data.frame[data.date_column])
        ordered = np.sort(dates.dropna().unique())
        counts = dates.value_counts()
        # the latest dates holding at least `test_share` of the rows are the test set
        remaining, cutoff = 0, None
        for day in ordered[::-1]:
            remaining += int(counts.get(day, 0))
            cutoff = day
            if remaining >= test_share * len(dates):
                break
        if cutoff is not None and cutoff > ordered[0]:
            test = np.asarray(dates >= cutoff)
            train = np.asarray(dates < cutoff)
            if _both_classes(y[train]) and _both_classes(y[test]):
                label = pd.Timestamp(cutoff).date()
                return Split(train, test, f"by time: trained on rows before {label}, tested on {label} and later", True)
    if not _both_classes(y) or min(np.bincount(y)) < 2:
        raise ValueError("the outcome needs at least two rows of each value to split into training and test rows")
    index = np.arange(len(y))
    train_idx, _ = train_test_split(index, test_size=test_share, stratify=y, random_state=seed)
    train = np.zeros(len(y), dtype=bool)
    train[train_idx] = True
    return Split(train, ~train, f"seeded stratified split ({test_share:.0%} held out, seed {seed})", False)


def _both_classes(y: np.ndarray) -> bool:
    return len(y) > 0 and 0 < int(y.sum()) < len(y)


@dataclass
class FittedModel:
    """The logistic regression and what it needs to score new rows."""

    encoding: Encoding
    estimator: LogisticRegression
    coefficients: dict[str, float]  # Column.key -> log-odds per unit
    intercept: float

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """P(outcome) per row."""
        return self.estimator.predict_proba(self.encoding.transform(frame))[:, 1]


def fit_model(data: CalibrationData, split: Split, encoding: Encoding, c: float = 1.0) -> FittedModel:
    """L2-regularised logistic regression on the training rows (features unscaled: coefficients are per unit)."""
    x = encoding.transform(data.frame.loc[split.train])
    y = data.outcome[split.train]
    estimator = LogisticRegression(C=c, max_iter=5000)
    estimator.fit(x, y)
    coefficients = {col.key: float(b) for col, b in zip(encoding.columns, estimator.coef_[0], strict=True)}
    return FittedModel(encoding, estimator, coefficients, float(estimator.intercept_[0]))


def auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve (nan when only one class is present)."""
    if not _both_classes(np.asarray(y)):
        return float("nan")
    return float(roc_auc_score(y, score))


__all__ = [
    "COHORT_DATE",
    "Column",
    "Encoding",
    "FittedModel",
    "Split",
    "auc",
    "band_label",
    "build_encoding",
    "fit_model",
    "split_rows",
]
