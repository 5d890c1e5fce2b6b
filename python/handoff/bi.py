"""The BI-side commands: MetricFlow queries and dbt docs over the published warehouse, read-only.

Both go through the profile's `published` target (an in-memory DuckDB with the published file attached
read-only), so neither takes the write lock that would lock out, or be locked out by, a BI tool holding the file.
`mf` reads its semantic manifest from `<project>/target/`, so `dbt parse` runs there first whenever the project's
YAML or SQL is newer than the manifest (a fresh clone or demo needs no manual `dbt parse`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from handoff.project import ProjectPaths, newest_project_change

PUBLISHED_TARGET = "published"


def bi_environment(paths: ProjectPaths) -> dict[str, str]:
    """The environment of dbt and mf on the published file, through the read-only target.

    An explicit HANDOFF_TARGET other than the DuckDB default (e.g. postgres) is kept: there the BI role's grants apply.
    """
    env = dict(os.environ)
    if env.get("HANDOFF_TARGET", "duckdb") == "duckdb":
        env["HANDOFF_TARGET"] = PUBLISHED_TARGET
    env["HANDOFF_WAREHOUSE"] = str(paths.warehouse_path)
    env["HANDOFF_RAW"] = str(paths.raw_path)
    env["DBT_PROFILES_DIR"] = str(paths.profiles_dir)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("MF_TRACKING_DISABLED", "1")
    env.pop("DBT_TARGET_PATH", None)
    return env


def _executable(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def ensure_semantic_manifest(paths: ProjectPaths, *, log: Path | None = None) -> Path:
    """`dbt parse` into `<project>/target` when the semantic manifest is missing or older than the project."""
    manifest = paths.project_dir / "target" / "semantic_manifest.json"
    if manifest.is_file() and manifest.stat().st_mtime >= newest_project_change(paths.project_dir):
        return manifest
    completed = subprocess.run(
        [_executable("dbt"), "parse", "--quiet", "--log-path", str(paths.runs_dir / "bi" / "logs")],
        cwd=paths.project_dir,
        env=bi_environment(paths),
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0 or not manifest.is_file():
        raise RuntimeError(f"dbt parse failed: {(completed.stdout + completed.stderr)[-2000:]}")
    return manifest


def run_mf(paths: ProjectPaths, mf_args: Sequence[str]) -> int:
    """`handoff mf query --metrics ... --group-by ...`: MetricFlow against the published warehouse, read-only."""
    if not paths.warehouse_path.exists():
        raise FileNotFoundError(f"no published warehouse at {paths.warehouse_path}: run `./handoff demo` first")
    ensure_semantic_manifest(paths)
    args = [arg for arg in mf_args if arg != "--"]
    return subprocess.call([_executable("mf"), *args], cwd=paths.project_dir, env=bi_environment(paths))


def docs_target(paths: ProjectPaths) -> Path:
    """Where the docs site is written (a run directory, not the project's own target/)."""
    return paths.runs_dir / "docs" / "target"


def generate_docs(paths: ProjectPaths) -> Path:
    """`dbt docs generate` with its catalog read from the published warehouse; return the static single page."""
    if not paths.warehouse_path.exists():
        raise FileNotFoundError(f"no published warehouse at {paths.warehouse_path}: run `./handoff demo` first")
    target = docs_target(paths)
    where = ["--target-path", str(target), "--log-path", str(paths.runs_dir / "docs" / "logs")]
    # parse, then the catalog without compiling: compiling would look for the raw sources, which the BI side lacks
    for command in (["parse", *where], ["docs", "generate", "--static", "--no-compile", *where]):
        completed = subprocess.run(
            [_executable("dbt"), *command],
            cwd=paths.project_dir,
            env=bi_environment(paths),
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"dbt {command[0]} failed: {(completed.stdout + completed.stderr)[-2000:]}")
    return target / "static_index.html"


def serve_docs(paths: ProjectPaths, port: int = 8080) -> int:
    """`handoff docs`: generate, then serve until Ctrl-C."""
    page = generate_docs(paths)
    print(f"docs built against {paths.warehouse_path} (read-only): {page}", flush=True)
    print(f"serving on http://127.0.0.1:{port}/ ; Ctrl-C stops it", flush=True)
    command = [
        _executable("dbt"),
        "docs",
        "serve",
        "--no-browser",
        "--port",
        str(port),
        "--target-path",
        str(docs_target(paths)),
        "--log-path",
        str(paths.runs_dir / "docs" / "logs"),
    ]
    try:
        return subprocess.call(command, cwd=paths.project_dir, env=bi_environment(paths))
    except KeyboardInterrupt:
        return 0
