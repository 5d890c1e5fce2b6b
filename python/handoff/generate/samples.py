"""Load the real Fivetran connector samples into a raw DuckDB file, as the connectors deliver them.

The staging layer must build on real connector shapes, not only on our generator's tidy ones: every column of
every CSV is kept, read by DuckDB's CSV reader with its own type detection, so hashed strings, odd timestamps
(`2020-12-30 3:15:52`) and the hundreds of `*_c` custom fields reach staging as they would from Fivetran.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

_SALESFORCE = re.compile(r"^sf_(?P<table>[a-z0-9_]+)_data\.csv$")
_HUBSPOT = re.compile(r"^(?P<table>[a-z0-9_]+)_data\.csv$")
# marketo_<table>_data.csv; lead_describe is the connector's field catalogue, not data staging reads
_MARKETO = re.compile(r"^marketo_(?P<table>(?!lead_describe)[a-z0-9_]+)_data\.csv$")


def load_samples(
    path: Path | str,
    salesforce_dir: Path | str,
    hubspot_dir: Path | str,
    marketo_dir: Path | str | None = None,
) -> dict[str, int]:
    """Replace `path` with the samples, one table per CSV, read as they are (byte order marks, CRLF lines).

    `sf_<object>_data.csv` → salesforce.<object>, `<t>_data.csv` → hubspot.<t>, and with `marketo_dir`,
    `marketo_<t>_data.csv` → marketo.<t>.

    Returns rows loaded per `schema.table`.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (target, target.with_name(target.name + ".wal")):
        stale.unlink(missing_ok=True)
    plan: list[tuple[str, Path]] = []
    sources = [("salesforce", Path(salesforce_dir), _SALESFORCE), ("hubspot", Path(hubspot_dir), _HUBSPOT)]
    if marketo_dir is not None:
        sources.append(("marketo", Path(marketo_dir), _MARKETO))
    for schema, folder, pattern in sources:
        if not folder.is_dir():
            raise FileNotFoundError(f"no connector sample folder {folder}")
        for csv in sorted(folder.glob("*.csv")):
            match = pattern.match(csv.name)
            if match:
                plan.append((f"{schema}.{match['table']}", csv))
    loaded: dict[str, int] = {}
    con = duckdb.connect(str(target))
    try:
        for schema, _, _ in sources:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for name, csv in plan:
            schema, table = name.split(".")
            con.execute(
                f'CREATE TABLE {schema}."{table}" AS SELECT * FROM read_csv(?, header = true, auto_detect = true, '
                "sample_size = -1)",
                [str(csv)],
            )
            row = con.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()
            loaded[name] = int(row[0]) if row else 0
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return loaded
