"""Facts about a freshly built work file that the run log records: mart row counts and definition versions.

Read read-only, after dbt has released the file and before the expectations open it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from handoff.warehouse import relation_counts

# The schemas BI reads; their relation row counts go into the run log and bound the next night's counts.
MART_SCHEMAS = ("marts", "quality")
DEFINITION_TABLE = "definition_versions"
_VERSION_COLUMNS = ("definition_version", "version", "version_id")
_IN_FORCE = ("effective", "in_force", "active")


def mart_row_counts(warehouse: Path, schemas: tuple[str, ...] = MART_SCHEMAS) -> dict[str, int]:
    """Rows per `schema.table` for every table and view of the mart schemas."""
    return {f"{c.schema}.{c.name}": c.rows for c in relation_counts(warehouse, schemas)}


def definition_versions_in_force(warehouse: Path) -> list[str]:
    """The MQL definition versions in force, from the `definition_versions` seed; [] when it is not built.

    "In force" = status effective (when the seed has a status column) and effective from today or earlier (when
    it has an effective_from column), oldest first: every such version scores the days it covers.
    """
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found = con.execute(
            "select table_schema from information_schema.tables "
            "where table_catalog = current_database() and table_name = ? "
            "order by case when table_schema = 'reference' then 0 else 1 end, table_schema limit 1",
            [DEFINITION_TABLE],
        ).fetchall()
        if not found:
            return []
        schema = found[0][0]
        columns = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns "
                "where table_catalog = current_database() and table_schema = ? and table_name = ?",
                [schema, DEFINITION_TABLE],
            ).fetchall()
        }
        version = next((name for name in _VERSION_COLUMNS if name in columns), None)
        if version is None:
            return []
        where, params = ["true"], []
        if "status" in columns:
            where.append(f"lower(cast(status as varchar)) in ({', '.join('?' for _ in _IN_FORCE)})")
            params += list(_IN_FORCE)
        effective = "try_cast(effective_from as date)" if "effective_from" in columns else "null"
        if "effective_from" in columns:
            where.append(f"{effective} <= ?")
            params.append(datetime.now(UTC).date())
        rows = con.execute(
            f'select cast("{version}" as varchar), min({effective}) from "{schema}"."{DEFINITION_TABLE}" '
            f"where {' and '.join(where)} group by 1",
            params,
        ).fetchall()
        ordered = sorted((row for row in rows if row[0] is not None), key=lambda row: (row[1] or date.min, row[0]))
        return [row[0] for row in ordered]
    finally:
        con.close()
