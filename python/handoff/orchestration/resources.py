"""The `nightly` resource: one `NightlySession` per Dagster run, so the lock is held from first step to last.

Dagster opens a resource when a run starts and closes it when the run ends; with the in-process executor that is
once per run, around all the steps. The session (and with it the nightly's `flock`) therefore lives exactly as
long as the run, and closing it records a run that stopped before publishing and releases the lock, whatever
ended the run. Under a multi-process executor each step would get its own session: the later steps would find
no work file and fail, never publish, which is why the definitions pin the in-process executor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext
from pydantic import PrivateAttr

from handoff.orchestration.session import NightlySession
from handoff.project import ProjectPaths


class NightlyResource(ConfigurableResource):
    """Where the nightly runs (the paths the definitions were loaded with) and, during a run, its session."""

    project_dir: str
    data_dir: str

    _session: NightlySession | None = PrivateAttr(default=None)

    @property
    def paths(self) -> ProjectPaths:
        """The project and data directories (the warehouse and raw paths still honour HANDOFF_WAREHOUSE/_RAW)."""
        return ProjectPaths(project_dir=Path(self.project_dir), data_dir=Path(self.data_dir))

    @contextlib.contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator[NightlyResource]:
        """Open a session for the run and close it (record, unlock) when the run ends."""
        progress = context.log.info if context.log else None
        self._session = NightlySession(self.paths, progress)
        try:
            yield self
        finally:
            session, self._session = self._session, None
            session.close()

    @property
    def session(self) -> NightlySession:
        """The session of the running Dagster run (none outside a run)."""
        if self._session is None:
            raise RuntimeError("the nightly resource has no session outside a Dagster run")
        return self._session
