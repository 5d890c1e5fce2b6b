"""The board's figures, each one query of the published marts (read-only connection, closed after each read).

The board reads the marts' rows; a rate per period is the mart's own column (mrt_handoff_rates), and a total over
periods is re-aggregated from the mart's counts, as the mart documents (never by averaging rates). The MQL->SQL
health band and its labels come from the mql_sql_health_band seed (`handoff.thresholds.HealthBand`), as the marts'.
Every function takes the warehouse path so the nightly can swap the file between two reads: each read opens the
file anew and sees one whole published version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

MONTHS_SHOWN = 12


def read(warehouse: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    """One query on a read-only connection that is closed again (never blocks the nightly's publish)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


@dataclass(frozen=True)
class Window:
    """The board's months: the trailing twelve up to the last month that has begun."""

    first_month: date
    last_month: date

    @property
    def label(self) -> str:
        """`Jan 2026 - Dec 2026`."""
        return f"{self.first_month:%b %Y} - {self.last_month:%b %Y}"


def window(warehouse: Path, today: date | None = None) -> Window:
    """The trailing 12 months of the attainment mart up to the current month (targets run ahead of the data)."""
    frame = read(
        warehouse,
        "select max(period_start_date) as last_month from marts.mrt_pipeline_attainment "
        "where period_grain = 'month' and period_start_date <= ?",
        [today or date.today()],
    )
    last = frame["last_month"].iloc[0]
    last = pd.Timestamp(last).date() if pd.notna(last) else (today or date.today()).replace(day=1)
    first = (pd.Timestamp(last) - pd.DateOffset(months=MONTHS_SHOWN - 1)).date()
    return Window(first_month=first, last_month=last)


def definition_changes(warehouse: Path) -> pd.DataFrame:
    """The date each effective definition version took effect (every time chart marks them)."""
    return read(
        warehouse,
        "select definition_version, effective_from, 'v' || definition_version as label "
        "from marts.dim_definition_versions where status = 'effective' and effective_from is not null "
        "order by effective_from",
    )


def attainment_by_month(warehouse: Path, win: Window) -> pd.DataFrame:
    """Tier-1 by month: pipeline created and closed-won beside their targets."""
    return read(
        warehouse,
        "select period_start_date as month, pipeline_amount, pipeline_target_amount, bookings_amount, "
        "bookings_target_amount, opportunity_count, won_count from marts.mrt_pipeline_attainment "
        "where period_grain = 'month' and period_start_date between ? and ? order by month",
        [win.first_month, win.last_month],
    )


def tier1_totals(warehouse: Path, win: Window) -> dict[str, float]:
    """The headline tier-1 figures of the window."""
    frame = attainment_by_month(warehouse, win)
    return {
        "pipeline_created": float(frame["pipeline_amount"].sum()),
        "pipeline_target": float(frame["pipeline_target_amount"].sum()),
        "closed_won": float(frame["bookings_amount"].sum()),
        "bookings_target": float(frame["bookings_target_amount"].sum()),
        "opportunities": int(frame["opportunity_count"].sum()),
        "won_deals": int(frame["won_count"].sum()),
    }


def created_by_month_and_source(warehouse: Path, win: Window) -> pd.DataFrame:
    """Pipeline created per month and source (stacked bars under the target line)."""
    return read(
        warehouse,
        "select period_start_date as month, pipeline_source, sum(pipeline_amount) as pipeline_amount "
        "from marts.mrt_pipeline_by_source where period_grain = 'month' and period_start_date between ? and ? "
        "and opportunity_count > 0 group by all order by month, pipeline_source",
        [win.first_month, win.last_month],
    )


def won_by_month_and_segment(warehouse: Path, win: Window) -> pd.DataFrame:
    """Closed-won per month and segment."""
    return read(
        warehouse,
        "select period_start_date as month, segment, sum(won_amount) as won_amount "
        "from marts.mrt_pipeline_closed_won where period_grain = 'month' and period_start_date between ? and ? "
        "group by all order by month, segment",
        [win.first_month, win.last_month],
    )


def source_segment_table(warehouse: Path, win: Window) -> pd.DataFrame:
    """Pipeline created and closed-won in the window by source and segment."""
    return read(
        warehouse,
        "select pipeline_source as source, segment, sum(opportunity_count) as opportunities, "
        "sum(pipeline_amount) as pipeline_created, sum(won_count) as won_deals, sum(won_amount) as closed_won "
        "from marts.mrt_pipeline_by_source where period_grain = 'month' and period_start_date between ? and ? "
        "group by all order by source, segment",
        [win.first_month, win.last_month],
    )


def funnel_by_definition(warehouse: Path) -> pd.DataFrame:
    """The handoff funnel per definition (all segments, every month): MQL -> touched in SLA -> meeting -> opp -> won."""
    return read(
        warehouse,
        "select definition_key, sum(mql_count) as mqls, sum(sla_decided_count) as sla_decided, "
        "sum(touched_within_sla_count) as touched_within_sla, sum(meeting_count) as meetings, "
        "sum(opportunity_count) as opportunities, sum(won_count) as won, sum(sql_count) as sqls "
        "from marts.mrt_handoff_rates where period_grain = 'month' and segment = 'All' "
        "group by all order by definition_key",
    )


def rates_by_month(warehouse: Path) -> pd.DataFrame:
    """MQL->SQL and touched-within-SLA per month and definition, as mrt_handoff_rates defines them."""
    return read(
        warehouse,
        "select period_start_date as month, definition_key, mql_sql_rate, touched_within_sla_rate "
        "from marts.mrt_handoff_rates where period_grain = 'month' and segment = 'All' "
        "order by month, definition_key",
    )


def rejection_reasons(warehouse: Path) -> pd.DataFrame:
    """Rejected MQLs per reason code and definition version."""
    return read(
        warehouse,
        "select rejection_reason_code as reason, definition_version, sum(rejected_mql_count) as rejected_mqls "
        "from marts.mrt_handoff_rejection_reasons where period_grain = 'month' group by all "
        "order by rejected_mqls desc, reason, definition_version",
    )


def mqas_by_month(warehouse: Path) -> pd.DataFrame:
    """MQAs per month and segment."""
    return read(
        warehouse,
        "select period_start_date as month, segment, sum(mqa_count) as mqas from marts.mrt_mqa_volume "
        "where period_grain = 'month' group by all order by month, segment",
    )


def published_by(warehouse: Path) -> str:
    """Which nightly run published the file (the last successful row of ops.nightly_runs), for the page footer."""
    try:
        frame = read(
            warehouse,
            "select run_id, ended_at from ops.nightly_runs where status = 'success' order by ended_at desc limit 1",
        )
    except duckdb.CatalogException:
        return "Published outside the nightly (no ops.nightly_runs)."
    if frame.empty:
        return "Published outside the nightly (no successful run recorded)."
    row = frame.iloc[0]
    return f"Published by nightly run {row['run_id']} at {pd.Timestamp(row['ended_at']):%Y-%m-%d %H:%M} UTC."


def rate(numerator: float, denominator: float) -> float | None:
    """A ratio of the marts' counts; None when there is nothing to divide by."""
    return numerator / denominator if denominator else None
