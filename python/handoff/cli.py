"""The `handoff` command: parse arguments, call one module, print, set the exit code.

Every command keeps its logic in its own module; this file only wires them, so each can be tested without the CLI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from handoff import __version__

EXIT_USAGE = 64  # sysexits' EX_USAGE: distinct from the nightly's step codes (see handoff.nightly)


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 64."""


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad arguments, which the nightly uses for "another run holds the lock"."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _progress(message: str) -> None:
    print(f"  {message}", flush=True)


def _cmd_generate(args: argparse.Namespace) -> int:
    from handoff.commands import generate_raw

    summary = generate_raw(
        raw=args.raw,
        preset=args.preset,
        events=args.events,
        seed=args.seed,
        end_date=args.end_date,
        append_day=args.append_day,
        engagement_source=args.engagement_source,
        progress=_progress,
    )
    print(summary)
    return 0


def _cmd_load_samples(args: argparse.Namespace) -> int:
    from handoff.commands import load_connector_samples

    print(load_connector_samples(raw=args.raw, shared_dir=args.shared_dir))
    return 0


def _cmd_nightly(args: argparse.Namespace) -> int:
    import os

    from handoff.commands import nightly
    from handoff.dbt import STREAM_ENV

    if args.verbose:
        os.environ[STREAM_ENV] = "1"

    return nightly(
        full_refresh=args.full_refresh,
        skip_freshness=args.skip_freshness,
        skip_expectations=args.skip_expectations,
        accept_row_count_change=args.accept_row_count_change,
        progress=_progress,
    )


def _cmd_doctor(args: argparse.Namespace) -> int:
    from handoff.commands import doctor

    return doctor(raw=args.raw, as_json=args.json, quick=args.quick)


def _cmd_demo(args: argparse.Namespace) -> int:
    from handoff.commands import demo

    return demo(events=args.events, seed=args.seed, progress=_progress)


def _cmd_board(args: argparse.Namespace) -> int:
    from handoff.board.serve import serve
    from handoff.project import ProjectPaths

    return serve(ProjectPaths.default(), port=args.port, address=args.address)


def _cmd_mf(args: argparse.Namespace) -> int:
    from handoff.bi import run_mf
    from handoff.project import ProjectPaths

    return run_mf(ProjectPaths.default().ensure(), args.mf_args)


def _cmd_docs(args: argparse.Namespace) -> int:
    from handoff.bi import generate_docs, serve_docs
    from handoff.project import ProjectPaths

    paths = ProjectPaths.default().ensure()
    if args.no_serve:
        print(f"docs built against {paths.warehouse_path} (read-only): {generate_docs(paths)}")
        return 0
    return serve_docs(paths, port=args.port)


def _cmd_bench(args: argparse.Namespace) -> int:
    from handoff.bench import run_benchmark
    from handoff.bench_engines import run_engine_benchmark
    from handoff.generate import PRESETS

    events = args.events or (PRESETS[args.preset] if args.preset else 1_000_000)
    targets = list(dict.fromkeys(args.target or ["duckdb"]))
    if targets == ["duckdb"]:
        report = run_benchmark(events=events, seed=args.seed, work_dir=args.work_dir, progress=_progress)
        print(report.to_text())
        return 0
    result = run_engine_benchmark(
        events=events, targets=targets, seed=args.seed, work_dir=args.work_dir, progress=_progress
    )
    print(result.to_text())
    return 1 if result.differences else 0


def _cmd_dbt(args: argparse.Namespace) -> int:
    from handoff.commands import passthrough_dbt

    return passthrough_dbt(args.dbt_args)


def _mapping(pairs: Sequence[str] | None, option: str) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        column, sep, target = pair.partition("=")
        if not sep or not column or not target:
            raise UsageError(f"{option} takes COLUMN=NAME, got {pair!r}")
        out[column] = target
    return out


def _columns(values: Sequence[str] | None) -> list[str]:
    return [c.strip() for value in values or [] for c in value.split(",") if c.strip()]


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from handoff.calibrate import run_calibration
    from handoff.project import ProjectPaths

    result = run_calibration(
        ProjectPaths.default().ensure(),
        input_path=args.input,
        outcome=args.outcome,
        exclude=_columns(args.exclude),
        date_column=args.date_column,
        fit_columns=_mapping(args.fit_column, "--fit-column"),
        signal_columns=_mapping(args.signal_column, "--signal-column"),
        fit=_columns(args.fit),
        intent=_columns(args.intent),
        warehouse=args.warehouse,
        target=args.target,
        cohort_days=args.cohort_days,
        horizon_days=args.horizon_days,
        until=args.until,
        seed=args.seed,
        pdo=args.pdo,
        min_lift=args.min_lift,
        dry_run=args.dry_run,
        reps=args.reps,
        per_rep=args.mqls_per_rep,
        report_dir=args.report_dir,
        progress=_progress,
    )
    print(result.summary_markdown())
    return 0


def _printed(command: str, run: Callable[[], str]) -> int:
    """Print what a command returns, or its RuntimeError in one line on stderr (exit 1).

    A RuntimeError is a dbt step that failed: not bad input (exit 64), but the build's own error.
    """
    try:
        text = run()
    except RuntimeError as error:
        print(f"handoff {command}: {error}", file=sys.stderr)
        return 1
    print(text)
    return 0


def _cmd_backtest(args: argparse.Namespace) -> int:
    from handoff.backtest import run_backtest
    from handoff.project import ProjectPaths

    return _printed(
        "backtest",
        lambda: run_backtest(
            ProjectPaths.default().ensure(),
            proposed=args.version,
            baseline=args.against,
            start=args.start,
            end=args.end,
            raw=args.raw,
            horizon_days=args.horizon_days,
            reps=args.reps,
            per_rep=args.mqls_per_rep,
            keep_scratch=args.keep_scratch,
            report_dir=args.report_dir,
            progress=_progress,
        ).summary_markdown(),
    )


def _cmd_sign_off(args: argparse.Namespace) -> int:
    from handoff.project import ProjectPaths
    from handoff.signoff import sign_off

    return _printed(
        "sign-off",
        lambda: (
            sign_off(
                ProjectPaths.default().ensure(),
                args.definition_version,
                marketing=args.marketing,
                marketing_at=args.marketing_signed_at,
                sales=args.sales,
                sales_at=args.sales_signed_at,
                effective_from=args.effective_from,
                restate=args.restate,
                progress=_progress,
            ).message
        ),
    )


def _cmd_review(args: argparse.Namespace) -> int:
    from handoff.project import ProjectPaths
    from handoff.review import run_review

    result = run_review(
        ProjectPaths.default().ensure(),
        args.quarter,
        warehouse=args.warehouse,
        horizon_days=args.horizon_days,
        report_dir=args.report_dir,
        progress=_progress,
    )
    print(result.summary_markdown())
    return 0


def _capacity_and_report_options(parser: argparse.ArgumentParser) -> None:
    """Sales capacity and the report's folder: calibrate and backtest choose thresholds alike, so ask alike."""
    parser.add_argument("--reps", type=_positive_int, help="sales reps (default: var handoff__sales_reps)")
    parser.add_argument(
        "--mqls-per-rep", type=float, help="MQLs a rep can work per week (default: var handoff__mqls_per_rep_per_week)"
    )
    parser.add_argument("--report-dir", type=Path, help="where the report goes (default data/reports)")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from error


def _positive_int(value: str) -> int:
    number = int(value.replace("_", ""))
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and --help)."""
    parser = _Parser(
        prog="handoff",
        description="Handoff: B2B revenue warehouse (dbt) and the helpers that guard its MQL definition.",
    )
    parser.add_argument("--version", action="version", version=f"handoff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text)
        command.set_defaults(handler=handler)
        return command

    gen = add("generate", _cmd_generate, "Generate the synthetic company's raw CRM and engagement data.")
    gen.add_argument("--preset", choices=["tiny", "demo"], default="demo", help="size preset (default demo)")
    gen.add_argument("--events", type=_positive_int, help="engagement events to generate (overrides preset)")
    gen.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    gen.add_argument("--end-date", type=_date, help="last day of data (default: today, UTC)")
    gen.add_argument("--raw", type=Path, help="raw DuckDB file to write (default data/raw.duckdb)")
    gen.add_argument("--append-day", action="store_true", help="append one more day of new and late events")
    gen.add_argument(
        "--engagement-source",
        choices=("hubspot", "marketo", "both"),
        default="hubspot",
        help="where marketing email and forms live (marketo: the Fivetran Marketo tables instead of HubSpot's;"
        " both: each email campaign and form in one of the two, the same people in both)",
    )

    samples = add("load-samples", _cmd_load_samples, "Load the real Fivetran connector samples as raw data.")
    samples.add_argument("--raw", type=Path, help="raw DuckDB file to write (default data/raw.duckdb)")
    samples.add_argument("--shared-dir", type=Path, help="the shared/ folder holding data/ (default ../shared)")

    doctor = add(
        "doctor",
        _cmd_doctor,
        "Diagnose the raw data against the raw-data contract: tables present, rows, load times, features on/off.",
    )
    doctor.add_argument("--raw", type=Path, help="raw DuckDB file to read (default: HANDOFF_RAW, settings, data/)")
    doctor.add_argument("--json", action="store_true", help="print the diagnosis as JSON")
    doctor.add_argument(
        "--quick",
        action="store_true",
        help="raw tables only: skip building staging on a scratch file (a feature whose rows are all "
        "quarantined is then not foreseen)",
    )
    _company_options(doctor)

    night = add("nightly", _cmd_nightly, "Freshness, build on a work copy, expectations, publish by atomic swap.")
    night.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    night.add_argument("--skip-freshness", action="store_true", help="do not check source freshness")
    night.add_argument("--skip-expectations", action="store_true", help="do not run the expectations checkpoint")
    night.add_argument(
        "--verbose", action="store_true", help="stream dbt's log to the console (it always goes to the run's dbt.log)"
    )
    night.add_argument(
        "--accept-row-count-change",
        action="store_true",
        help="accept a deliberate change of scale (the row-count bounds against the last run are not applied)",
    )

    _company_options(night)

    demo = add("demo", _cmd_demo, "Generate the demo data, run the nightly build and print a summary.")
    demo.add_argument("--events", type=_positive_int, help="engagement events (default: the demo preset)")
    demo.add_argument("--seed", type=int, default=42, help="random seed")

    board = add("board", _cmd_board, "Start the board (Streamlit) over the published warehouse, read-only.")
    board.add_argument("--port", type=_positive_int, default=8501, help="port to listen on (default 8501)")
    board.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")

    mf = add("mf", _cmd_mf, "MetricFlow on the published warehouse, read-only (parses the project first if needed).")
    mf.add_argument("mf_args", nargs=argparse.REMAINDER, help="arguments passed to mf, e.g. query --metrics ...")

    docs = add("docs", _cmd_docs, "Build the dbt docs against the published warehouse (column types) and serve them.")
    docs.add_argument("--port", type=_positive_int, default=8080, help="port to serve on (default 8080)")
    docs.add_argument("--no-serve", action="store_true", help="only build (data/runs/docs/target/static_index.html)")

    bench = add("bench", _cmd_bench, "Benchmark: full build, then one incremental night; time and memory.")
    scale = bench.add_mutually_exclusive_group()
    scale.add_argument("--events", type=_positive_int, help="engagement events (default 1,000,000)")
    scale.add_argument("--preset", choices=["tiny", "demo", "bench"], help="a generator preset's scale instead")
    bench.add_argument(
        "--target",
        action="append",
        choices=["duckdb", "postgres", "spark"],
        help="engine to benchmark (repeat for several: their key marts are compared; default duckdb)",
    )
    bench.add_argument("--seed", type=int, default=42, help="random seed")
    bench.add_argument("--work-dir", type=Path, help="where the benchmark writes (default data/bench)")

    _company_options(bench)

    dbt = add("dbt", _cmd_dbt, "Run any dbt command against the default warehouse and raw files.")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER, help="arguments passed to dbt")

    cal = add(
        "calibrate",
        _cmd_calibrate,
        "Learn fit and intent points from what converted and append them as a proposed definition version.",
    )
    cal.add_argument("--input", type=Path, help="a CSV or Parquet file of leads instead of the warehouse")
    cal.add_argument("--outcome", help="with --input: the binary column that says whether the lead converted")
    cal.add_argument(
        "--exclude",
        action="append",
        metavar="COLUMNS",
        help="with --input: columns to leave out (ids, leaks); repeat or comma-separate",
    )
    cal.add_argument(
        "--date-column", help="with --input: the date to split by time (default: guessed, else a seeded split)"
    )
    cal.add_argument(
        "--fit-column",
        action="append",
        metavar="COLUMN=ATTRIBUTE",
        help="with --input: map a column onto a person attribute",
    )
    cal.add_argument(
        "--signal-column",
        action="append",
        metavar="COLUMN=SIGNAL",
        help="with --input: map a column onto a signal type",
    )
    cal.add_argument(
        "--fit",
        action="append",
        metavar="COLUMNS",
        help="with --input: class these columns as fit (who the lead is); default: by name, see the report",
    )
    cal.add_argument(
        "--intent",
        action="append",
        metavar="COLUMNS",
        help="with --input: class these columns as intent (what the lead did: visits, activity, source)",
    )
    cal.add_argument("--warehouse", type=Path, help="the warehouse to learn from (default: the published one)")
    cal.add_argument("--target", choices=["opportunity", "won"], default="opportunity", help="what counts as converted")
    cal.add_argument("--cohort-days", type=_positive_int, default=60, help="length of a people cohort (default 60)")
    cal.add_argument(
        "--horizon-days", type=_positive_int, default=90, help="days from a cohort's start to convert (default 90)"
    )
    cal.add_argument("--until", type=_date, help="learn only from cohorts whose horizon ends by this date")
    cal.add_argument("--seed", type=int, default=42, help="seed of the stratified split (files without dates)")
    cal.add_argument("--pdo", type=float, help="points to double the odds (default: top 1%% of rows score about 100)")
    cal.add_argument(
        "--min-lift", type=float, default=3.0, help="MQL threshold: conversion at least this x the base rate"
    )
    cal.add_argument(
        "--dry-run", action="store_true", help="write the report and the proposal files, not the project's seeds"
    )
    _capacity_and_report_options(cal)

    _company_options(cal)

    back = add(
        "backtest",
        _cmd_backtest,
        "Re-score a past window under a proposed version and the one in force, through dbt on scratch warehouses.",
    )
    back.add_argument(
        "--version", dest="version", type=_positive_int, help="the proposed version (default: the latest proposed)"
    )
    back.add_argument(
        "--against", type=_positive_int, help="the version to compare with (default: in force at the window's start)"
    )
    back.add_argument(
        "--from", dest="start", type=_date, help="first day of the window (default: 13 weeks before --to)"
    )
    back.add_argument(
        "--to", dest="end", type=_date, help="last day of the window (default: the published data's last day)"
    )
    back.add_argument("--raw", type=Path, help="raw DuckDB file (default data/raw.duckdb)")
    back.add_argument("--horizon-days", type=_positive_int, default=90, help="days an MQL has to convert (default 90)")
    back.add_argument("--keep-scratch", action="store_true", help="keep the scratch project and warehouses")
    _capacity_and_report_options(back)

    _company_options(back)

    sign = add(
        "sign-off",
        _cmd_sign_off,
        "Record marketing's and sales' sign-off of a proposed version; with both and a date, make it effective.",
    )
    sign.add_argument("definition_version", type=_positive_int, metavar="VERSION", help="the proposed version")
    sign.add_argument("--marketing", metavar="NAME", help="who signs for marketing (name and role)")
    sign.add_argument("--marketing-signed-at", type=_date, help="when marketing signed (default today)")
    sign.add_argument("--sales", metavar="NAME", help="who signs for sales (name and role)")
    sign.add_argument("--sales-signed-at", type=_date, help="when sales signed (default today)")
    sign.add_argument(
        "--effective-from", type=_date, help="the first day the version is in force (needs both sign-offs)"
    )
    sign.add_argument(
        "--restate", metavar="REASON", help="allow an effective date in the past of published data, and record why"
    )

    rev = add("review", _cmd_review, "The quarterly drift review: score shift, conversion, MQL->SQL, rejections, bots.")
    rev.add_argument("--quarter", required=True, help="the quarter to review, e.g. 2026Q3")
    rev.add_argument("--warehouse", type=Path, help="the warehouse to review (default: the published one)")
    rev.add_argument(
        "--horizon-days", type=_positive_int, default=30, help="days to reach SQL or an opportunity (default 30)"
    )
    rev.add_argument("--report-dir", type=Path, help="where the report goes (default data/reports)")
    _company_options(rev)
    for command in (gen, samples, demo, dbt, sign):
        _company_options(command, with_vars=command is not dbt)
    return parser


def _company_options(command: argparse.ArgumentParser, *, with_vars: bool = True) -> None:
    """The company's settings file and extra dbt vars (handoff.settings), on every command that runs dbt."""
    command.add_argument(
        "--settings", type=Path, metavar="FILE", help="the company's settings file (default: HANDOFF_SETTINGS)"
    )
    if with_vars:
        command.add_argument(
            "--vars", metavar="YAML", help="dbt vars on top of the settings file, e.g. '{handoff__using_intent: false}'"
        )


def _apply_company_options(args: argparse.Namespace) -> None:
    """Hand `--settings` and `--vars` to every module through the environment handoff.settings reads."""
    import os

    from handoff.settings import SETTINGS_ENV, VARS_ENV, load_settings, parse_vars

    if getattr(args, "settings", None):
        os.environ[SETTINGS_ENV] = str(Path(args.settings).resolve())
    if getattr(args, "vars", None):
        parse_vars(args.vars)  # bad YAML is a usage error here, not a failed build later
        os.environ[VARS_ENV] = args.vars
    load_settings()  # a missing or malformed settings file is reported before anything runs


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        _apply_company_options(args)
        return int(args.handler(args))
    except (UsageError, FileNotFoundError, ValueError) as error:
        print(f"handoff {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
