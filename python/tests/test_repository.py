"""The repository stands on its own and keeps the ecosystem's habits: pre-commit, Dagster telemetry off, changelog."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]


def test_pre_commit_runs_ruff_sqlfluff_and_yaml_checks() -> None:
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "sqlfluff", "check-yaml"} <= hooks
    ruff = next(repo for repo in config["repos"] if "ruff-pre-commit" in repo["repo"])
    locked = re.search(r"^ruff==(\S+)$", (PROJECT / "requirements/lock.txt").read_text(), re.MULTILINE)
    assert locked and ruff["rev"] == f"v{locked.group(1)}", "the ruff hook runs the locked ruff"


def test_dagster_home_of_the_readme_turns_telemetry_off() -> None:
    readme = (PROJECT / "README.md").read_text()
    home = re.search(r"export DAGSTER_HOME=\$PWD/(\S+)", readme)
    assert home, "the README sets DAGSTER_HOME"
    instance = yaml.safe_load((PROJECT / home.group(1) / "dagster.yaml").read_text())
    assert instance["telemetry"]["enabled"] is False
    assert "dagster definitions validate -m handoff.orchestration.definitions" in readme


def test_no_tracked_file_points_outside_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True).stdout
    offenders = []
    for name in tracked.split():
        path = PROJECT / name
        if path.suffix in {".py", ".txt", ".md", ".yml", ".yaml", ".sql", ""} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            if "TRAPS.md" in text and name != "python/tests/test_repository.py":
                offenders.append(name)
    assert not offenders, f"files that point at a TRAPS.md outside the repository: {offenders}"
    assert (PROJECT / "CHANGELOG.md").read_text().startswith("# Changelog")
