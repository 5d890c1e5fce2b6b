"""`handoff backtest`: re-score a past window under a proposed definition and under the one in force, through dbt.

Nothing is scored here. The dbt project is copied to a scratch directory, and built twice on the same raw data
into scratch warehouses, each with definition seeds that make one version rule the window: versions that took
effect inside the window are set aside, and the scenario's version is added (as a copy under a scenario number)
effective from the window's first day. History before the window is the real one in both, so MQLs still open at
its start carry over identically. The second scenario is a copy of the first warehouse with only the definition
seeds and the models downstream of them rebuilt. The published warehouse is never opened for writing; the raw file
is attached read-only, as in every build.

The comparison: MQL volume per week and by quadrant, the people who enter and who leave, and the SQLs,
opportunities and pipeline each scenario can expect, from historical conversion by score band.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from handoff.dbt import run_dbt
from handoff.definitions import EFFECTIVE, PROPOSED, DefinitionSet, definitions_dir
from handoff.progress import progress_bar
from handoff.project import DBT_PROJECT_PATHS, ProjectPaths
from handoff.reports import HtmlReport, markdown_table, plots
from handoff.threshold_evidence import ThresholdEvidence, measure_candidates, recorded_evidence
from handoff.thresholds import ThresholdChoice, default_candidates, score_history_units, threshold_policy

Progress = Callable[[str], None]

SCENARIO_VERSION_BASE = 90_000  # scenario copies are numbered 90000 + the version they copy
TARGETS = (
    "fct_mqls",
    "fct_person_daily_scores",
    "dim_persons",
    "fct_engagement_events",
    "fct_opportunities",
    "fct_mql_handoffs",
)
SUPPORT = ("int_person_records_mapped", "stg_salesforce__lead_history", "stg_salesforce__accounts")
OPTIONAL_SUPPORT = ("int_persons_matched_to_accounts",)
DEFINITION_SEEDS = ("definition_versions", "fit_rules", "fit_exclusions", "intent_rules", "definition_fingerprints")
BAND_WIDTH = 10
HISTORY_DAYS = 365
ACCOUNT_NAMES = (("marts", "dim_accounts"), ("staging", "stg_salesforce__accounts"))


@dataclass(frozen=True)
class Window:
    """The past days re-scored (inclusive)."""

    start: date
    end: date

    @property
    def weeks(self) -> float:
        """Length in weeks."""
        return ((self.end - self.start).days + 1) / 7.0


@dataclass
class BacktestResult:
    """Both scenarios' MQLs in the window and what they are expected to bring."""

    window: Window
    baseline: int
    proposed: int
    mqls: dict[str, pd.DataFrame]  # scenario -> MQLs in the window
    weekly: pd.DataFrame
    quadrants: pd.DataFrame
    entering: pd.DataFrame
    leaving: pd.DataFrame
    expected: pd.DataFrame
    band_rates: pd.DataFrame
    thresholds: dict[str, ThresholdChoice] = field(default_factory=dict)
    report_path: Path | None = None
    scratch: Path | None = None  # kept only with keep_scratch

    @property
    def definition_effect(self) -> int:
        """MQLs the proposed definition adds (negative: removes) in the window, buyers' behaviour held fixed."""
        return len(self.mqls["proposed"]) - len(self.mqls["in force"])

    def summary_markdown(self) -> str:
        """The short summary printed to the terminal."""
        base, prop = len(self.mqls["in force"]), len(self.mqls["proposed"])
        lines = [
            f"## Backtest: version {self.proposed} against version {self.baseline}, {self.window.start} to "
            f"{self.window.end} ({self.window.weeks:.1f} weeks)",
            "",
            f"- MQLs: {base} in force, {prop} proposed ({self.definition_effect:+d}: the definition's effect)",
            f"- people entering: {len(self.entering)}, leaving: {len(self.leaving)}",
            "",
            markdown_table(self.expected),
            "",
            markdown_table(self.quadrants),
        ]
        for name, choice in self.thresholds.items():
            lines += ["", f"Thresholds under the {name} definition:"] + [f"- {line}" for line in choice.summary_lines()]
        if self.report_path:
            lines += ["", f"Report: {self.report_path}"]
        return "\n".join(lines)


def scenario_definitions(defs: DefinitionSet, version: int, window: Window) -> DefinitionSet:
    """Definition seeds under which `version` is in force from the window's start (history before it unchanged).

    Effective versions starting inside or after the window are set back to proposed (they are not the
    scenario), and a copy of `version` numbered SCENARIO_VERSION_BASE + version takes effect on the first day.
    """
    scenario = DefinitionSet.read(defs.directory)
    for number, start in scenario.effective():
        if start >= window.start:
            scenario.update_version(number, status=PROPOSED)
    signed = (window.start - timedelta(days=1)).isoformat()
    scenario.copy_version(
        version,
        SCENARIO_VERSION_BASE + version,
        status=EFFECTIVE,
        effective_from=window.start.isoformat(),
        marketing_signed_by="backtest",
        marketing_signed_at=signed,
        sales_signed_by="backtest",
        sales_signed_at=signed,
        change_note=f"backtest scenario: version {version} in force from {window.start}",
        restatement_reason="backtest scenario",
    )
    return scenario


def copy_project(source: Path, destination: Path) -> Path:
    """The dbt project's files (not its data, targets or virtual environment) copied for a scratch build."""
    destination.mkdir(parents=True, exist_ok=True)
    for item in DBT_PROJECT_PATHS:
        path = source / item
        if path.is_dir():
            shutil.copytree(path, destination / item, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        elif path.is_file():
            shutil.copy2(path, destination / item)
    return destination


def _selection(project: Path) -> list[str]:
    names = list(TARGETS) + list(SUPPORT)
    names += [n for n in OPTIONAL_SUPPORT if any(project.glob(f"models/**/{n}.sql"))]
    return [f"+{name}" for name in names]


def _rebuild_selection() -> list[str]:
    return [f"{seed}+,+{target}" for seed in DEFINITION_SEEDS[:4] for target in TARGETS[:3]]


def _published_end(paths: ProjectPaths) -> date | None:
    if not paths.warehouse_path.is_file():
        return None
    con = duckdb.connect(str(paths.warehouse_path), read_only=True)
    try:
        rows = con.execute("select max(event_date) from marts.fct_engagement_events").fetchall()
        return rows[0][0] if rows else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def resolve_window(paths: ProjectPaths, start: date | None, end: date | None, weeks: int = 13) -> Window:
    """The window: given, or the last `weeks` weeks of the published data."""
    end = end or _published_end(paths)
    if end is None:
        raise ValueError("no published warehouse to take the window from: give --from and --to")
    start = start or end - timedelta(days=7 * weeks - 1)
    if start > end:
        raise ValueError(f"the window starts ({start}) after it ends ({end})")
    return Window(start, end)


def _mqls(warehouse: Path, window: Window) -> pd.DataFrame:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        # the account's name: the accounts mart when built, else the CRM accounts the scratch build stages
        source = next((f"{schema}.{table}" for schema, table in ACCOUNT_NAMES if _has_table(con, schema, table)), None)
        accounts = (
            f"left join (select account_id, account_name from {source}) as accounts "
            "on mqls.account_id = accounts.account_id"
            if source
            else "left join (select null as account_id, null as account_name) as accounts on false"
        )
        frame = con.execute(
            f"""
            select
                mqls.mql_id, mqls.person_id, mqls.mql_date, mqls.definition_version,
                cast(mqls.fit_score as double) as fit_score, cast(mqls.intent_score as double) as intent_score,
                mqls.quadrant, mqls.is_hot_mql,
                nullif(trim(concat_ws(' ', persons.first_name, persons.last_name)), '') as person_name,
                persons.title, persons.email,
                coalesce(accounts.account_name, persons.company_name) as account_name
            from marts.fct_mqls as mqls
            left join marts.dim_persons as persons on mqls.person_id = persons.person_id
            {accounts}
            where mqls.mql_date between ? and ? and mqls.definition_version is not null
            order by mqls.mql_date, mqls.person_id
            """,
            [window.start, window.end],
        ).df()
    finally:
        con.close()
    frame["mql_date"] = pd.to_datetime(frame["mql_date"]).dt.date
    return frame


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    rows = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchall()
    return bool(rows and rows[0][0])


def band_of(score: float) -> int:
    """The lower edge of a score's band."""
    return int(score // BAND_WIDTH) * BAND_WIDTH


def band_rates(warehouse: Path, window: Window, horizon_days: int) -> pd.DataFrame:
    """Measured conversion by intent band: the in-force scenario's MQLs of the year before the window.

    Each rate is its own measurement on the handoff facts, the ones mrt_handoff_rates counts: sql_rate is the
    share of MQLs sales accepted as SQL (fct_mql_handoffs.is_sql), opportunity_rate the share whose handoff led
    to an opportunity (has_opportunity), pipeline_per_unit the mean opportunity amount. An MQL's band is its
    intent score on the MQL date. `horizon_days` is kept for the report; the facts are as of the window's end.
    """
    start = window.start - timedelta(days=HISTORY_DAYS)
    end = window.start - timedelta(days=1)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        units = con.execute(
            """
            select
                mqls.person_id,
                cast(mqls.intent_score as double) as anchor_intent,
                case when handoffs.is_sql then 1.0 else 0.0 end as reached_sql,
                case when handoffs.has_opportunity then 1.0 else 0.0 end as reached_opportunity,
                cast(coalesce(handoffs.opportunity_amount, 0) as double) as pipeline_amount
            from marts.fct_mql_handoffs as handoffs
            inner join marts.fct_mqls as mqls on handoffs.mql_id = mqls.mql_id
            where handoffs.mql_date between ? and ?
            """,
            [start, end],
        ).df()
    finally:
        con.close()
    units["band"] = units["anchor_intent"].map(band_of)
    table = (
        units.groupby("band")
        .agg(
            units=("person_id", "size"),
            sql_rate=("reached_sql", "mean"),
            opportunity_rate=("reached_opportunity", "mean"),
            pipeline_per_unit=("pipeline_amount", "mean"),
        )
        .reset_index()
    )
    table.attrs["horizon_days"] = horizon_days
    return table


def _rate_lookup(rates: pd.DataFrame, band: int, column: str) -> float:
    usable = rates[rates["units"] >= 5]
    if usable.empty:
        return 0.0
    exact = usable[usable["band"] == band]
    if not exact.empty:
        return float(exact[column].iloc[0])
    nearest = usable.iloc[(usable["band"] - band).abs().argsort()[:1]]
    return float(nearest[column].iloc[0])


def expected_outcomes(mqls: dict[str, pd.DataFrame], rates: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: MQLs and the SQLs, opportunities and pipeline their bands historically brought."""
    rows = []
    for name, frame in mqls.items():
        bands = frame["intent_score"].map(band_of)
        rows.append(
            {
                "scenario": name,
                "mqls": len(frame),
                "expected_sqls": round(sum(_rate_lookup(rates, b, "sql_rate") for b in bands), 1),
                "expected_opportunities": round(sum(_rate_lookup(rates, b, "opportunity_rate") for b in bands), 1),
                "expected_pipeline": round(sum(_rate_lookup(rates, b, "pipeline_per_unit") for b in bands), 0),
            }
        )
    return pd.DataFrame(rows)


def _weekly(mqls: dict[str, pd.DataFrame], window: Window) -> pd.DataFrame:
    weeks = pd.date_range(pd.Timestamp(window.start), pd.Timestamp(window.end), freq="7D")
    out = pd.DataFrame({"week_start": [w.date() for w in weeks]})
    for name, frame in mqls.items():
        days = (pd.to_datetime(frame["mql_date"]) - pd.Timestamp(window.start)).dt.days
        index = (days // 7).value_counts()
        out[name] = [int(index.get(i, 0)) for i in range(len(weeks))]
    return out


def _quadrants(mqls: dict[str, pd.DataFrame]) -> pd.DataFrame:
    names = sorted(set().union(*(set(f["quadrant"].dropna()) for f in mqls.values())))
    return pd.DataFrame(
        [{"quadrant": q, **{n: int((f["quadrant"] == q).sum()) for n, f in mqls.items()}} for q in names]
    )


PEOPLE_COLUMNS = ["person", "title", "account", "mql_date", "fit_score", "intent_score", "quadrant"]


def _people(frame: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """Who becomes an MQL in one scenario and not the other, by name and account (ids are for machines)."""
    first = frame.sort_values("mql_date").drop_duplicates("person_id")
    chosen = first[~first["person_id"].isin(set(others["person_id"]))]
    named = chosen.assign(
        person=chosen["person_name"].fillna(chosen["email"]).fillna("(no name or email)"),
        account=chosen["account_name"].fillna("(no account)"),
    )
    return named[PEOPLE_COLUMNS].reset_index(drop=True)


def scenario_evidence(defs: DefinitionSet, version: int, warehouse: Path, window: Window) -> ThresholdEvidence:
    """What each candidate threshold gives for a version: calibrate's recorded evidence, else this scenario's.

    A version calibrate proposed (points unchanged since) is judged on the evidence calibrate chose from, so both
    commands report the same thresholds for it; any other version is measured on the scenario's score history.
    """
    recorded = recorded_evidence(defs, version)
    if recorded is not None:
        return recorded
    candidates = default_candidates(int(defs.version(version)["mql_threshold"]))
    units = score_history_units(warehouse, window.start, window.end, candidates, 30)
    source = f"version {version}'s score history, {window.start} to {window.end}"
    return measure_candidates(units, window.weeks, candidates, source=source)


def run_backtest(
    paths: ProjectPaths,
    *,
    proposed: int | None = None,
    baseline: int | None = None,
    start: date | None = None,
    end: date | None = None,
    raw: Path | None = None,
    horizon_days: int = 90,
    reps: int | None = None,
    per_rep: float | None = None,
    keep_scratch: bool = False,
    report_dir: Path | None = None,
    progress: Progress | None = None,
) -> BacktestResult:
    """Build both scenarios in scratch warehouses and compare them."""
    say = progress or (lambda _: None)
    defs = DefinitionSet.read(definitions_dir(paths))
    proposed = proposed if proposed is not None else defs.latest_proposed()
    if proposed is None:
        raise ValueError("no proposed version in the definition seeds: give --version (run handoff calibrate first)")
    defs.version(proposed)
    window = resolve_window(paths, start, end)
    baseline = baseline if baseline is not None else defs.in_force_on(window.start)
    if baseline is None:
        raise ValueError(f"no version is in force on {window.start}: give --against")
    defs.version(baseline)
    if baseline == proposed:
        raise ValueError(f"version {proposed} is compared with itself: give a different --against")
    raw_path = Path(raw) if raw else paths.raw_path
    if not raw_path.is_file():
        raise FileNotFoundError(
            f"no raw data at {raw_path}: the backtest re-scores the raw data the warehouse came from"
        )

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    scratch = paths.runs_dir / f"backtest-{stamp}"
    project = copy_project(paths.project_dir, scratch / "project")
    scratch_paths = ProjectPaths(project_dir=project, data_dir=scratch / "data").ensure()
    warehouses = {"in force": scratch / "data" / "in_force.duckdb", "proposed": scratch / "data" / "proposed.duckdb"}
    dbt_vars = {"scoring_as_of_date": window.end.isoformat()}
    seeds_dir = definitions_dir(scratch_paths)

    bar = contextlib.ExitStack()  # four dbt steps, then the comparison
    advance = bar.enter_context(progress_bar("backtest", 5, unit="steps"))

    def dbt(command: list[str], warehouse: Path, step: str) -> None:
        advance(0, description=f"backtest: dbt {step}")
        result = run_dbt(
            command, paths=scratch_paths, warehouse=warehouse, raw=raw_path, run_name="backtest", dbt_vars=dbt_vars
        )
        if not result.success:
            bar.close()
            raise RuntimeError(f"backtest {step} failed: {result.describe_failure()}")
        advance()

    say(f"scenario 1/2: version {baseline} in force from {window.start} (dbt seed + run into a scratch warehouse)")
    scenario_definitions(defs, baseline, window).save(seeds_dir)
    dbt(["seed", "--full-refresh"], warehouses["in force"], "seed (in force)")
    dbt(["run", "--select", *_selection(project)], warehouses["in force"], "run (in force)")
    say(f"scenario 2/2: version {proposed} from {window.start} (definition seeds and their descendants only)")
    shutil.copyfile(warehouses["in force"], warehouses["proposed"])
    scenario_definitions(defs, proposed, window).save(seeds_dir)
    dbt(["seed", "--full-refresh", "--select", *DEFINITION_SEEDS], warehouses["proposed"], "seed (proposed)")
    dbt(["run", "--select", *_rebuild_selection()], warehouses["proposed"], "run (proposed)")

    say("comparing the scenarios")
    advance(description="backtest: scenarios compared")
    bar.close()
    mqls = {name: _mqls(path, window) for name, path in warehouses.items()}
    rates = band_rates(warehouses["in force"], window, horizon_days)
    choices = {
        name: threshold_policy(
            paths, scenario_evidence(defs, version, warehouses[name], window), reps=reps, per_rep=per_rep
        )
        for name, version in (("in force", baseline), ("proposed", proposed))
    }
    result = BacktestResult(
        window=window,
        baseline=baseline,
        proposed=proposed,
        mqls=mqls,
        weekly=_weekly(mqls, window),
        quadrants=_quadrants(mqls),
        entering=_people(mqls["proposed"], mqls["in force"]),
        leaving=_people(mqls["in force"], mqls["proposed"]),
        expected=expected_outcomes(mqls, rates),
        band_rates=rates,
        thresholds=choices,
    )
    out_dir = (report_dir or paths.reports_dir) / f"backtest-v{proposed}-{stamp[:15]}"
    result.report_path = write_report(result, out_dir / "backtest_report.html")
    if keep_scratch:
        result.scratch = scratch
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def write_report(result: BacktestResult, path: Path) -> Path:
    """The backtest's HTML report."""
    w = result.window
    report = HtmlReport(
        f"Backtest: definition version {result.proposed} against version {result.baseline}",
        f"{w.start} to {w.end}, re-scored by dbt in scratch warehouses",
    )
    report.heading("Summary")
    report.table(result.expected, formats={"expected_pipeline": "{:,.0f}"})
    report.paragraph(
        f"The definition's effect on MQL volume in the window: {result.definition_effect:+d} "
        f"({len(result.mqls['in force'])} -> {len(result.mqls['proposed'])}), the same buyers and the same history "
        "before the window under both definitions."
    )
    report.heading("MQLs per week")
    report.figure(
        plots.lines(
            [str(d) for d in result.weekly["week_start"]],
            {name: list(result.weekly[name]) for name in result.mqls},
            "MQLs per week",
            "MQLs",
        )
    )
    report.table(result.weekly)
    report.heading("By quadrant")
    if not result.quadrants.empty:
        report.figure(
            plots.grouped_bars(
                list(result.quadrants["quadrant"]),
                {name: list(result.quadrants[name]) for name in result.mqls},
                "MQLs by fit x intent quadrant",
                "MQLs",
            )
        )
    report.table(result.quadrants)
    report.heading(f"People who enter ({len(result.entering)}) and leave ({len(result.leaving)})")
    report.paragraph("Enter: an MQL in the window under the proposal and none under the definition in force.")
    report.table(result.entering)
    report.paragraph("Leave: an MQL in the window under the definition in force and none under the proposal.")
    report.table(result.leaving)
    report.heading("Historical conversion by intent band (the year before the window)")
    report.table(result.band_rates, formats={"sql_rate": "{:.1%}", "opportunity_rate": "{:.1%}"})
    if not result.band_rates.empty:
        report.figure(
            plots.bars(
                [str(b) for b in result.band_rates["band"]],
                list(result.band_rates["sql_rate"]),
                "SQL rate by intent band",
                "share reaching SQL",
            )
        )
    for name, choice in result.thresholds.items():
        report.heading(f"Thresholds under the {name} definition (health band and sales capacity)")
        report.bullets(choice.summary_lines())
        report.table(choice.table(), formats={"mql_to_sql": "{:.1%}"})
    return report.write(path)
