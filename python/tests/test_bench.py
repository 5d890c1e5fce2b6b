"""The benchmark's own measuring: each step's wall time, CPU time and peak memory come from its child process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from handoff.bench import BenchmarkReport, Step, _measured


def test_a_step_is_measured_in_its_own_process() -> None:
    burn = (
        "import time\nblock = bytearray(64 * 2**20)\n"
        "end = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    )
    step = _measured("burn", [sys.executable, "-c", burn], dict(os.environ))
    assert step.cpu_seconds >= 0.25
    assert step.wall_seconds >= step.cpu_seconds * 0.5
    assert step.peak_rss_bytes >= 64 * 2**20  # the child's 64 MiB block, not this process's memory


def test_a_failing_step_stops_the_benchmark() -> None:
    with pytest.raises(RuntimeError, match="'broken' failed with exit code 3"):
        _measured("broken", [sys.executable, "-c", "raise SystemExit(3)"], dict(os.environ))


def test_report_gives_events_per_second_and_the_incremental_share() -> None:
    report = BenchmarkReport(events=1_000_000, raw_path=Path("raw.duckdb"))
    report.steps += [Step("full build", 100.0, 2**30, 150.0), Step("incremental build", 8.0, 2**29, 9.0)]
    text = report.to_text()
    assert "10,000" in text  # 1 M events in 100 s
    assert "incremental / full: 8.0%" in text
    assert "150.0" in text and "1024" in text
