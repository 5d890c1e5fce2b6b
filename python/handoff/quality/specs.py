"""The expectation suites as data: which marts, which keys, which rates, which bands only warn.

Suites are written as data rather than as GX objects so that a reviewer can read every rule on one screen, so
that rules for marts that do not exist yet can be listed today (they apply the night the mart first appears),
and so that the planning step (`handoff.quality.plan`) can be tested without Great Expectations.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from handoff.project import ProjectPaths
from handoff.thresholds import HealthBand


@dataclass(frozen=True)
class MartSpec:
    """Rules for one mart: its key (unique together, never null) and any other columns that must be filled."""

    table: str
    keys: tuple[str, ...] = ()
    not_null: tuple[str, ...] = ()
    rate_columns: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class BandSpec:
    """A health band: values outside it are worth a look but do not block the publish (warning only).

    `tables` is a glob over "schema.table", so a band follows its column into whichever metric mart carries it.
    """

    column: str
    min_value: float
    max_value: float
    tables: str = "marts.*"
    why: str = ""


@dataclass(frozen=True)
class QualityConfig:
    """Everything the nightly checkpoint checks, and how strictly.

    - `schemas`: the schemas whose tables are checked (the published marts).
    - `rate_pattern`: every column matching it, in every checked table, must lie in [0, 1].
    - Row-count bounds compare each table with the last successful run: more than `max_shrink` smaller (0.5 =
      lost over half its rows) or more than `max_growth` times larger fails. Tables that had fewer than
      `min_baseline_rows` rows last time are not bounded (a 3-row metric mart moving to 1 row is noise, not an
      incident), nor are tables matching `row_count_exempt` (quarantine marts: fewer quarantined rows is good
      news). `check_row_count_bounds=False` accepts a deliberate change of scale (a new data source, the demo
      preset after the tiny one) for one run.
    """

    marts: tuple[MartSpec, ...] = ()
    bands: tuple[BandSpec, ...] = ()
    schemas: tuple[str, ...] = ("marts",)
    rate_pattern: str = "*_rate"
    max_shrink: float = 0.5
    max_growth: float = 10.0
    min_baseline_rows: int = 10
    row_count_exempt: tuple[str, ...] = ("*quarantine*",)
    check_row_count_bounds: bool = True
    result_sample_size: int = 5

    def with_overrides(self, **changes: object) -> QualityConfig:
        """A copy with some settings changed (e.g. `check_row_count_bounds=False` for one run)."""
        return replace(self, **changes)  # type: ignore[arg-type]


# The marts the project publishes (or will: a rule applies from the first night its table exists). A key column
# missing from an existing mart fails the checkpoint: the key is the mart's contract with BI.
DEFAULT_MARTS: tuple[MartSpec, ...] = (
    MartSpec("marts.dim_persons", keys=("person_id",), why="one row per unified person (lead + contact)"),
    MartSpec("marts.fct_engagement_events", keys=("engagement_event_id",), why="one row per engagement event"),
    MartSpec("marts.fct_person_daily_scores", keys=("person_score_id",), why="one row per person and active day"),
    MartSpec("marts.fct_mqls", keys=("mql_id",), why="one row per MQL (a person crossing the bar)"),
    MartSpec("marts.fct_mql_handoffs", keys=("mql_id",), why="one handoff outcome per MQL"),
)


# Tier-2 handoff health: MQL->SQL outside its band means the MQL bar or the routing moved, but a new definition
# version or a small cohort can move it legitimately, so it warns instead of blocking. The band is the
# mql_sql_health_band seed (the one the marts label their rates with), checked on mrt_handoff_rates' real column.
def health_band_spec(paths: ProjectPaths | None = None) -> BandSpec:
    """The MQL->SQL band expectation, its bounds read from the project's mql_sql_health_band seed."""
    band = HealthBand.from_project(paths or ProjectPaths.default())
    return BandSpec(
        "mql_sql_rate",
        band.low,
        band.high,
        tables="marts.mrt_handoff_rates",
        why=(
            f"MQL->SQL outside {band.low:.0%}-{band.high:.0%} ({band.below_label} below, {band.above_label} above): "
            "the MQL bar or the routing moved"
        ),
    )


DEFAULT_BANDS: tuple[BandSpec, ...] = (health_band_spec(),)

DEFAULT_CONFIG = QualityConfig(marts=DEFAULT_MARTS, bands=DEFAULT_BANDS)
