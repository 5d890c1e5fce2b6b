"""Output people can follow: progress bars on the long commands, dbt's log in a file unless asked to stream."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from handoff.dbt import STREAM_ENV, console_log_args


def test_generate_draws_a_progress_bar(tmp_path: Path) -> None:
    raw = tmp_path / "raw.duckdb"
    command = [sys.executable, "-m", "handoff.cli", "generate", "--preset", "tiny", "--end-date", "2026-11-15"]
    completed = subprocess.run(
        [*command, "--raw", str(raw)],
        env={**os.environ, "HANDOFF_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "chunks of companies" in completed.stderr and "━" in completed.stderr  # rich's bar, on stderr
    assert "written to" in completed.stdout and "━" not in completed.stdout  # the summary stays clean


def test_dbt_log_goes_to_its_file_and_streams_only_when_asked(monkeypatch) -> None:
    monkeypatch.delenv(STREAM_ENV, raising=False)
    quiet = console_log_args(None)
    assert quiet[:2] == ["--log-level", "none"]  # the console gets the nightly's own steps only
    assert quiet[2:4] == ["--log-level-file", "debug"] and "--no-use-colors-file" in quiet
    monkeypatch.setenv(STREAM_ENV, "1")  # `handoff nightly --verbose`
    streamed = console_log_args(None)
    assert "--log-level" not in streamed and "--no-use-colors-file" in streamed
