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
        progress=_progress,
    )
    print(summary)
    return 0


def _cmd_load_samples(args: argparse.Namespace) -> int:
    from handoff.commands import load_connector_samples

    print(load_connector_samples(raw=args.raw, shared_dir=args.shared_dir))
    return 0


def _cmd_nightly(args: argparse.Namespace) -> int:
    from handoff.commands import nightly

    return nightly(
        full_refresh=args.full_refresh,
        skip_freshness=args.skip_freshness,
        skip_expectations=args.skip_expectations,
        accept_row_count_change=args.accept_row_count_change,
        progress=_progress,
    )


def _cmd_demo(args: argparse.Namespace) -> int:
    from handoff.commands import demo

    return demo(events=args.events, seed=args.seed, progress=_progress)


def _cmd_bench(args: argparse.Namespace) -> int:
    from handoff.bench import run_benchmark

    report = run_benchmark(events=args.events, seed=args.seed, work_dir=args.work_dir, progress=_progress)
    print(report.to_text())
    return 0


def _cmd_dbt(args: argparse.Namespace) -> int:
    from handoff.commands import passthrough_dbt

    return passthrough_dbt(args.dbt_args)


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

    samples = add("load-samples", _cmd_load_samples, "Load the real Fivetran connector samples as raw data.")
    samples.add_argument("--raw", type=Path, help="raw DuckDB file to write (default data/raw.duckdb)")
    samples.add_argument("--shared-dir", type=Path, help="the shared/ folder holding data/ (default ../shared)")

    night = add("nightly", _cmd_nightly, "Freshness, build on a work copy, expectations, publish by atomic swap.")
    night.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    night.add_argument("--skip-freshness", action="store_true", help="do not check source freshness")
    night.add_argument("--skip-expectations", action="store_true", help="do not run the expectations checkpoint")
    night.add_argument(
        "--accept-row-count-change",
        action="store_true",
        help="accept a deliberate change of scale (the row-count bounds against the last run are not applied)",
    )

    demo = add("demo", _cmd_demo, "Generate the demo data, run the nightly build and print a summary.")
    demo.add_argument("--events", type=_positive_int, help="engagement events (default: the demo preset)")
    demo.add_argument("--seed", type=int, default=42, help="random seed")

    bench = add("bench", _cmd_bench, "Benchmark: full build, then one incremental night; time and memory.")
    bench.add_argument("--events", type=_positive_int, default=1_000_000, help="engagement events")
    bench.add_argument("--seed", type=int, default=42, help="random seed")
    bench.add_argument("--work-dir", type=Path, help="where the benchmark writes (default data/bench)")

    dbt = add("dbt", _cmd_dbt, "Run any dbt command against the default warehouse and raw files.")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER, help="arguments passed to dbt")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except (UsageError, FileNotFoundError, ValueError) as error:
        print(f"handoff {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
