"""Where things live: the dbt project, its profiles, the raw and warehouse files, run logs and reports.

One module owns these paths so that the CLI, the nightly job, the tests and the benchmark agree on them, and so
that every path can be moved with an environment variable (a scheduler's working directory is rarely the repo).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

# Every file and folder dbt reads when it parses or builds the project (dbt_project.yml's paths, docs-paths included):
# what a scratch copy must carry and what a "has the project changed" check must watch. One list, so a new path
# (as docs/columns was) cannot be copied by one command and missed by another.
DBT_PROJECT_PATHS = (
    "dbt_project.yml",
    "profiles.yml",
    "packages.yml",
    "dependencies.yml",
    "selectors.yml",
    "models",
    "macros",
    "seeds",
    "snapshots",
    "tests",
    "analyses",
    "docs/columns",
)


def newest_project_change(project_dir: Path) -> float:
    """The latest modification time of any file dbt parses (0.0 when there is none)."""
    newest = 0.0
    candidates: list[Path] = []
    for name in DBT_PROJECT_PATHS:
        path = project_dir / name
        if path.is_dir():
            candidates.extend(p for p in path.rglob("*") if p.is_file())
        else:
            candidates.append(path)
    for path in candidates:
        with contextlib.suppress(FileNotFoundError):
            newest = max(newest, path.stat().st_mtime)
    return newest


def _find_project_dir() -> Path:
    """The directory holding dbt_project.yml: HANDOFF_PROJECT_DIR, else the repo this package sits in."""
    override = os.environ.get("HANDOFF_PROJECT_DIR")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "dbt_project.yml").is_file():
            return parent
    raise FileNotFoundError(
        "cannot find dbt_project.yml above the handoff package; set HANDOFF_PROJECT_DIR to the project"
    )


@dataclass(frozen=True)
class ProjectPaths:
    """Every path a Handoff command reads or writes."""

    project_dir: Path
    data_dir: Path
    raw_file: Path | None = None  # the settings file's `raw` (HANDOFF_RAW still wins)

    @classmethod
    def default(cls, data_dir: Path | str | None = None) -> ProjectPaths:
        """Paths under `data_dir` when given, else HANDOFF_DATA_DIR, the settings file's, or `<project>/data`."""
        from handoff.settings import load_settings

        project_dir = _find_project_dir()
        settings = load_settings()
        chosen = data_dir or os.environ.get("HANDOFF_DATA_DIR") or settings.data_dir or project_dir / "data"
        return cls(project_dir=project_dir, data_dir=Path(chosen).resolve(), raw_file=settings.raw)

    @property
    def profiles_dir(self) -> Path:
        """profiles.yml ships with the project; DBT_PROFILES_DIR may point elsewhere."""
        return Path(os.environ.get("DBT_PROFILES_DIR", self.project_dir)).resolve()

    @property
    def raw_path(self) -> Path:
        """The loaders' file (connectors or the demo generator); dbt only reads it."""
        return Path(os.environ.get("HANDOFF_RAW") or self.raw_file or self.data_dir / "raw.duckdb").resolve()

    @property
    def warehouse_path(self) -> Path:
        """The published warehouse BI tools read (read-only)."""
        return Path(os.environ.get("HANDOFF_WAREHOUSE", self.data_dir / "warehouse.duckdb")).resolve()

    @property
    def build_warehouse_path(self) -> Path:
        """Everything the last successful nightly built (staging, intermediate, seeds, marts).

        The analytics engineers' file, read by review, calibrate and backtest, and the next night's incremental
        state. BI reads the published file, which holds the marts only (`handoff.nightly.bi_file`).
        """
        return Path(os.environ.get("HANDOFF_BUILD_WAREHOUSE", self.data_dir / "build.duckdb")).resolve()

    @property
    def full_warehouse_path(self) -> Path:
        """The file with every layer: the build file, else (a site or test built before it existed) the published."""
        build = self.build_warehouse_path
        return build if build.exists() else self.warehouse_path

    @property
    def dev_warehouse_path(self) -> Path:
        """Where `handoff dbt ...` builds: a developer's file, so ad-hoc runs never lock out BI readers."""
        return Path(os.environ.get("HANDOFF_DEV_WAREHOUSE", self.data_dir / "dev.duckdb")).resolve()

    @property
    def work_dir(self) -> Path:
        """Where a build writes before it is published."""
        return self.data_dir / "work"

    @property
    def runs_dir(self) -> Path:
        """The dbt logs, target artifacts and the run history of each command."""
        return self.data_dir / "runs"

    @property
    def reports_dir(self) -> Path:
        """HTML reports of calibrate, backtest, review and the expectations."""
        return self.data_dir / "reports"

    def ensure(self) -> ProjectPaths:
        """Create the writable directories."""
        for path in (self.data_dir, self.work_dir, self.runs_dir, self.reports_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self
