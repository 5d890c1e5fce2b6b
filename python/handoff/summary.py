"""The short summary the demo prints: what was built, how big, how long, and how to open it."""

from __future__ import annotations

from handoff.project import ProjectPaths
from handoff.warehouse import layer_totals, relation_counts


def build_summary(paths: ProjectPaths, *, elapsed_seconds: float) -> str:
    """Row counts per layer and per mart, elapsed time, and where the warehouse is."""
    counts = relation_counts(paths.full_warehouse_path)
    lines = [
        f"Warehouse built in {elapsed_seconds:.0f} s: {paths.full_warehouse_path} (every layer)",
        f"Published for BI: {paths.warehouse_path} (marts and run history only, personal data masked)",
        "",
        "rows per layer:",
    ]
    for schema, (relations, rows) in sorted(layer_totals(counts).items()):
        lines.append(f"  {schema:<13} {relations:>3} relations {rows:>13,} rows")
    marts = [count for count in counts if count.schema == "marts"]
    if marts:
        lines += ["", "marts:"]
        lines += [f"  {count.name:<40} {count.rows:>12,}" for count in marts]
    lines += [
        "",
        "Open it read-only (BI tools do the same; the nightly swaps in a new file atomically):",
        f"  python -c \"import duckdb; duckdb.connect('{paths.warehouse_path}', read_only=True)"
        ".sql('select * from marts.fct_mqls limit 5').show()\"",
        f"  or any DuckDB client: duckdb -readonly {paths.warehouse_path}",
    ]
    return "\n".join(lines)
