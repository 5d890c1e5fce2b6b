"""Progress bars for the long commands (generate, bench, backtest), drawn by rich on stderr.

stdout keeps the command's result (a summary, a table) clean for pipes and logs; rich draws live only on a terminal
and prints the finished bar once elsewhere, so a cron log gets one line per bar rather than hundreds of frames.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

Advance = Callable[..., None]


@contextlib.contextmanager
def progress_bar(description: str, total: int | None, *, unit: str = "") -> Iterator[Advance]:
    """A bar of `total` steps (None: not known yet); yields `advance(steps=1, description=None, total=None)`."""
    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(description, total=total)

        def advance(steps: int = 1, description: str | None = None, total: int | None = None) -> None:
            changes = {k: v for k, v in (("description", description), ("total", total)) if v is not None}
            bar.update(task, advance=steps, **changes)

        yield advance
