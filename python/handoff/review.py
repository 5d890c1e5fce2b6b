"""`handoff review --quarter 2026Q3`: the quarterly drift review of the MQL definition.

Read-only on a built warehouse. Six looks, each compared with what came before, and plain recommendations from the
ones that moved more than chance explains:

1. score distribution shift per fit and intent component: population stability index (PSI) of the people scored
   in the quarter against the previous quarter;
2. conversion by intent band of the quarter's MQLs against the previous quarter's (their SQL and opportunity
   as fct_mql_handoffs records them);
3. MQL->SQL by month against the health band, as mrt_handoff_rates defines and labels it (three months outside
   it in a row is a finding);
4. rejection reasons by month (mrt_handoff_rejection_reasons);
5. signals whose conversion moved most: accounts where someone showed each signal in the quarter, the share that
   opened an opportunity within the horizon, against the trailing year (a move of at least 10 points that chance
   explains less than once in a thousand is a finding);
6. the share of engagement events the bot filter removed, by month (a rise of half again, and of 5 points, is a
   finding).

Every number is read from the marts through `handoff.warehouse.MartReader` in plain SQL (months and latest rows are
worked out in pandas), so the review gives the marts' answers, not its own. Two reads are not marts yet: the score
components of look 1 (points per fit attribute and per intent signal, which only int_person_fit_rules_matched and
int_person_intent_decayed hold) and the outcome of look 5 (people who were mostly never MQLs: handoff.outcomes).

Thresholds are chosen so that a quiet quarter raises nothing: every comparison is a pre-registered test with a
strict bar, because a review that cries wolf every quarter is a review nobody reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from handoff.outcomes import outcomes_sql
from handoff.project import ProjectPaths
from handoff.reports import markdown_table, percent
from handoff.thresholds import HealthBand, settings
from handoff.warehouse import MartReader

Progress = Callable[[str], None]

PSI_MAJOR = 0.25
PSI_MODERATE = 0.10
PSI_MIN_PEOPLE = 200
SIGNAL_MIN_ACCOUNTS = 30
ALL_ENGAGED = "(all engaged accounts)"
SIGNAL_MIN_DROP = 0.10
SIGNAL_Z = 3.29  # two-sided p < 0.001
BOT_MIN_RATIO = 1.5
BOT_MIN_POINTS = 0.05
BOT_MIN_EVENTS = 500
BAND_STREAK = 3
BAND_WIDTH = 10


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """'2026Q3' (or '2026-Q3', 'Q3 2026')."""
        match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", text) or re.fullmatch(
            r"\s*[Qq]([1-4])\s*-?\s*(\d{4})\s*", text
        )
        if not match:
            raise ValueError(f"not a quarter: {text!r} (write it like 2026Q3)")
        a, b = match.groups()
        year, number = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
        return cls(year, number)

    @property
    def start(self) -> date:
        """First day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Last day."""
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        """The quarter after."""
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        """The quarter before."""
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


@dataclass(frozen=True)
class Finding:
    """Something that moved more than chance explains, and what to do about it."""

    kind: str  # health_band, score_shift, signal_conversion, bot_share
    subject: str
    message: str


@dataclass
class ReviewResult:
    """The review's tables, findings and notes."""

    quarter: Quarter
    findings: list[Finding]
    notes: list[str]
    psi: pd.DataFrame
    bands: pd.DataFrame
    monthly: pd.DataFrame
    rejections: pd.DataFrame
    signals: pd.DataFrame
    bots: pd.DataFrame
    band: HealthBand
    report_path: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def flagged(self, kind: str) -> list[Finding]:
        """Findings of one kind."""
        return [f for f in self.findings if f.kind == kind]

    def summary_markdown(self) -> str:
        """The short summary printed to the terminal."""
        lines = [f"## Quarterly review {self.quarter} (against {self.quarter.previous()} and the trailing year)", ""]
        if self.findings:
            lines += ["Recommendations:", ""] + [f"- {f.message}" for f in self.findings]
        else:
            lines.append("Nothing moved more than chance explains: no change recommended.")
        lines += [""] + [f"- note: {n}" for n in self.notes]
        recent = self.monthly.tail(6)
        if not recent.empty:
            lines += ["", "MQL->SQL by month:", ""]
            lines.append(
                markdown_table(
                    recent.assign(mql_to_sql=recent["mql_to_sql"].map(percent)),
                    ["month", "definition_key", "mqls", "sqls", "mql_to_sql", "verdict"],
                )
            )
        if self.report_path:
            lines += ["", f"Report: {self.report_path}"]
        return "\n".join(lines)


def psi(expected: np.ndarray, actual: np.ndarray) -> float:
    """Population stability index of `actual` against `expected`: zero as its own bin, deciles of the rest."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if not len(expected) or not len(actual):
        return float("nan")
    positive = expected[expected > 0]
    edges = np.unique(np.quantile(positive, np.linspace(0, 1, 11)[1:-1])) if len(positive) else np.array([])
    positive_bins = np.concatenate([[0.0], edges, [np.inf]])

    def shares(values: np.ndarray) -> np.ndarray:
        counts = np.histogram(values[values > 0], bins=positive_bins)[0]
        return np.concatenate([[(values <= 0).sum()], counts]) / len(values)

    e, a = np.clip(shares(expected), 1e-4, None), np.clip(shares(actual), 1e-4, None)
    return float(np.sum((a - e) * np.log(a / e)))


def _two_proportion_z(k1: int, n1: int, k2: int, n2: int) -> float:
    if not n1 or not n2:
        return float("nan")
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return (k2 / n2 - k1 / n1) / se if se else 0.0


def _month(dates: pd.Series) -> pd.Series:
    """'YYYY-MM' of each date (done here, not in SQL, where every engine spells it differently)."""
    return pd.to_datetime(dates).dt.strftime("%Y-%m")


def _active_scores(wh: MartReader, quarter: Quarter) -> pd.DataFrame:
    """fct_person_daily_scores of the quarter's active days: each row carries the version in force that day."""
    return wh.frame(
        """
        select person_id, score_date, definition_version, fit_score, intent_score
        from marts.fct_person_daily_scores
        where score_date between ? and ? and is_active_day
        """,
        [quarter.start, quarter.end],
    )


def _version_scored_last(wh: MartReader, scores: pd.DataFrame) -> tuple[int | None, int | None]:
    """The definition version (and its intent rule set) in force on the quarter's last scored day.

    Read from the scores, which carry the version handoff.is_in_force_on put in force on each day, and from
    dim_definition_versions by key: the review never restates which version is in force on a date.
    """
    if scores.empty or scores["definition_version"].isna().all():
        return None, None
    version = int(scores.sort_values("score_date")["definition_version"].dropna().iloc[-1])
    rule_sets = wh.frame(
        "select intent_rule_set_version from marts.dim_definition_versions where definition_version = ?", [version]
    )
    return version, int(rule_sets["intent_rule_set_version"].iloc[0]) if not rule_sets.empty else None


def score_shift(wh: MartReader, quarter: Quarter) -> pd.DataFrame:
    """PSI of fit, intent and each of their components among the people active in the quarter vs the previous one.

    Active days only: the day a new version takes effect is an evaluated day for everyone active before it, and
    counting those would make a definition change look like a change of population.
    """
    frames = {}
    for label, q in (("previous", quarter.previous()), ("current", quarter)):
        scores = _active_scores(wh, q)
        version, rule_set = _version_scored_last(wh, scores)
        people = (
            scores.sort_values("score_date")
            .groupby("person_id")
            .agg(fit=("fit_score", "last"), intent=("intent_score", "max"))
            .astype(float)
            .reset_index()
        )
        # the score components have no mart yet: read from the two models that compute them (see the module note)
        signals = wh.frame(
            """
            select person_id, signal_type, max(cast(intent_points as double)) as value
            from intermediate.int_person_intent_decayed
            where intent_rule_set_version = ? and score_date between ? and ? and points_today <> 0
            group by person_id, signal_type
            """,
            [rule_set, q.start, q.end],
        )
        fit_parts = wh.frame(
            """
            select person_id, person_attribute, sum(points) as value
            from intermediate.int_person_fit_rules_matched where definition_version = ?
            group by person_id, person_attribute
            """,
            [version],
        )
        signals["component"] = "intent: " + signals["signal_type"].astype(str)
        fit_parts["component"] = "fit: " + fit_parts["person_attribute"].astype(str)
        wide = people.rename(columns={"fit": "fit score", "intent": "intent score"}).set_index("person_id")
        for parts in (signals, fit_parts):
            if not parts.empty:
                pivot = parts.pivot_table(index="person_id", columns="component", values="value", aggfunc="sum")
                wide = wide.join(pivot, how="left")
        frames[label] = wide.fillna(0.0)
    previous, current = frames["previous"], frames["current"]
    rows = []
    for component in sorted(set(previous.columns) | set(current.columns), key=lambda c: (c.count(":"), c)):
        e = previous[component].to_numpy() if component in previous else np.zeros(len(previous))
        a = current[component].to_numpy() if component in current else np.zeros(len(current))
        value = psi(e, a)
        rows.append(
            {
                "component": component,
                "people_previous": len(e),
                "people_current": len(a),
                "mean_previous": float(np.mean(e)) if len(e) else float("nan"),
                "mean_current": float(np.mean(a)) if len(a) else float("nan"),
                "psi": value,
                "shift": "major" if value >= PSI_MAJOR else "moderate" if value >= PSI_MODERATE else "stable",
            }
        )
    return pd.DataFrame(rows)


def conversion_by_band(wh: MartReader, quarter: Quarter) -> pd.DataFrame:
    """SQL and opportunity rates of the MQLs of the quarter and of the previous one, by intent band.

    An MQL's outcome is fct_mql_handoffs' (is_sql, has_opportunity): the rates by band add up to the quarter's
    mql_sql_rate of mrt_handoff_rates, never to a rate of the review's own.
    """
    rows = []
    for label, q in (("previous", quarter.previous()), ("current", quarter)):
        mqls = wh.frame(
            """
            select handoffs.mql_id, mqls.intent_score, handoffs.is_sql, handoffs.has_opportunity
            from marts.fct_mql_handoffs as handoffs
            inner join marts.fct_mqls as mqls on handoffs.mql_id = mqls.mql_id
            where handoffs.definition_version is not null and handoffs.mql_date between ? and ?
            """,
            [q.start, q.end],
        )
        if mqls.empty:
            continue
        mqls["band"] = (mqls["intent_score"].astype(float) // BAND_WIDTH * BAND_WIDTH).astype(int)
        mqls[["is_sql", "has_opportunity"]] = mqls[["is_sql", "has_opportunity"]].astype(float)
        grouped = mqls.groupby("band").agg(
            mqls=("mql_id", "size"), sql_rate=("is_sql", "mean"), opportunity_rate=("has_opportunity", "mean")
        )
        for band, row in grouped.iterrows():
            rows.append({"quarter": label, "band": int(band), **row.to_dict()})
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.pivot_table(index="band", columns="quarter", values=["mqls", "sql_rate"]).reset_index()


MONTHLY_COLUMNS = [
    "month",
    "definition_key",
    "mqls",
    "sqls",
    "mql_to_sql",
    "verdict",
    "sqls_within_horizon",
    "mql_to_sql_within_horizon",
    "horizon_days",
    "complete",
]


def monthly_mql_to_sql(wh: MartReader, quarter: Quarter) -> pd.DataFrame:
    """MQL->SQL per month and definition for the year up to the quarter's end, as mrt_handoff_rates defines it.

    The rate, its band label and the horizon-bounded variant are read, never re-derived: the review, the marts
    and MetricFlow give one answer (every segment together: the model's `All` rows).
    """
    start = date(quarter.end.year - 1, quarter.end.month, 1) + timedelta(days=32)
    start = date(start.year, start.month, 1)
    table = wh.frame(
        """
        select
            period_start_date,
            definition_key,
            mql_count as mqls,
            sql_count as sqls,
            mql_sql_rate as mql_to_sql,
            mql_sql_health_band as verdict,
            sql_within_horizon_count as sqls_within_horizon,
            mql_sql_rate_within_horizon as mql_to_sql_within_horizon,
            outcome_horizon_days as horizon_days,
            is_horizon_complete as complete
        from marts.mrt_handoff_rates
        where period_grain = 'month' and segment = 'All' and period_start_date between ? and ?
        order by period_start_date, definition_key
        """,
        [start, quarter.end],
    )
    if table.empty:
        return pd.DataFrame(columns=MONTHLY_COLUMNS)
    return table.assign(month=_month(table["period_start_date"]))[MONTHLY_COLUMNS]


def rejection_trend(wh: MartReader, quarter: Quarter) -> pd.DataFrame:
    """Rejected MQLs by month and reason code over the two quarters, as mrt_handoff_rejection_reasons counts them."""
    rows = wh.frame(
        """
        select period_start_date, rejection_reason_code as reason, sum(rejected_mql_count) as rejections
        from marts.mrt_handoff_rejection_reasons
        where period_grain = 'month' and period_start_date between ? and ?
        group by period_start_date, rejection_reason_code
        """,
        [quarter.previous().start, quarter.end],
    )
    rows = rows.assign(month=_month(rows["period_start_date"]), rejections=rows["rejections"].astype(int))
    table = rows[["month", "reason", "rejections"]]
    return table.sort_values(["month", "rejections"], ascending=[True, False]).reset_index(drop=True)


def signal_conversion(wh: MartReader, quarter: Quarter, horizon: int, data_end: date) -> pd.DataFrame:
    """Per signal: accounts where someone showed it, and the share that opened an opportunity within the horizon.

    The quarter against the trailing year (the four quarters before it), in account-quarters: each person counts
    from their first unfiltered event of the signal in a quarter, and an account converts in that quarter when an
    opportunity opens within the horizon of any of its people's days. Accounts, not people, are the units:
    colleagues of one buying committee share one outcome, and counting them as independent would make a busy
    account look like a trend. Only days whose horizon the data covers are used.
    """
    last = min(quarter.end, data_end - timedelta(days=horizon))
    base_start = quarter.start - timedelta(days=365)
    # one unit per account and calendar quarter: the baseline's four quarters and the current one alike
    period = "cast(date_trunc('quarter', event_date) as date)"
    where = f"not is_filtered and person_id is not null and event_date between date '{base_start}' and date '{last}'"
    # who showed what, and which of them saw an opportunity at their account within the horizon: these people were
    # mostly never MQLs, so no handoff mart holds their outcome; handoff.outcomes defines it for every command
    per_signal = f"""
        select person_id, signal_type, {period} as quarter_start, min(event_date) as anchor_date
        from marts.fct_engagement_events where {where} and signal_type is not null
        group by person_id, signal_type, {period}
    """
    anyone = f"""
        select person_id, '{ALL_ENGAGED}' as signal_type, {period} as quarter_start, min(event_date) as anchor_date
        from marts.fct_engagement_events where {where}
        group by person_id, {period}
    """
    rows = wh.frame(
        f"""
        with people as ({outcomes_sql(wh.connection, f"{per_signal} union all {anyone}", horizon)}),
        accounts as (
            select signal_type, quarter_start, account_id, max(cast(reached_opportunity as integer)) as converted
            from people where account_id is not null
            group by signal_type, quarter_start, account_id
        ),
        periods as (
            select
                signal_type,
                case when quarter_start >= date '{quarter.start}' then 'current' else 'baseline' end as period,
                converted
            from accounts
        )
        select signal_type, period, count(*) as accounts, sum(converted) as converted
        from periods group by signal_type, period
        """
    )
    table = rows.pivot_table(index="signal_type", columns="period", values=["accounts", "converted"], fill_value=0)
    out = pd.DataFrame(index=table.index)
    for name in ("baseline", "current"):
        out[f"accounts_{name}"] = table["accounts"].get(name, 0)
        out[f"converted_{name}"] = table["converted"].get(name, 0)
        out[f"rate_{name}"] = out[f"converted_{name}"] / out[f"accounts_{name}"].replace(0, np.nan)
    out["change"] = out["rate_current"] - out["rate_baseline"]
    out["z"] = [
        _two_proportion_z(
            int(r.converted_baseline), int(r.accounts_baseline), int(r.converted_current), int(r.accounts_current)
        )
        for r in out.itertuples()
    ]
    out = out.reset_index().rename(columns={"signal_type": "signal"})
    out.attrs["last_day"] = last
    return out.sort_values("change", key=lambda c: -c.abs().fillna(0)).reset_index(drop=True)


def bot_share(wh: MartReader, quarter: Quarter) -> pd.DataFrame:
    """Share of engagement events (and of email events) the bot filter removed, by month, for a year."""
    days = wh.frame(
        """
        select event_date, channel, is_filtered, count(*) as events
        from marts.fct_engagement_events
        where event_date between ? and ?
        group by event_date, channel, is_filtered
        """,
        [quarter.start - timedelta(days=365), quarter.end],
    )
    columns = ["month", "events", "filtered", "filtered_share", "email_filtered_share"]
    if days.empty:
        return pd.DataFrame(columns=columns)
    days["month"] = _month(days["event_date"])
    days["filtered"] = days["events"].where(days["is_filtered"].astype(bool), 0)
    email = days[days["channel"] == "email"].groupby("month")[["events", "filtered"]].sum()
    table = days.groupby("month")[["events", "filtered"]].sum()
    table["filtered_share"] = table["filtered"] / table["events"]
    table["email_filtered_share"] = (email["filtered"] / email["events"]).reindex(table.index)
    return table.reset_index()[columns]


def _findings(result: ReviewResult, quarter: Quarter, horizon: int) -> list[Finding]:
    findings: list[Finding] = []
    band = result.band
    monthly = result.monthly[result.monthly["month"] <= quarter.end.strftime("%Y-%m")]
    # the streak is the definition in force at the end: its own last months, as mrt_handoff_rates labels them
    latest = monthly["definition_key"].iloc[-1] if not monthly.empty else None
    months = monthly[monthly["definition_key"] == latest].tail(BAND_STREAK)
    if len(months) == BAND_STREAK and months["complete"].all():
        rates = months["mql_to_sql"]
        if (months["verdict"] == band.below_label).all():
            findings.append(
                Finding(
                    "health_band",
                    "mql_to_sql",
                    f"MQL->SQL {percent(rates.mean())} of {latest} for {BAND_STREAK} months, {band.below_label} (below "
                    f"{percent(band.low)}): raise the MQL threshold or tighten the fit gate (handoff calibrate, then "
                    "backtest).",
                )
            )
        elif (months["verdict"] == band.above_label).all():
            findings.append(
                Finding(
                    "health_band",
                    "mql_to_sql",
                    f"MQL->SQL {percent(rates.mean())} of {latest} for {BAND_STREAK} months, {band.above_label} (above "
                    f"{percent(band.high)}): sales could work more; lower the threshold (handoff backtest a proposal).",
                )
            )
    for row in result.psi.itertuples():
        if row.psi >= PSI_MAJOR and min(row.people_previous, row.people_current) >= PSI_MIN_PEOPLE:
            findings.append(
                Finding(
                    "score_shift",
                    str(row.component),
                    f"{row.component} shifted (PSI {row.psi:.2f}; mean {row.mean_previous:.1f} -> "
                    f"{row.mean_current:.1f}): check tracking and channel mix before trusting the scores.",
                )
            )
    signals = result.signals
    for row in signals[signals["signal"] != ALL_ENGAGED].itertuples():
        enough = min(row.accounts_baseline, row.accounts_current) >= SIGNAL_MIN_ACCOUNTS
        if enough and abs(row.change) >= SIGNAL_MIN_DROP and abs(row.z) >= SIGNAL_Z:
            direction = "stopped converting" if row.change < 0 else "converts much more"
            findings.append(
                Finding(
                    "signal_conversion",
                    str(row.signal),
                    f"{row.signal} {direction}: {percent(row.rate_current)} of the accounts where someone showed it "
                    f"opened an opportunity within {horizon} days, against {percent(row.rate_baseline)} over the "
                    f"trailing year ({int(row.accounts_current)} accounts): re-calibrate its points "
                    "(handoff calibrate).",
                )
            )
    bots = result.bots
    current = bots[bots["month"].between(quarter.start.strftime("%Y-%m"), quarter.end.strftime("%Y-%m"))]
    previous_q = quarter.previous()
    before = bots[bots["month"].between(previous_q.start.strftime("%Y-%m"), previous_q.end.strftime("%Y-%m"))]
    if current["events"].sum() >= BOT_MIN_EVENTS and before["events"].sum() >= BOT_MIN_EVENTS:
        now = current["filtered"].sum() / current["events"].sum()
        then = before["filtered"].sum() / before["events"].sum()
        ratio = now / then if then > 0 else float("inf")
        if (ratio >= BOT_MIN_RATIO or ratio <= 1 / BOT_MIN_RATIO) and abs(now - then) >= BOT_MIN_POINTS:
            findings.append(
                Finding(
                    "bot_share",
                    "bot filter",
                    f"bot-filtered share of engagement events {percent(then)} -> {percent(now)} "
                    f"({int(current['filtered'].sum()):,} filtered events this quarter): bot traffic changed; check "
                    "the scanner rules and user-agent list, and that no bot slips into the scores.",
                )
            )
    return findings


def run_review(
    paths: ProjectPaths,
    quarter: Quarter | str,
    *,
    warehouse: Path | None = None,
    horizon_days: int = 30,
    report_dir: Path | None = None,
    progress: Progress | None = None,
) -> ReviewResult:
    """Review a quarter on the published (or a given) warehouse and write the report."""
    say = progress or (lambda _: None)
    q = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
    if horizon_days < 1:
        raise ValueError("the horizon must be at least one day")
    band, _ = settings(paths)
    wh = MartReader(warehouse or paths.full_warehouse_path)
    try:
        bounds = wh.frame("select min(event_date) as first, max(event_date) as last from marts.fct_engagement_events")
        first, last = bounds["first"].iloc[0], bounds["last"].iloc[0]
        if first is None or pd.isna(first):
            raise ValueError("the warehouse has no engagement events to review")
        first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
        if q.start > last:
            raise ValueError(f"{q} has not started in the data (it ends {last})")
        if q.previous().start < first:
            raise ValueError(f"{q} needs the previous quarter too; the data starts {first}")
        notes = []
        if q.end > last:
            notes.append(f"{q} is not over in the data (last day {last}): its figures are partial")
        say(f"score distributions: {q} against {q.previous()}")
        shift = score_shift(wh, q)
        say("conversion by band, MQL->SQL by month, rejection reasons")
        bands = conversion_by_band(wh, q)
        monthly = monthly_mql_to_sql(wh, q)
        rejections = rejection_trend(wh, q)
        say("conversion by signal against the trailing year")
        signals = signal_conversion(wh, q, horizon_days, last)
        if signals.attrs.get("last_day") and signals.attrs["last_day"] < q.end:
            notes.append(
                f"signal conversion uses days up to {signals.attrs['last_day']} (the {horizon_days}-day horizon must "
                "be observed)"
            )
        say("bot-filter share by month")
        bots = bot_share(wh, q)
        versions = wh.frame(
            """
            select definition_version, effective_from from marts.dim_definition_versions
            where status = 'effective' and effective_from between ? and ? order by effective_from
            """,
            [q.previous().start, q.end],
        )
    finally:
        wh.close()
    for row in versions.itertuples():
        notes.append(
            f"definition version {row.definition_version} took effect {pd.Timestamp(row.effective_from).date()}: "
            "MQL volume and MQL->SQL changes around it are partly the definition's, not the buyers' (see the "
            "decomposition mart, or handoff backtest)"
        )
    result = ReviewResult(q, [], notes, shift, bands, monthly, rejections, signals, bots, band)
    result.findings = _findings(result, q, horizon_days)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    from handoff.review_report import write_report  # the report reads this module's result and bounds

    result.report_path = write_report(result, (report_dir or paths.reports_dir) / f"review-{q}-{stamp}" / "review.html")
    return result
