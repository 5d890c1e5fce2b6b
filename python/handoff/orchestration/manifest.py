"""The dbt manifest the Dagster definitions are built from: parsed at load time when missing or out of date.

`@dbt_assets` needs a `manifest.json` when the code location loads, and a fresh clone has none. dagster-dbt's
`DbtProject.prepare_if_dev()` parses only under `dagster dev`, into the project's own `target/`, with whatever
environment the process has; here the manifest must also appear under `dagster definitions validate`, a code
server or a run worker, and nothing may be written into the repository. So the project's own `run_dbt` parses
(`HANDOFF_WAREHOUSE` pointing at a scratch path: parsing opens no database, but no default may ever lead to the
published file) into `<data_dir>/runs/dagster/parse/target`, and the manifest is copied to
`<data_dir>/runs/dagster/manifest.json` by an atomic rename, under a lock, so concurrent loaders never read half a
file. A manifest older than any file of the project is parsed again (cheap: dbt's partial parsing).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from handoff.dbt import run_dbt
from handoff.project import ProjectPaths, newest_project_change


class ManifestError(Exception):
    """dbt could not parse the project, so no Dagster definitions can be built."""


def dagster_dir(paths: ProjectPaths) -> Path:
    """Where the orchestration keeps its dbt artifacts: `<data_dir>/runs/dagster`."""
    return paths.runs_dir / "dagster"


def manifest_path(paths: ProjectPaths) -> Path:
    """The manifest the definitions load."""
    return dagster_dir(paths) / "manifest.json"


def parse_target_dir(paths: ProjectPaths) -> Path:
    """The target directory of the load-time parse (its partial-parse state is reused on the next parse)."""
    return dagster_dir(paths) / "parse" / "target"


def is_current(manifest: Path, project_dir: Path) -> bool:
    """True when the manifest exists and no project file changed after it was written."""
    try:
        written = manifest.stat().st_mtime
    except FileNotFoundError:
        return False
    return written >= newest_project_change(project_dir)


@contextlib.contextmanager
def _parse_lock(lock_path: Path) -> Iterator[None]:
    """Serialise parses of one data directory (a code server and a run worker may load at the same time)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def prepare_manifest(paths: ProjectPaths) -> Path:
    """Return the path of a current manifest, running `dbt parse` first if it is missing or out of date."""
    manifest = manifest_path(paths)
    if is_current(manifest, paths.project_dir):
        return manifest
    with _parse_lock(dagster_dir(paths) / "parse.lock"):
        if is_current(manifest, paths.project_dir):  # another loader parsed while we waited
            return manifest
        scratch = dagster_dir(paths) / "parse" / "scratch.duckdb"
        result = run_dbt(["parse"], paths=paths, warehouse=scratch, run_name="dagster/parse")
        if not result.success:
            raise ManifestError(result.describe_failure())
        incoming = manifest.with_name(f".{manifest.name}.{os.getpid()}.incoming")
        shutil.copyfile(result.target_path / "manifest.json", incoming)
        os.replace(incoming, manifest)
    return manifest
