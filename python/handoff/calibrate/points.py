"""Turn the fitted model into readable integer points, and judge the points (not the model) on held-out rows.

Scaling follows the scorecard convention: points = factor x log-odds with factor = PDO / ln 2, so every PDO
points double the odds of the outcome. PDO is chosen so that the top 1 % of training rows score about 100 (a 0-100
style scale), then every rule's points are rounded to an integer. The rounded points are what ships, so their
held-out AUC is reported next to the model's own: rounding must not cost discrimination.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import roc_curve

from handoff.calibrate.dataset import CalibrationData
from handoff.calibrate.model import Column, FittedModel, Split, auc

TARGET_TOP_SCORE = 100


@dataclass(frozen=True)
class PointRule:
    """One column's points: a fit level or band, or an intent signal per day."""

    column: Column
    coefficient: float  # log-odds per unit
    points: int

    @property
    def role(self) -> str:
        """Fit or intent."""
        return self.column.feature.role

    @property
    def name(self) -> str:
        """The person attribute or the signal type."""
        return self.column.feature.name


@dataclass
class Scorecard:
    """Integer points per rule, and the scale they sit on."""

    rules: list[PointRule]
    pdo: float
    intercept: float  # the model's log-odds at 0 points

    @property
    def factor(self) -> float:
        """Points per unit of log-odds."""
        return self.pdo / math.log(2)

    def score(self, model: FittedModel, frame: pd.DataFrame, role: str | None = None) -> np.ndarray:
        """Integer points per row (fit + intent, or one of them)."""
        x = model.encoding.transform(frame)
        points = np.array([r.points if role in (None, r.role) else 0 for r in self.rules], dtype=float)
        return (x @ points).round().astype(int)

    def probability_at(self, score: float) -> float:
        """The model's P(outcome) for a total score (what a score means)."""
        return 1.0 / (1.0 + math.exp(-(self.intercept + score / self.factor)))

    def signal_points(self) -> dict[str, int]:
        """Points per day of each signal."""
        return {r.name: r.points for r in self.rules if r.role == "intent"}


def to_scorecard(model: FittedModel, data: CalibrationData, split: Split, pdo: float | None = None) -> Scorecard:
    """Scale and round the model's coefficients."""
    beta = np.array([model.coefficients[c.key] for c in model.encoding.columns])
    if pdo is None:
        x = model.encoding.transform(data.frame.loc[split.train])
        linear = x @ beta
        span = float(np.quantile(linear, 0.99) - min(0.0, float(np.quantile(linear, 0.01))))
        pdo = max(1.0, round(TARGET_TOP_SCORE * math.log(2) / span)) if span > 0 else 20.0
    factor = pdo / math.log(2)
    rules = [
        PointRule(column, float(b), round(factor * b)) for column, b in zip(model.encoding.columns, beta, strict=True)
    ]
    return Scorecard(rules=rules, pdo=float(pdo), intercept=model.intercept)


@dataclass
class Evaluation:
    """The points and the model judged on the held-out rows."""

    model_auc: float
    points_auc: float
    rows: int
    positives: int
    lift: pd.DataFrame  # decile, rows, conversions, rate, lift, lowest and highest score
    thresholds: pd.DataFrame  # threshold, rows at or above, share, conversions, rate, captured share
    roc_model: tuple[np.ndarray, np.ndarray]
    roc_points: tuple[np.ndarray, np.ndarray]
    points: np.ndarray
    outcome: np.ndarray

    @property
    def base_rate(self) -> float:
        """The outcome rate of the held-out rows."""
        return self.positives / self.rows if self.rows else float("nan")

    @property
    def top_decile_lift(self) -> float:
        """Conversion in the top 10 % by points over the base rate."""
        return float(self.lift["lift"].iloc[0]) if len(self.lift) else float("nan")


def evaluate(model: FittedModel, scorecard: Scorecard, data: CalibrationData, split: Split) -> Evaluation:
    """AUC of the model and of the rounded points, lift by points decile, conversion at candidate thresholds."""
    frame = data.frame.loc[split.test]
    y = data.outcome[split.test]
    probability = model.predict(frame)
    points = scorecard.score(model, frame)
    return Evaluation(
        model_auc=auc(y, probability),
        points_auc=auc(y, points),
        rows=len(y),
        positives=int(y.sum()),
        lift=lift_by_decile(points, y),
        thresholds=conversion_at_thresholds(points, y),
        roc_model=_roc(y, probability),
        roc_points=_roc(y, points),
        points=points,
        outcome=y,
    )


def _roc(y: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(set(y.tolist())) < 2:
        return np.array([0.0, 1.0]), np.array([0.0, 1.0])
    fpr, tpr, _ = roc_curve(y, score)
    return fpr, tpr


def lift_by_decile(points: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    """Rows split into ten equal groups by points (ties broken by row order), highest first."""
    frame = pd.DataFrame({"points": points, "y": y})
    order = frame["points"].rank(method="first", ascending=False)
    frame["decile"] = np.ceil(order / len(frame) * 10).clip(1, 10).astype(int)
    base = frame["y"].mean() if len(frame) else float("nan")
    table = frame.groupby("decile").agg(
        rows=("y", "size"), conversions=("y", "sum"), lowest=("points", "min"), highest=("points", "max")
    )
    table["rate"] = table["conversions"] / table["rows"]
    table["lift"] = table["rate"] / base if base else float("nan")
    return table.reset_index()


def candidate_thresholds(points: np.ndarray, steps: int = 12) -> list[int]:
    """Round-number thresholds spanning the upper part of the score distribution."""
    positive = points[points > 0]
    if not len(positive):
        return [1]
    low, high = float(np.quantile(positive, 0.2)), float(np.quantile(positive, 0.995))
    step = max(1, round((high - low) / steps / 5.0) * 5) if high - low >= 25 else max(1, int((high - low) // steps))
    start = max(1, int(low // step) * step)
    return list(range(start, int(high) + step, step))


def conversion_at_thresholds(points: np.ndarray, y: np.ndarray, thresholds: list[int] | None = None) -> pd.DataFrame:
    """For each threshold: rows at or above it, their share, conversion rate, and share of all conversions kept."""
    chosen = thresholds or candidate_thresholds(points)
    total = int(y.sum())
    rows = []
    for t in chosen:
        above = points >= t
        n, k = int(above.sum()), int(y[above].sum())
        rows.append(
            {
                "threshold": t,
                "rows": n,
                "share": n / len(points) if len(points) else float("nan"),
                "conversions": k,
                "rate": k / n if n else float("nan"),
                "captured": k / total if total else float("nan"),
            }
        )
    return pd.DataFrame(rows)
