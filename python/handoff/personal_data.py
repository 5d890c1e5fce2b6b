"""Which columns hold personal data: read from the models' YAML, where each is tagged.

A personal column carries `config: {meta: {personal_data: <kind>}}` (kinds: email, name, title, phone,
ip_address, user_agent, free_text) and the tag `personal_data`, so `dbt ls --select tag:personal_data` and the
docs show them. The publish step masks them in the file BI reads (`handoff.nightly.bi_file`); this module is the
one place that reads the tags, straight from the YAML so it needs no dbt run.
"""

from __future__ import annotations

from pathlib import Path

import yaml

KINDS = ("email", "name", "title", "phone", "ip_address", "user_agent", "free_text")


def _kind(column: dict) -> str | None:
    meta = (column.get("config") or {}).get("meta") or column.get("meta") or {}
    kind = meta.get("personal_data")
    return str(kind) if kind else None


def personal_columns(project_dir: Path, folder: str = "models") -> dict[str, dict[str, str]]:
    """{model: {column: kind}} for every model column tagged as personal data under `folder`."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted((project_dir / folder).rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in [*(document.get("models") or []), *_source_tables(document)]:
            for column in entry.get("columns") or []:
                kind = _kind(column)
                if kind:
                    if kind not in KINDS:
                        raise ValueError(f"{path}: {entry['name']}.{column['name']}: unknown personal_data {kind!r}")
                    found.setdefault(entry["name"], {})[column["name"]] = kind
    return found


def _source_tables(document: dict) -> list[dict]:
    return [table for source in document.get("sources") or [] for table in source.get("tables") or []]
