"""The board's Streamlit script: two pages over the published marts, tier-1 first.

Started by `handoff board` (`streamlit run` on this file with HANDOFF_WAREHOUSE set); never run it by hand against
the work file. Every figure comes from `handoff.board.queries`; charts are Altair (Streamlit's own chart library).
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from handoff.board import queries
from handoff.project import ProjectPaths
from handoff.thresholds import HealthBand

STAGE_LABELS = {
    "mqls": "MQL",
    "touched_within_sla": "touched within SLA",
    "meetings": "meeting",
    "opportunities": "opportunity",
    "won": "won",
}
SOURCE_LABELS = {"marketing_mql": "Marketing (MQL)", "marketing_mqa": "Marketing (MQA)", "other": "Other"}


def warehouse() -> Path:
    """The published file (HANDOFF_WAREHOUSE, set by `handoff board`)."""
    return ProjectPaths.default().warehouse_path


def money(value: float) -> str:
    """Whole dollars with thousands separators."""
    return f"${value:,.0f}"


def percent(value: float | None) -> str:
    """A rate as a percentage with one decimal ("n/a" when there is nothing to divide by)."""
    return "n/a" if value is None else f"{value:.1%}"


def version_rules(changes: pd.DataFrame, first: pd.Timestamp | None = None) -> alt.LayerChart:
    """Vertical marks at each definition version's effective date, labelled `v<N> in force`."""
    frame = changes.assign(effective_from=pd.to_datetime(changes["effective_from"]))
    if first is not None:
        frame = frame[frame["effective_from"] >= first]
    frame = frame.assign(text=frame["label"] + " in force")
    rule = alt.Chart(frame).mark_rule(color="#7f3fbf", strokeDash=[4, 3]).encode(x="effective_from:T")
    text = (
        alt.Chart(frame)
        .mark_text(align="left", dx=3, dy=-6, color="#7f3fbf", baseline="bottom")
        .encode(x="effective_from:T", y=alt.value(12), text="text:N")
    )
    return rule + text


def legend_below() -> alt.Legend:
    """Legends under the plot, never over the data."""
    return alt.Legend(orient="bottom", title=None)


def _monthly_bars(frame: pd.DataFrame, amount: str, title: str, split_by: str) -> alt.Chart:
    """An amount by month, stacked by `split_by` (the tier-1 charts: pipeline by source, closed-won by segment)."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y(f"sum({amount}):Q", title=title),
            color=alt.Color(f"{split_by}:N", legend=legend_below()),
        )
    )


def _monthly_target(monthly: pd.DataFrame, target: str) -> alt.Chart:
    """The month's target as a dashed black line over the bars."""
    return (
        alt.Chart(monthly)
        .mark_line(color="black", strokeDash=[6, 2], point=True)
        .encode(x="yearmonth(month):T", y=f"{target}:Q")
    )


def pipeline_page() -> None:
    """Tier 1: pipeline created and closed-won by month, source and segment, against target."""
    path = warehouse()
    win = queries.window(path)
    changes = queries.definition_changes(path)
    totals = queries.tier1_totals(path, win)
    st.title("Tier 1: pipeline created and closed-won")
    st.caption(f"Trailing 12 months, {win.label}. Published warehouse {path.name}, opened read-only.")

    cols = st.columns(4)
    cols[0].metric("Pipeline created", money(totals["pipeline_created"]))
    cols[1].metric("Pipeline target", money(totals["pipeline_target"]))
    cols[2].metric("Pipeline attainment", percent(queries.rate(totals["pipeline_created"], totals["pipeline_target"])))
    cols[3].metric("Opportunities created", f"{totals['opportunities']:,}")
    cols = st.columns(4)
    cols[0].metric("Closed-won", money(totals["closed_won"]))
    cols[1].metric("Bookings target", money(totals["bookings_target"]))
    cols[2].metric("Bookings attainment", percent(queries.rate(totals["closed_won"], totals["bookings_target"])))
    cols[3].metric("Deals won", f"{totals['won_deals']:,}")

    first = pd.Timestamp(win.first_month)
    monthly = queries.attainment_by_month(path, win).assign(month=lambda f: pd.to_datetime(f["month"]))
    created = queries.created_by_month_and_source(path, win).assign(
        month=lambda f: pd.to_datetime(f["month"]), source=lambda f: f["pipeline_source"].map(SOURCE_LABELS)
    )
    st.subheader("Pipeline created by month and source, against target")
    bars = _monthly_bars(created, "pipeline_amount", "pipeline created ($)", "source")
    target = _monthly_target(monthly, "pipeline_target_amount")
    st.altair_chart((bars + target + version_rules(changes, first)).properties(height=300), width="stretch")

    won = queries.won_by_month_and_segment(path, win).assign(month=lambda f: pd.to_datetime(f["month"]))
    st.subheader("Closed-won by month and segment, against the bookings target")
    bars = _monthly_bars(won, "won_amount", "closed-won ($)", "segment")
    target = _monthly_target(monthly, "bookings_target_amount")
    st.altair_chart((bars + target + version_rules(changes, first)).properties(height=300), width="stretch")
    st.caption("Dashed black line: target. Purple marks: the date an MQL definition version took effect.")

    st.subheader("By source and segment")
    table = queries.source_segment_table(path, win)
    table["source"] = table["source"].map(SOURCE_LABELS).fillna(table["source"])
    for column in ("pipeline_created", "closed_won"):
        table[column] = table[column].map(lambda v: money(float(v)))
    for column in ("opportunities", "won_deals"):
        table[column] = table[column].astype(int).map("{:,}".format)
    st.table(table.set_index(["source", "segment"]))
    st.caption(f"Board data: {queries.published_by(path)}")


def handoff_page() -> None:
    """Tier 2: the handoff funnel per definition version, MQL->SQL in its band, SLA, rejections, MQAs."""
    path = warehouse()
    changes = queries.definition_changes(path)
    band = HealthBand.from_project(ProjectPaths.default())
    low, high = band.low, band.high
    st.title("Tier 2: the handoff, per definition version")
    st.caption(
        "Tier 2 serves tier 1: read these beside the pipeline, never instead of it. "
        f"MQL->SQL health band {low:.0%} to {high:.0%}."
    )

    funnel = queries.funnel_by_definition(path)
    st.subheader("Handoff funnel per definition version")
    rows = []
    for item in funnel.itertuples():
        sql_rate = queries.rate(item.sqls, item.mqls)
        verdict = "n/a" if sql_rate is None else band.verdict(sql_rate)
        rows.append(
            {
                "version": item.definition_key,
                "MQLs": f"{int(item.mqls):,}",
                "touched within SLA": f"{int(item.touched_within_sla):,}",
                "meetings": f"{int(item.meetings):,}",
                "opportunities": f"{int(item.opportunities):,}",
                "won": f"{int(item.won):,}",
                "MQL->SQL": percent(sql_rate),
                "band": verdict,
                "touched within SLA (% decided)": percent(queries.rate(item.touched_within_sla, item.sla_decided)),
            }
        )
    st.table(pd.DataFrame(rows).set_index("version"))
    stages = funnel.melt(
        id_vars="definition_key",
        value_vars=["mqls", "touched_within_sla", "meetings", "opportunities", "won"],
        var_name="stage",
        value_name="count",
    ).assign(version=lambda f: f["definition_key"], stage=lambda f: f["stage"].map(STAGE_LABELS))
    order = list(STAGE_LABELS.values())
    st.altair_chart(
        alt.Chart(stages)
        .mark_bar()
        .encode(
            x=alt.X("stage:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
            xOffset="version:N",
            y=alt.Y("count:Q", title="MQLs"),
            color=alt.Color("version:N", legend=legend_below()),
        )
        .properties(height=260),
        width="stretch",
    )

    monthly = queries.rates_by_month(path).assign(month=lambda f: pd.to_datetime(f["month"]))
    monthly = monthly.rename(columns={"mql_sql_rate": "MQL->SQL", "touched_within_sla_rate": "touched within SLA"})
    rates = monthly.melt(
        id_vars=["month", "definition_key"], value_vars=["MQL->SQL", "touched within SLA"], var_name="rate"
    ).assign(series=lambda f: f["rate"] + " (" + f["definition_key"] + ")")
    st.subheader("MQL->SQL against its health band, and touched within SLA, by month")
    band_area = (
        alt.Chart(pd.DataFrame({"low": [low], "high": [high]}))
        .mark_rect(color="#2ca02c", opacity=0.12)
        .encode(y="low:Q", y2="high:Q")
    )
    lines = (
        alt.Chart(rates)
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("series:N", legend=legend_below()),
        )
    )
    st.altair_chart((band_area + lines + version_rules(changes)).properties(height=300), width="stretch")
    st.caption("Green band: the healthy MQL->SQL range. Purple marks: a definition version took effect.")

    left, right = st.columns(2)
    with left:
        st.subheader("Rejection reasons")
        reasons = queries.rejection_reasons(path).assign(version=lambda f: "v" + f["definition_version"].astype(str))
        st.altair_chart(
            alt.Chart(reasons)
            .mark_bar()
            .encode(
                y=alt.Y("reason:N", sort="-x", title=None),
                x=alt.X("sum(rejected_mqls):Q", title="rejected MQLs", axis=alt.Axis(tickMinStep=1, format="d")),
                color=alt.Color("version:N", legend=legend_below()),
            )
            .properties(height=220),
            width="stretch",
        )
        totals = reasons.groupby("reason", as_index=False)["rejected_mqls"].sum()
        st.table(
            totals.sort_values(["rejected_mqls", "reason"], ascending=[False, True])
            .assign(rejected_mqls=lambda f: f["rejected_mqls"].astype(int).map("{:,}".format))
            .rename(columns={"rejected_mqls": "rejected MQLs"})
            .set_index("reason")
        )
    with right:
        st.subheader("MQAs by month")
        mqas = queries.mqas_by_month(path).assign(month=lambda f: pd.to_datetime(f["month"]))
        st.altair_chart(
            (
                alt.Chart(mqas)
                .mark_bar()
                .encode(
                    x=alt.X("yearmonth(month):T", title=None),
                    y=alt.Y("sum(mqas):Q", title="MQAs", axis=alt.Axis(tickMinStep=1, format="d")),
                    color=alt.Color("segment:N", legend=legend_below()),
                )
                + version_rules(changes)
            ).properties(height=220),
            width="stretch",
        )
        st.metric("MQAs, all months", f"{int(mqas['mqas'].sum()):,}")
    st.caption(f"Board data: {queries.published_by(path)}")


def main() -> None:
    """The two pages, tier 1 first (the default)."""
    st.set_page_config(page_title="Handoff board", layout="wide")
    if not warehouse().exists():
        st.error(f"No published warehouse at {warehouse()}: run `./handoff demo` or `./handoff nightly` first.")
        return
    page = st.navigation(
        [
            st.Page(pipeline_page, title="Pipeline (tier 1)", default=True),
            st.Page(handoff_page, title="Handoff (tier 2)", url_path="handoff"),
        ]
    )
    page.run()


if __name__ == "__main__":  # `streamlit run` executes this file as __main__
    main()
