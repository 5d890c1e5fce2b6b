"""The steps of a nightly run, their exit codes, and what a run reports back to the CLI and the scheduler."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path


class Step(StrEnum):
    """The nightly job's steps, in order."""

    LOCK = "lock"
    FRESHNESS = "freshness"
    BUILD = "build"
    EXPECTATIONS = "expectations"
    PUBLISH = "publish"
    RUN_LOG = "run_log"


# One code per failing step, so a scheduler can alert differently on stale sources and on broken models.
EXIT_SUCCESS = 0
EXIT_UNEXPECTED = 1
EXIT_CODES: dict[Step, int] = {
    Step.LOCK: 2,
    Step.FRESHNESS: 3,
    Step.BUILD: 4,
    Step.EXPECTATIONS: 5,
    Step.PUBLISH: 6,
    Step.RUN_LOG: 7,
}

SUCCESS = "success"
FAILED = "failed"
REFUSED = "refused"


@dataclass
class NightlyOutcome:
    """What one nightly run did.

    `message` is one paragraph naming the failing step and node or check, and where the full log is;
    `exit_code` is 0 on success, otherwise the failing step's code (see `EXIT_CODES`).
    """

    run_id: str
    status: str
    failing_step: str | None
    message: str
    exit_code: int
    log_path: Path | None
    started_at: datetime
    ended_at: datetime
    warehouse_path: Path
    step_seconds: dict[str, float] = field(default_factory=dict)
    skipped_steps: list[str] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    definition_versions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    work_file: Path | None = None
    report_path: Path | None = None
    run_log_path: Path | None = None
    empty_features: list[str] = field(default_factory=list)  # switches whose staging came out empty (no data)

    @property
    def ok(self) -> bool:
        """True when the new warehouse was published and the run recorded."""
        return self.status == SUCCESS and self.exit_code == EXIT_SUCCESS

    @property
    def elapsed_seconds(self) -> float:
        """Wall time of the whole run."""
        return (self.ended_at - self.started_at).total_seconds()
