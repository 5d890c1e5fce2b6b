"""Every knob of the generator in one frozen dataclass, with the scale presets the project uses.

Frozen and hashable so that "same seed + same options" is a value one can compare and print: the generator's
determinism promise is about exactly this object. Sizes derive from one number, `events` (engagement rows), so the
tests, the demo and the benchmark differ only in scale, never in the behaviour they plant.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

EVENTS_PER_PERSON = 50
PEOPLE_PER_ACCOUNT = 10

ENGAGEMENT_SOURCES = ("hubspot", "marketo", "both")

PRESETS: dict[str, int] = {
    "tiny": 20_000,
    "demo": 500_000,
    "bench": 10_000_000,
}


def _today_utc() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class GeneratorConfig:
    """What to generate: scale, time window, seed and the share of each planted anomaly.

    `end_date` is exclusive: the snapshot is taken at `end_date` 00:00 UTC, every event happened before it and
    every row was loaded before it, so a default run (end_date = today) never writes a future load time.
    """

    events: int = PRESETS["demo"]
    seed: int = 42
    end_date: date = field(default_factory=_today_utc)
    days: int = 730
    people: int | None = None
    accounts: int | None = None
    preset: str = "custom"
    # accounts (business companies) per processing chunk: bounds memory, not output
    chunk_companies: int = 300
    # anomaly shares (per row of each table unless noted); tiny still gets a few of each in its first chunk
    duplicate_rate: float = 0.01
    delete_rate: float = 0.01
    merge_rate: float = 0.006
    late_rate: float = 0.02
    malformed_rate: float = 0.002
    min_anomalies: int = 2
    # behaviour
    scanner_domain_share: float = 0.12
    hubspot_only_share: float = 0.18
    # where marketing email and forms live: "hubspot", "marketo" (the same behaviour, Marketo's connector tables;
    # see handoff.generate.marketo) or "both" (the same people in both tools, each email campaign and form sent
    # from one of them: a company moving between the two; the engine suite's company)
    engagement_source: str = "hubspot"
    # drift, off by default (the quarterly review's tests plant it): from `drift_from` on, mail scanners guard
    # `drift_bot_factor` times as many domains, and the planted effect `drift_dead_signal` (a key of
    # planted.OPP_COEF such as "hand_raise") stops converting. See planted.py. `append_day` does not drift.
    drift_from: date | None = None
    drift_bot_factor: float = 1.0
    drift_dead_signal: str | None = None

    def __post_init__(self) -> None:
        if self.events < 1000:
            raise ValueError("events must be at least 1000")
        if self.days < 120:
            raise ValueError("days must be at least 120 (quarters need history)")
        if self.engagement_source not in ENGAGEMENT_SOURCES:
            raise ValueError(f"engagement_source must be one of {ENGAGEMENT_SOURCES}")
        if self.drift_bot_factor < 1.0:
            raise ValueError("drift_bot_factor must be at least 1 (1 = no bot drift)")
        if (self.drift_bot_factor > 1.0 or self.drift_dead_signal) and self.drift_from is None:
            raise ValueError("drift_bot_factor and drift_dead_signal need drift_from")
        if self.drift_dead_signal is not None:
            from handoff.generate.planted import DRIFTABLE_EFFECTS

            if self.drift_dead_signal not in DRIFTABLE_EFFECTS:
                raise ValueError(f"drift_dead_signal must be one of {sorted(DRIFTABLE_EFFECTS)}")

    @property
    def drift_day(self) -> int | None:
        """The window day drift starts on (None without drift)."""
        return None if self.drift_from is None else (self.drift_from - self.start_date).days

    @classmethod
    def from_preset(
        cls,
        preset: str = "demo",
        *,
        events: int | None = None,
        seed: int = 42,
        end_date: date | None = None,
        **overrides: object,
    ) -> GeneratorConfig:
        """A preset (`tiny`, `demo`, `bench`), optionally with an explicit event count, seed and end date."""
        if preset not in PRESETS and events is None:
            raise ValueError(f"unknown preset {preset!r}; choose one of {sorted(PRESETS)} or pass events=")
        chosen = events if events is not None else PRESETS[preset]
        name = preset if events is None or events == PRESETS.get(preset) else "custom"
        config = cls(events=chosen, seed=seed, preset=name, end_date=end_date or _today_utc())
        return replace(config, **overrides) if overrides else config  # type: ignore[arg-type]

    @classmethod
    def tiny(cls, *, seed: int = 42, end_date: date | None = None) -> GeneratorConfig:
        """≈ 20 k events, 400 people, 40 accounts: the test suite's scale."""
        return cls.from_preset("tiny", seed=seed, end_date=end_date)

    @classmethod
    def demo(cls, *, seed: int = 42, end_date: date | None = None) -> GeneratorConfig:
        """≈ 500 k events, 10 k people, 1 k accounts: the README's demo."""
        return cls.from_preset("demo", seed=seed, end_date=end_date)

    @property
    def n_people(self) -> int:
        """People in the marketing and sales databases (≈ events / 50)."""
        return self.people if self.people is not None else max(60, round(self.events / EVENTS_PER_PERSON))

    @property
    def n_accounts(self) -> int:
        """Business companies (≈ people / 10); most are Salesforce accounts, some only appear on leads."""
        if self.accounts is not None:
            return self.accounts
        return max(12, round(self.n_people / PEOPLE_PER_ACCOUNT))

    @property
    def start_date(self) -> date:
        """First day of the window (inclusive)."""
        return date.fromordinal(self.end_date.toordinal() - self.days)

    def describe(self) -> str:
        """One line for progress messages."""
        return (
            f"{self.preset} preset: ≈{self.events:,} engagement events, {self.n_people:,} people, "
            f"{self.n_accounts:,} accounts, {self.start_date} to {self.end_date} (exclusive), seed {self.seed}"
            + (f", {self.engagement_source}" if self.engagement_source != "hubspot" else "")
        )
