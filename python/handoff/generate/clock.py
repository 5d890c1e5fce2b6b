"""Time as int64 microseconds since the Unix epoch, and the working-hours model people act in.

Every timestamp in the generator is an int64 µs value (Arrow's and DuckDB's TIMESTAMP resolution), so arithmetic
stays vectorised and exact; days are integers counted from the window's first day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

import numpy as np

from handoff.generate import vocab

SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
EPOCH = date(1970, 1, 1)
FAR_FUTURE = int((datetime(9999, 12, 31, 23, 59, 59) - datetime(1970, 1, 1)).total_seconds()) * SECOND
YEAR_2099 = int((datetime(2099, 1, 1) - datetime(1970, 1, 1)).total_seconds()) * SECOND


@dataclass(frozen=True)
class Clock:
    """The window: day 0 is `start`, the snapshot is taken at the start of day `days` (exclusive end)."""

    start: date
    days: int

    @cached_property
    def t0(self) -> int:
        """Window start in µs."""
        return (self.start - EPOCH).days * DAY

    @cached_property
    def snapshot(self) -> int:
        """Snapshot time in µs: nothing happened or was loaded at or after it."""
        return self.t0 + self.days * DAY

    @cached_property
    def epoch_day0(self) -> int:
        """Day 0 as days since the Unix epoch (for DATE columns)."""
        return (self.start - EPOCH).days

    def weekday(self, day: np.ndarray) -> np.ndarray:
        """Monday = 0 … Sunday = 6 for window days."""
        return (self.start.weekday() + np.asarray(day)) % 7

    def to_date(self, ts: np.ndarray) -> np.ndarray:
        """µs timestamps to epoch days (DATE)."""
        return np.floor_divide(np.asarray(ts, dtype=np.int64), DAY)

    def avoid_weekends(self, rng: np.random.Generator, day: np.ndarray, keep: float = 0.15) -> np.ndarray:
        """Move most weekend days to the adjacent Friday or Monday: B2B people work on weekdays."""
        day = np.asarray(day, dtype=np.int64).copy()
        wd = self.weekday(day)
        move = (wd >= 5) & (rng.random(day.shape) >= keep)
        day[move & (wd == 5)] -= 1
        day[move & (wd == 6)] += 1
        return day

    def work_time(self, rng: np.random.Generator, day: np.ndarray, country: np.ndarray) -> np.ndarray:
        """A moment during (mostly) local working hours on window day `day`, as UTC µs."""
        day = np.asarray(day, dtype=np.int64)
        n = day.shape[0]
        offsets = np.array([c.utc_offset for c in vocab.COUNTRIES])[np.asarray(country)]
        local_hour = np.where(
            rng.random(n) < 0.85, np.clip(rng.normal(12.5, 2.6, size=n), 7.0, 20.5), rng.uniform(0, 24, size=n)
        )
        utc_hour = local_hour - offsets
        return self.t0 + day * DAY + (utc_hour * HOUR).astype(np.int64) + rng.integers(0, MINUTE, size=n)


def business_delay(
    rng: np.random.Generator, n: int, fast: float | np.ndarray, never: float | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sales response delays: many within hours, a good share after 24 h, some never (mask True = never).

    `fast` is the share answered within a few hours; of the rest, 45 % within the day and 55 % after 1-6 days.
    """
    u = rng.random(n)
    quick = np.exp(rng.normal(np.log(1.3 * HOUR), 0.8, size=n))
    same_day = rng.uniform(4 * HOUR, 24 * HOUR, size=n)
    slow = np.exp(rng.normal(np.log(2.2 * DAY), 0.55, size=n))
    delay = np.where(u < fast, quick, np.where(u < fast + (1 - fast) * 0.45, same_day, slow))
    return delay.astype(np.int64), rng.random(n) < never
