"""What the expectations step found: one result per check, and a paragraph a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handoff.quality.plan import CRITICAL, WARNING, Check


@dataclass(frozen=True)
class CheckResult:
    """One check's verdict, with the evidence GX returned (observed value, unexpected rows, or the error)."""

    check: Check
    success: bool
    observed: Any = None
    unexpected_count: int | None = None
    sample: tuple[Any, ...] = ()
    error: str | None = None

    @property
    def evidence(self) -> str:
        """What was seen, in a few words: `2 unexpected rows (e.g. 5, 5)` or `observed 12`."""
        if self.error:
            return f"could not be evaluated: {self.error}"
        if self.check.kind == "column_exists":
            return "present" if self.success else "column not found in the table"
        if self.check.kind == "unique" and isinstance(self.observed, float):
            share = f"{self.observed:.6g} of non-null values distinct"
            return share if self.success else f"duplicates present: {share}"
        if self.unexpected_count is not None:
            sample = f" (e.g. {', '.join(map(str, self.sample))})" if self.sample else ""
            rows = "row" if self.unexpected_count == 1 else "rows"
            return f"{self.unexpected_count:,} unexpected {rows}{sample}"
        if self.observed is not None:
            return f"observed {self.observed:,}" if isinstance(self.observed, int) else f"observed {self.observed}"
        return "passed" if self.success else "failed"

    def describe(self) -> str:
        """`marts.fct_mqls unique(mql_id): 2 unexpected rows (e.g. 5, 5)`."""
        return f"{self.check.table} {self.check.label}: {self.evidence}"


@dataclass
class ExpectationsOutcome:
    """The checkpoint's results and where the report was written."""

    run_id: str
    results: list[CheckResult] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    missing_tables: list[str] = field(default_factory=list)
    # empty marts that passed because an input is empty too: mart -> its empty inputs
    empty_marts: dict[str, list[str]] = field(default_factory=dict)
    report_dir: Path | None = None
    html_path: Path | None = None
    json_path: Path | None = None
    elapsed_seconds: float = 0.0

    @property
    def failures(self) -> list[CheckResult]:
        """Critical checks that did not pass: these block the publish."""
        return [r for r in self.results if not r.success and r.check.severity == CRITICAL]

    @property
    def warnings(self) -> list[CheckResult]:
        """Warning-only checks that did not pass: reported, never blocking."""
        return [r for r in self.results if not r.success and r.check.severity == WARNING]

    @property
    def success(self) -> bool:
        """True when no critical check failed (warnings allowed)."""
        return not self.failures

    def describe(self, limit: int = 5) -> str:
        """One paragraph: counts, the first failures (or warnings) by name, and the report's path."""
        head = (
            f"{len(self.results)} expectations on {len(self.tables)} tables: "
            f"{len(self.failures)} failed, {len(self.warnings)} warned"
        )
        parts = [r.describe() for r in (self.failures or self.warnings)[:limit]]
        shown = len(self.failures or self.warnings)
        if shown > limit:
            parts.append(f"and {shown - limit} more")
        body = (": " + "; ".join(parts)) if parts else ""
        empty = (
            f". Empty with an empty input (no data, not an error): {', '.join(sorted(self.empty_marts))}"
            if self.empty_marts
            else ""
        )
        report = f". Report: {self.html_path}" if self.html_path else ""
        return head + body + empty + report
