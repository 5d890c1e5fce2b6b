"""The rows a calibration learns from: people with their fit attributes, their signals and what followed.

Two sources give the same shape (`CalibrationData`):

* the warehouse: **people cohorts**. Every person the definition could score (no hard exclusion) is a row in each
  cohort period (default 60 days) in which they exist; the row carries the person's fit attributes, the number of
  days in the period they showed each engagement signal (bot-filtered events excluded, email opens included so
  their weight is learned, not assumed), and whether their account created an opportunity (or a won one) within
  the horizon from the period's start. Rows of accounts already in pipeline (an opportunity in the 90 days
  before) are left out: sales is working them, they are not MQL candidates. Every person is a row whether they
  were active or not, and periods are fixed calendar slices: choosing rows by their activity would make a signal
  look bad merely because it is what made a quiet person appear (selection on the signals themselves).
* a CSV or Parquet file of leads with a binary outcome column: categorical and numeric columns, missing values and
  junk levels ("Select", empty strings) cleaned, ids and leaking columns excluded by name.

A signal is counted once per day, like the daily cap of the intent rules: the points learned are points per day a
person shows the signal, in the currency the dbt project scores in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import duckdb
import numpy as np
import pandas as pd

from handoff.definitions import FIT_ATTRIBUTES, NUMERIC_FIT_ATTRIBUTES
from handoff.outcomes import outcomes_sql

OUTCOME = "outcome"
SQL_OUTCOME = "sql_outcome"
COHORT_DATE = "cohort_date"
JUNK_LEVELS = frozenset({"", "select", "nan", "none", "null", "n/a", "na", "unknown", "-", "?", "not provided"})
WAREHOUSE_FIT_COLUMNS = ("industry", "employee_count", "annual_revenue", "country_code", "seniority", "job_function")
IN_PIPELINE_DAYS = 90
# A column of a lead export is intent (what the person did) when its name says behaviour: visits, time on site,
# page views, the last activity, the source or campaign they came through; fit (who they are) otherwise.
# --fit COLUMN / --intent COLUMN (or the column maps) override the default for any column.
INTENT_NAME = re.compile(
    r"(visit|view|page|time_?(on|spent)|session|click|open|download|webinar|demo|form|activit|event|engag|email|"
    r"call|meeting|chat|trial|sign_?up|subscri|last_|recent|source|origin|campaign|utm|referr|channel|search)"
)
MAX_INTENT_LEVELS = 12

Role = Literal["fit", "intent"]
Kind = Literal["categorical", "numeric"]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Feature:
    """A column the model learns from, and what it becomes in the definition."""

    column: str
    role: Role  # fit -> fit_rules; intent -> intent_rules
    kind: Kind  # intent features are always numeric counts
    name: str  # the fit rule's person_attribute, or the intent rule's signal_type


@dataclass
class CalibrationData:
    """Rows to learn from: feature columns, a 0/1 outcome and, where there is one, the cohort date."""

    frame: pd.DataFrame
    features: list[Feature]
    outcome_label: str
    source: str
    date_column: str | None = None
    excluded: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # each input column's class and why: {"column", "class" (fit/intent), "as", "why"}; the report shows it
    classes: list[dict[str, str]] = field(default_factory=list)

    def measured(self, role: Role) -> set[str]:
        """The fit attributes or signal types these rows measure (a rule of another one cannot be learned here)."""
        return {f.name for f in self.features if f.role == role}

    @property
    def outcome(self) -> np.ndarray:
        """The 0/1 outcome."""
        return self.frame[OUTCOME].to_numpy(dtype=int)

    @property
    def has_sql_outcome(self) -> bool:
        """Whether rows also say if sales accepted the person (for the MQL->SQL health band)."""
        return SQL_OUTCOME in self.frame.columns

    def describe(self) -> str:
        """One line: rows, positives, source."""
        y = self.outcome
        return f"{len(y):,} rows, {int(y.sum()):,} with {self.outcome_label} ({y.mean():.1%}), from {self.source}"


# --- cleaning ------------------------------------------------------------------------------------------------
def snake(name: str) -> str:
    """A column name as a rule would name it: lowercase, words joined by underscores."""
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower()).strip("_") or "column"


def clean_categorical(values: pd.Series) -> pd.Series:
    """Lowercased, trimmed text; junk levels ("Select", "", "n/a", ...) become missing."""
    text = values.astype("string").str.strip().str.lower()
    return text.where(~text.isin(JUNK_LEVELS) & text.notna(), other=pd.NA)


def as_numeric(values: pd.Series) -> pd.Series | None:
    """The column as numbers when at least 90 % of its non-missing values are numbers, else None."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    cleaned = clean_categorical(values)
    present = cleaned.dropna()
    if present.empty:
        return None
    numbers = pd.to_numeric(present.str.replace(",", "", regex=False), errors="coerce")
    if numbers.notna().mean() < 0.9:
        return None
    return pd.to_numeric(cleaned.str.replace(",", "", regex=False), errors="coerce").astype(float)


def as_binary(values: pd.Series, column: str) -> pd.Series:
    """An outcome column as 0/1; ValueError when it is not binary."""
    text = values.astype("string").str.strip().str.lower()
    mapping = {"1": 1, "0": 0, "1.0": 1, "0.0": 0, "true": 1, "false": 0, "yes": 1, "no": 0, "y": 1, "n": 0}
    mapped = text.map(mapping)
    if mapped.isna().any():
        bad = sorted(set(text[mapped.isna()].fillna("<empty>")))[:5]
        raise ValueError(f"outcome column {column!r} must be binary (0/1, true/false, yes/no); found {bad}")
    if mapped.nunique() < 2:
        raise ValueError(f"outcome column {column!r} has only one value: nothing to learn from")
    return mapped.astype(int)


# --- the warehouse -------------------------------------------------------------------------------------------
def from_warehouse(
    warehouse: Path,
    *,
    target: Literal["opportunity", "won"] = "opportunity",
    cohort_days: int = 60,
    horizon_days: int = 90,
    until: date | None = None,
    progress: Progress | None = None,
) -> CalibrationData:
    """People cohorts from a built warehouse (opened read-only): fit, signals per period, outcome in the horizon."""
    if cohort_days < 7 or horizon_days < cohort_days:
        raise ValueError("cohorts must be at least 7 days and the horizon at least as long as a cohort")
    if not Path(warehouse).is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}: build it first (handoff nightly) or pass --input")
    say = progress or (lambda _: None)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        bounds = con.execute(
            "select min(event_date), max(event_date) from marts.fct_engagement_events where person_id is not null"
        ).fetchall()[0]
        if not bounds or bounds[0] is None:
            raise ValueError(f"{warehouse} has no attributed engagement events to calibrate from")
        first_day, last_day = bounds
        last_usable = min(last_day, until) if until else last_day
        starts = []
        start = first_day
        while start + timedelta(days=horizon_days) <= last_usable + timedelta(days=1):
            starts.append(start)
            start += timedelta(days=cohort_days)
        if len(starts) < 3:
            raise ValueError(
                f"{first_day} to {last_usable} holds {len(starts)} full cohort(s) of {cohort_days} days with a "
                f"{horizon_days}-day horizon; calibration needs at least 3 (shorten --cohort-days or --horizon-days)"
            )
        say(f"reading {len(starts)} cohorts of {cohort_days} days from {warehouse.name}")
        frame = _warehouse_rows(con, starts, cohort_days, horizon_days, target)
    finally:
        con.close()
    signals = sorted(c.removeprefix("signal__") for c in frame.columns if c.startswith("signal__"))
    features = [
        Feature(column, "fit", "numeric" if column in NUMERIC_FIT_ATTRIBUTES else "categorical", column)
        for column in WAREHOUSE_FIT_COLUMNS
    ] + [Feature(f"signal__{signal}", "intent", "numeric", signal) for signal in signals]
    for feature in features:
        if feature.kind == "categorical":
            frame[feature.column] = clean_categorical(frame[feature.column])
    label = "a won opportunity" if target == "won" else "an opportunity"
    classes = [
        {
            "column": f.column,
            "class": f.role,
            "as": f.name,
            "why": "a person attribute" if f.role == "fit" else "an engagement signal (days shown)",
        }
        for f in features
    ]
    return CalibrationData(
        classes=classes,
        frame=frame,
        features=features,
        outcome_label=f"{label} at the account within {horizon_days} days",
        source=f"people cohorts of {cohort_days} days in {Path(warehouse).name}, {starts[0]} to {starts[-1]}",
        date_column=COHORT_DATE,
        notes=[
            "Hard exclusions (students, competitors, personal email) are rules, not learned: those people are left "
            "out, and the proposal keeps the exclusions of the version in force.",
            f"Accounts with an opportunity in the {IN_PIPELINE_DAYS} days before a cohort are left out of it.",
        ],
    )


def _warehouse_rows(
    con: duckdb.DuckDBPyConnection, starts: Sequence[date], cohort_days: int, horizon_days: int, target: str
) -> pd.DataFrame:
    cohorts = " union all ".join(f"select cast('{start}' as date) as cohort_date" for start in starts)
    anchors = f"""
        select persons.person_id, cohorts.cohort_date as anchor_date
        from marts.dim_persons as persons
        cross join ({cohorts}) as cohorts
        where persons.fit_exclusion is null
          and least(
              coalesce(cast(persons.created_at as date), date '9999-12-31'),
              coalesce(cast(persons.first_engaged_at as date), date '9999-12-31')
          ) < cohorts.cohort_date + {cohort_days}
    """
    outcome_column = "opportunity_won" if target == "won" else "reached_opportunity"
    rows = con.execute(
        f"""
        with labelled as ({outcomes_sql(con, anchors, horizon_days - 1)}),
        opportunities as (select account_id, created_date from marts.fct_opportunities where account_id is not null),
        in_pipeline as (
            select distinct labelled.person_id, labelled.anchor_date
            from labelled
            inner join opportunities
                on labelled.account_id = opportunities.account_id
                and opportunities.created_date < labelled.anchor_date
                and opportunities.created_date >= labelled.anchor_date - {IN_PIPELINE_DAYS}
        )
        select
            labelled.person_id,
            labelled.anchor_date as {COHORT_DATE},
            persons.industry, persons.employee_count, cast(persons.annual_revenue as double) as annual_revenue,
            persons.country_code, persons.seniority, persons.job_function,
            cast(labelled.{outcome_column} as integer) as {OUTCOME},
            cast(labelled.reached_sql as integer) as {SQL_OUTCOME}
        from labelled
        inner join marts.dim_persons as persons on labelled.person_id = persons.person_id
        left join in_pipeline
            on labelled.person_id = in_pipeline.person_id and labelled.anchor_date = in_pipeline.anchor_date
        where in_pipeline.person_id is null
        order by labelled.anchor_date, labelled.person_id
        """
    ).df()
    signals = con.execute(
        f"""
        with cohorts as ({cohorts})
        select events.person_id, cohorts.cohort_date as {COHORT_DATE}, events.signal_type,
               count(distinct events.event_date) as days
        from marts.fct_engagement_events as events
        inner join cohorts
            on events.event_date >= cohorts.cohort_date and events.event_date < cohorts.cohort_date + {cohort_days}
        where events.person_id is not null and not events.is_filtered and events.signal_type is not null
        group by all
        """
    ).df()
    wide = signals.pivot_table(
        index=["person_id", COHORT_DATE], columns="signal_type", values="days", aggfunc="sum", fill_value=0
    )
    wide.columns = [f"signal__{c}" for c in wide.columns]
    frame = rows.merge(wide.reset_index(), on=["person_id", COHORT_DATE], how="left")
    signal_columns = [c for c in frame.columns if c.startswith("signal__")]
    frame[signal_columns] = frame[signal_columns].fillna(0).astype(float)
    frame[COHORT_DATE] = pd.to_datetime(frame[COHORT_DATE])
    return frame


# --- a file --------------------------------------------------------------------------------------------------
def from_file(
    path: Path,
    *,
    outcome: str,
    exclude: Sequence[str] = (),
    date_column: str | None = None,
    fit_columns: Mapping[str, str] | None = None,
    signal_columns: Mapping[str, str] | None = None,
    known_signals: Sequence[str] = (),
    fit: Sequence[str] = (),
    intent: Sequence[str] = (),
) -> CalibrationData:
    """A CSV or Parquet table of leads: one row per lead, a binary outcome, anything else as features.

    Each column is classed fit or intent: by the flags (`fit`, `intent`, or the column maps), else intent when it
    is a signal type the project knows or its name says behaviour (INTENT_NAME: visits, time on site, last
    activity, source, ...), else fit. Numeric intent columns are counts (points per unit); a categorical one
    (a last activity, a lead source) becomes one 0/1 signal per frequent level.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no input file {path}")
    raw = _read_table(path)
    columns = {str(c): c for c in raw.columns}
    if outcome not in columns:
        raise ValueError(f"no outcome column {outcome!r} in {path.name} (columns: {', '.join(list(columns)[:20])})")
    unknown = [c for c in (*exclude, *(fit_columns or {}), *(signal_columns or {}), *fit, *intent) if c not in columns]
    both = sorted(set(fit) & set(intent))
    if both:
        raise ValueError(f"column(s) {', '.join(both)} given both as --fit and as --intent")
    if date_column:
        unknown += [] if date_column in columns else [date_column]
    if unknown:
        raise ValueError(f"no column(s) {', '.join(unknown)} in {path.name}")
    frame = pd.DataFrame({OUTCOME: as_binary(raw[columns[outcome]], outcome)})
    excluded = {c: "excluded by --exclude (id or leaks the outcome)" for c in exclude}
    notes: list[str] = []
    chosen_date = date_column or _guess_date_column(raw, set(exclude) | {outcome})
    if chosen_date:
        dates = pd.to_datetime(raw[columns[chosen_date]], errors="coerce")
        if dates.notna().mean() < 0.9:
            raise ValueError(f"date column {chosen_date!r}: fewer than 90 % of its values are dates")
        frame[COHORT_DATE] = dates
        excluded[chosen_date] = "the date the time split uses"
    known = set(known_signals)
    features: list[Feature] = []
    classes: list[dict[str, str]] = []
    for name in columns:
        if name in excluded or name == outcome:
            continue
        series = raw[columns[name]]
        mapped_signal = (signal_columns or {}).get(name)
        mapped_fit = (fit_columns or {}).get(name)
        target_name = mapped_signal or mapped_fit or snake(name)
        numbers = as_numeric(series)
        if mapped_signal or name in intent:
            role, why = "intent", "--signal-column" if mapped_signal else "--intent"
        elif mapped_fit or name in fit:
            role, why = "fit", "--fit-column" if mapped_fit else "--fit"
        elif target_name in known:
            role, why = "intent", "a signal type of the project"
        elif INTENT_NAME.search(target_name):
            role, why = "intent", "its name says behaviour (default)"
        else:
            role, why = "fit", "default: who the lead is"
        if role == "fit" and _looks_like_id(series, name):
            excluded[name] = "looks like an id (a different value on every row): left out"
            continue
        if role == "intent":
            if numbers is not None:
                column = f"signal__{target_name}"
                frame[column] = numbers.fillna(0).clip(lower=0)
                features.append(Feature(column, "intent", "numeric", target_name))
                classes.append({"column": name, "class": "intent", "as": f"count: {target_name}", "why": why})
                continue
            if mapped_signal:
                raise ValueError(f"column {name!r} is a signal ({target_name}) but is not numeric counts")
            levels = clean_categorical(series)
            counts = levels.value_counts()
            frequent = counts[counts >= max(20, 0.01 * len(levels))].head(MAX_INTENT_LEVELS)
            signals = []
            for level in frequent.index:
                signal = snake(f"{target_name}_{level}")
                column = f"signal__{signal}"
                frame[column] = (levels == level).astype(float)
                features.append(Feature(column, "intent", "numeric", signal))
                signals.append(signal)
            if not signals:
                excluded[name] = "intent, but no level is frequent enough to learn from: left out"
                continue
            described = f"one 0/1 signal per level: {', '.join(signals[:4])}{', ...' if len(signals) > 4 else ''}"
            classes.append({"column": name, "class": "intent", "as": described, "why": why})
            continue
        column = f"fit__{target_name}"
        if numbers is not None and series.nunique(dropna=True) > 12:
            frame[column] = numbers
            features.append(Feature(column, "fit", "numeric", target_name))
        else:
            frame[column] = clean_categorical(series)
            features.append(Feature(column, "fit", "categorical", target_name))
        classes.append({"column": name, "class": "fit", "as": f"attribute: {target_name}", "why": why})
    if not features:
        raise ValueError(f"{path.name} has no feature columns left after the exclusions")
    outside = sorted({f.name for f in features if f.role == "fit" and f.name not in FIT_ATTRIBUTES})
    if outside:
        notes.append(
            "Attributes the dbt project does not read (it scores fit on "
            + ", ".join(FIT_ATTRIBUTES)
            + "): "
            + ", ".join(outside)
            + ". They are in the scorecard and the report; to ship them, map each onto a person attribute "
            "(--fit-column COLUMN=ATTRIBUTE) or extend int_person_fit_rules_matched."
        )
    return CalibrationData(
        frame=frame,
        features=features,
        outcome_label=f"{outcome} = 1",
        source=path.name,
        date_column=COHORT_DATE if chosen_date else None,
        excluded=excluded,
        notes=notes,
        classes=classes,
    )


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
    raise ValueError(f"{path.name}: give a .csv or .parquet file")


def _guess_date_column(raw: pd.DataFrame, skip: set[str]) -> str | None:
    for name in raw.columns:
        if str(name) in skip or not re.search(r"(date|_at$|created|time)", str(name).lower()):
            continue
        parsed = pd.to_datetime(raw[name], errors="coerce", format="mixed")
        if parsed.notna().mean() >= 0.9:
            return str(name)
    return None


def _looks_like_id(series: pd.Series, name: str) -> bool:
    present = series.dropna()
    present = present[present.astype(str).str.strip() != ""]
    if len(present) < 20:
        return bool(re.search(r"(^|_)id$", snake(name)))
    return present.nunique() == len(present) or bool(re.search(r"(^|_)id$", snake(name)))
