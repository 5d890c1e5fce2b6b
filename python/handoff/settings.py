"""A company's settings, kept outside the repository so they survive a `git pull`.

One YAML file, found through `--settings PATH` (the CLI sets HANDOFF_SETTINGS) or the HANDOFF_SETTINGS environment
variable:

    raw: /srv/fivetran/raw.duckdb        # where the connectors' raw data is (DuckDB); relative to this file
    data_dir: /srv/handoff               # where the warehouse, runs and reports go
    vars:                                # any dbt var of dbt_project.yml: schemas, switches, SLA hours, targets
      salesforce_schema: salesforce_prod
      handoff__handoff_sla_hours: 48

`--vars '{...}'` on a command (the CLI sets HANDOFF_VARS) is applied on top of the file's vars. Precedence, lowest
first: dbt_project.yml, the switches found in the raw data (handoff.sources), the settings file, `--vars`, then a
command's own vars (a back-test's as-of date). Environment variables HANDOFF_RAW and HANDOFF_DATA_DIR beat the
file's `raw` and `data_dir`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SETTINGS_ENV = "HANDOFF_SETTINGS"
VARS_ENV = "HANDOFF_VARS"
_KEYS = {"raw", "data_dir", "vars"}


@dataclass(frozen=True)
class Settings:
    """The settings in force: the file (if any) and `--vars`."""

    path: Path | None = None
    raw: Path | None = None
    data_dir: Path | None = None
    vars: dict[str, Any] = field(default_factory=dict)


def parse_vars(text: str, *, origin: str = "--vars") -> dict[str, Any]:
    """`--vars` as dbt takes it: a YAML (or JSON) mapping."""
    try:
        value = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        raise ValueError(f"{origin} is not YAML: {error}") from error
    if not isinstance(value, dict):
        raise ValueError(f"{origin} must be a mapping such as '{{handoff__using_segment: false}}', got {text!r}")
    return value


def load_settings(path: Path | str | None = None) -> Settings:
    """The settings file (`path`, else HANDOFF_SETTINGS) with HANDOFF_VARS on top; empty when neither is set."""
    chosen = path or os.environ.get(SETTINGS_ENV)
    file_vars: dict[str, Any] = {}
    raw = data_dir = resolved = None
    if chosen:
        resolved = Path(chosen).expanduser().resolve()
        if not resolved.is_file():
            raise FileNotFoundError(f"settings file {resolved} does not exist (--settings or {SETTINGS_ENV})")
        content = yaml.safe_load(resolved.read_text(encoding="utf-8")) or {}
        if not isinstance(content, dict) or set(content) - _KEYS:
            unknown = sorted(set(content) - _KEYS) if isinstance(content, dict) else content
            raise ValueError(f"settings file {resolved}: unknown keys {unknown}; allowed: {sorted(_KEYS)}")
        file_vars = parse_vars(yaml.safe_dump(content.get("vars") or {}), origin=f"{resolved}: vars")
        base = resolved.parent
        raw = (base / str(content["raw"])).expanduser().resolve() if content.get("raw") else None
        data_dir = (base / str(content["data_dir"])).expanduser().resolve() if content.get("data_dir") else None
    command_line = parse_vars(os.environ.get(VARS_ENV, ""), origin="--vars")
    return Settings(path=resolved, raw=raw, data_dir=data_dir, vars={**file_vars, **command_line})
