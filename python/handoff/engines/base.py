"""What every engine the harness starts has in common: a clear failure when it cannot start, and a way to query it.

The portability tests must fail, never skip, when an engine is missing (a skipped engine is a silently untested
one), so every start-up problem surfaces as one exception type whose message says what to install.
"""

from __future__ import annotations

from typing import Any, Protocol


class EngineUnavailableError(RuntimeError):
    """An engine (PostgreSQL server, Java for Spark) cannot be started on this machine; the message says why."""


class QueryableEngine(Protocol):
    """An engine the comparison helpers can read from."""

    name: str

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run one read-only statement and return every row."""
        ...

    def relation_name(self, schema: str, identifier: str) -> str:
        """The quoted, fully qualified name dbt gives `schema.identifier` on this engine."""
        ...
