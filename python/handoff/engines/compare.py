"""Read the same relation from each engine into comparable Python rows, and say where the engines disagree.

"Same answers everywhere" is checked on what matters to a reader: how many rows a relation has, which keys it holds
(a checksum, and the keys themselves when they differ) and the totals of its money columns. Values are normalised
before comparison because each driver hands them back differently: Decimal or float, timezone-aware or naive
datetimes, Spark's local-time conversion of timestamps.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from handoff.engines.base import QueryableEngine

FLOAT_DIGITS = 9
EXAMPLES_SHOWN = 5


@dataclass(frozen=True)
class RelationSpec:
    """A relation to compare across engines: its keys, and the columns whose totals must agree."""

    schema: str
    name: str
    key_columns: tuple[str, ...]
    sum_columns: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """`schema.name`, as people say it."""
        return f"{self.schema}.{self.name}"


# The marts whose answers must agree on every engine, beyond every staging table (specs_from_manifest): one line
# per relation, keyed as its primary-key test says, with the money columns whose totals must agree.
KEY_MARTS: list[RelationSpec] = [
    RelationSpec("marts", "fct_opportunities", ("opportunity_id",), sum_columns=("amount",)),
    RelationSpec("marts", "fct_mqls", ("mql_id", "definition_version"), sum_columns=("fit_score", "intent_score")),
    RelationSpec("marts", "fct_opportunity_stages", ("opportunity_stage_id",), sum_columns=("hours_in_stage",)),
    RelationSpec("marts", "fct_mqas", ("mqa_id", "definition_version")),
    RelationSpec("marts", "dim_persons", ("person_id",)),
    RelationSpec(
        "marts",
        "mrt_pipeline_created",
        ("period_grain", "period_start_date", "segment"),
        sum_columns=("opportunity_count", "pipeline_amount"),
    ),
    RelationSpec(
        "marts",
        "mrt_pipeline_closed_won",
        ("period_grain", "period_start_date", "segment"),
        sum_columns=("won_amount", "won_count", "lost_count"),
    ),
    RelationSpec(
        "marts",
        "mrt_pipeline_by_source",
        ("period_grain", "period_start_date", "segment", "pipeline_source"),
        sum_columns=("pipeline_amount", "won_amount", "closed_count"),
    ),
    RelationSpec(
        "marts",
        "mrt_pipeline_by_lead_source",
        ("period_grain", "period_start_date", "lead_source", "primary_campaign_name"),
        sum_columns=("opportunity_count", "pipeline_amount", "won_count", "won_amount"),
    ),
    RelationSpec("marts", "fct_mql_handoffs", ("mql_id",)),
    # who a Marketo lead id is (merges, deletions, CRM ids, email): the identity Marketo engagement rests on
    RelationSpec("intermediate", "int_marketo_leads_resolved", ("marketo_lead_id",)),
    RelationSpec(
        "marts",
        "fct_mql_definition_overlap",
        ("definition_key", "compared_definition_key", "person_id"),
        sum_columns=("mql_count", "compared_mql_count", "days_between"),
    ),
    RelationSpec(
        "marts",
        "mrt_handoff_rates",
        ("definition_key", "period_grain", "period_start_date", "segment"),
        sum_columns=(
            "mql_count",
            "sql_count",
            "sql_within_horizon_count",
            "sla_decided_count",
            "touched_within_sla_count",
            "meeting_count",
            "opportunity_count",
            "won_count",
        ),
    ),
    RelationSpec(
        "marts",
        "mrt_handoff_health",
        ("period_grain", "period_start_date", "channel", "segment", "definition_version"),
        sum_columns=(
            "mql_count",
            "hot_mql_count",
            "sql_count",
            "rejected_count",
            "touched_within_sla_count",
            "meeting_count",
            "opportunity_amount",
            "won_amount",
        ),
    ),
    RelationSpec(
        "marts",
        "mrt_mqa_volume",
        ("period_grain", "period_start_date", "segment", "definition_version"),
        sum_columns=("mqa_count",),
    ),
    RelationSpec(
        "marts",
        "fct_definition_change_decomposition",
        ("to_definition_version",),
        sum_columns=("mqls_before", "mqls_after", "mqls_after_rescored", "definition_effect", "behaviour_effect"),
    ),
]


@dataclass(frozen=True)
class RelationSnapshot:
    """What one engine holds for a relation: row count, its keys, their checksum and the column totals."""

    engine: str
    rows: int
    keys: frozenset[tuple[Any, ...]]
    key_checksum: str
    sums: tuple[float | None, ...] = field(default=())


def normalize(value: Any) -> Any:
    """A driver-independent form of one value: numbers as rounded floats, times as naive UTC ISO text."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return str(number)
        rounded = round(number, FLOAT_DIGITS)
        return int(rounded) if rounded.is_integer() else rounded
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def _sort_key(row: tuple[Any, ...]) -> tuple[tuple[int, str], ...]:
    """Order rows holding None and mixed types deterministically."""
    return tuple((0, "") if value is None else (1, json.dumps(value, default=str)) for value in row)


def _column_expression(engine: QueryableEngine, column: str) -> str:
    """How to select a column so every engine returns the same Python value for it.

    Spark returns `timestamp` values converted to the Python process' local time zone; as `timestamp_ntz` they come
    back as the stored wall-clock time (UTC, as the session time zone is UTC).
    """
    if engine.name == "spark":
        return f"`{column}`"
    return f'"{column}"'


def read_rows(engine: QueryableEngine, schema: str, identifier: str, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """Every row of the relation's given columns, normalised and sorted."""
    expressions = [_column_expression(engine, column) for column in columns]
    if engine.name == "spark":
        expressions = _spark_timestamp_safe(engine, schema, identifier, columns, expressions)
    sql = f"select {', '.join(expressions)} from {engine.relation_name(schema, identifier)}"
    rows = [tuple(normalize(value) for value in row) for row in engine.query(sql)]
    return sorted(rows, key=_sort_key)


def _spark_timestamp_safe(
    engine: QueryableEngine, schema: str, identifier: str, columns: Sequence[str], expressions: list[str]
) -> list[str]:
    """Cast Spark `timestamp` columns to `timestamp_ntz`, so collecting them does not apply the local time zone."""
    described = engine.query(f"describe table {engine.relation_name(schema, identifier)}")
    types = {str(row[0]).lower(): str(row[1]).lower() for row in described if row[0]}
    return [
        f"cast({expression} as timestamp_ntz) as `{column}`" if types.get(column.lower()) == "timestamp" else expression
        for column, expression in zip(columns, expressions, strict=True)
    ]


def snapshot(engine: QueryableEngine, spec: RelationSpec) -> RelationSnapshot:
    """Row count, keys, key checksum and column totals of one relation on one engine."""
    keys = read_rows(engine, spec.schema, spec.name, spec.key_columns)
    checksum = hashlib.sha256(json.dumps(keys, default=str).encode()).hexdigest()
    sums: tuple[float | None, ...] = ()
    if spec.sum_columns:
        totals = ", ".join(f"sum({_column_expression(engine, column)})" for column in spec.sum_columns)
        row = engine.query(f"select {totals} from {engine.relation_name(spec.schema, spec.name)}")[0]
        sums = tuple(None if value is None else float(value) for value in row)
    return RelationSnapshot(engine.name, len(keys), frozenset(keys), checksum, sums)


def differences(spec: RelationSpec, snapshots: Sequence[RelationSnapshot]) -> list[str]:
    """Human-readable disagreements between the engines' snapshots of one relation (empty when they agree)."""
    if len(snapshots) < 2:
        return []
    problems = []
    reference = snapshots[0]
    for other in snapshots[1:]:
        pair = f"{reference.engine} vs {other.engine}"
        if other.rows != reference.rows:
            problems.append(
                f"{spec.label}: {reference.rows} rows on {reference.engine}, {other.rows} on {other.engine}"
            )
        if other.key_checksum != reference.key_checksum:
            only_reference = sorted(reference.keys - other.keys, key=_sort_key)[:EXAMPLES_SHOWN]
            only_other = sorted(other.keys - reference.keys, key=_sort_key)[:EXAMPLES_SHOWN]
            problems.append(
                f"{spec.label} keys {spec.key_columns} differ ({pair}): only on {reference.engine} {only_reference}, "
                f"only on {other.engine} {only_other}"
                + ("" if only_reference or only_other else " (same keys, different duplicates)")
            )
        for column, mine, theirs in zip(spec.sum_columns, reference.sums, other.sums, strict=True):
            if not _close(mine, theirs):
                problems.append(
                    f"{spec.label}: sum({column}) is {mine} on {reference.engine}, {theirs} on {other.engine}"
                )
    return problems


def _close(left: float | None, right: float | None) -> bool:
    """Equal up to float noise (engines add in different orders)."""
    if left is None or right is None:
        return left is right
    return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-6)


def compare_engines(engines: Sequence[QueryableEngine], specs: Iterable[RelationSpec]) -> list[str]:
    """Every disagreement between the engines on the given relations; the first engine is the reference."""
    problems = []
    for spec in specs:
        problems += differences(spec, [snapshot(engine, spec) for engine in engines])
    return problems


def specs_from_manifest(
    manifest_path: Path, folder: str = "staging", extra: Mapping[str, tuple[str, ...]] | None = None
) -> list[RelationSpec]:
    """A spec per materialised model under models/<folder>/, keyed on the column of its `unique` test.

    Models without a single-column unique test are compared on their row count only (keyed on no column).
    `extra` maps a model name to key columns, for models keyed by a combination.
    """
    manifest = json.loads(manifest_path.read_text())
    unique_columns: dict[str, str] = {}
    for node in manifest["nodes"].values():
        metadata = node.get("test_metadata") or {}
        if node.get("resource_type") == "test" and metadata.get("name") == "unique" and node.get("attached_node"):
            column = node.get("column_name") or (metadata.get("kwargs") or {}).get("column_name")
            if column:
                unique_columns.setdefault(node["attached_node"], column)
    specs = []
    for unique_id, node in sorted(manifest["nodes"].items()):
        if node.get("resource_type") != "model" or node["config"].get("materialized") == "ephemeral":
            continue
        if not node.get("original_file_path", "").startswith(f"models/{folder}/"):
            continue
        if not node["config"].get("enabled", True):
            continue
        keys = (extra or {}).get(node["name"]) or ((unique_columns[unique_id],) if unique_id in unique_columns else ())
        specs.append(RelationSpec(node["schema"], node["alias"] or node["name"], tuple(keys)))
    return specs
