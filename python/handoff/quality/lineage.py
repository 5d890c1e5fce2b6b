"""Which relations each mart is built from (its parent models, from dbt's manifest), and how many rows they hold.

An empty mart is not an error in itself: a company without web tracking has no web engagement. The checkpoint
lets an empty mart pass when one of its inputs is empty too (the emptiness comes from the raw data, which the
diagnosis of handoff.sources already reported), and fails it when every input holds rows (a join or filter lost
them). Its key checks, meaningless on zero rows, are not run on an empty mart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import duckdb


def mart_inputs(manifest: Path | None) -> dict[str, tuple[str, ...]]:
    """`schema.table` of each model -> `schema.table` of the models it selects from (seeds excluded: never empty).

    Empty when there is no manifest (then nothing is known about inputs).
    """
    if manifest is None or not manifest.is_file():
        return {}
    nodes = json.loads(manifest.read_text(encoding="utf-8")).get("nodes", {})
    relation = {
        uid: f"{node['schema']}.{node.get('alias') or node['name']}"
        for uid, node in nodes.items()
        if node.get("resource_type") == "model" and node.get("config", {}).get("materialized") != "ephemeral"
    }
    inputs: dict[str, tuple[str, ...]] = {}
    for uid, name in relation.items():
        parents = nodes[uid].get("depends_on", {}).get("nodes", [])
        inputs[name] = tuple(sorted({relation[p] for p in parents if p in relation}))
    return inputs


def row_counts(warehouse: Path, relations: Iterable[str]) -> dict[str, int]:
    """Rows of each `schema.table` in the warehouse (read-only); absent relations are left out."""
    wanted = sorted(set(relations))
    if not wanted:
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        present = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_catalog = current_database()"
            ).fetchall()
        }
        counts = {}
        for name in wanted:
            if name in present:
                schema, table = name.split(".", 1)
                row = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
                counts[name] = int(row[0]) if row else 0
        return counts
    finally:
        con.close()
