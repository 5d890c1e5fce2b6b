"""Which raw tables exist, what they hold, and which features they switch on: the one place that decides.

A company arrives with its own connectors: some tables absent, some empty, some late. Before any dbt command this
module reads the raw-data contract (the sources' YAML: every table and column staging reads, its switch var and its
freshness thresholds), looks at the raw database on the target engine, and decides each `handoff__using_*` switch:
on when every table it governs exists, off otherwise. Explicit vars (the settings file, `--vars`) override.

Everything that needs these facts reads them from here, so "absent", "empty" and "stale" mean the same thing
everywhere: `handoff doctor` prints them, the nightly's freshness step reports absent, switched-off and empty
tables as "no data" (a warning) and checks the rest with `dbt source freshness`, every dbt call receives the
decided switches (`handoff.dbt.run_dbt`), and the expectations know which inputs were empty.

A new source plugs in with its sources YAML (switch in `config.enabled`, columns, `loaded_at_field`, freshness) and,
a line in `FEATURE_LABELS` saying in words what its switch feeds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

# A column the contract documents but staging reads only when present (a connector creates it only sometimes):
# read in a model through `handoff.column_or_null('<column>', ...)`, marked `config: {meta: {optional: true}}` or
# "optional column" in the sources' YAML, or one of the Fivetran flags staging probes for (handoff.fivetran_is_*).
ALWAYS_OPTIONAL = frozenset({"is_deleted", "_fivetran_deleted", "_fivetran_active"})
SOFT_DELETE_FLAGS = ("is_deleted", "_fivetran_deleted")  # a row flagged by either is not data
_OPTIONAL_WORDS = ("optional column", "(when present)")
_SWITCH = re.compile(r"var\(\s*['\"](?P<name>[a-z0-9_]+)['\"]")
_SOURCE_CALL = re.compile(r"source\(\s*['\"](?P<source>\w+)['\"]\s*,\s*['\"](?P<table>\w+)['\"]\s*\)")
# staging's ways of reading a column only when present (macros/staging/*.sql)
_READ_WHEN_PRESENT = re.compile(r"(?:column_or_null|optional_cast|is_uncastable)\(\s*['\"](?P<column>\w+)['\"]")
_SYNCED_AT_OR = re.compile(r"synced_at_or\(")
_TABLE_MAY_BE_ABSENT = re.compile(r"source_table_exists\(")
# Base models written through a Marketo shape macro (macros/staging/marketo_<shape>_base.sql) list their columns as
# `{'column': ...}` specs that the shape reads when present (optional_cast), unless `'required': true`; the shape's
# own columns and shared lists live in its macro file, and its load time is synced_at_or.
_SHAPE_CALL = re.compile(r"(?P<macro>marketo_(?:activity|asset)_base)\(")
_SHAPE_COLUMN = re.compile(r"\{[^{}]*'column':\s*'(?P<column>\w+)'[^{}]*\}")
_SWITCH_IN_MODEL = re.compile(r"var\(\s*['\"](?P<name>handoff__using_[a-z0-9_]+)['\"]")

ABSENT, EMPTY, PRESENT = "absent", "empty", "present"
FRESH, LATE, STALE = "fresh", "late", "stale"
FOUND, SETTINGS = "found", "settings"


@dataclass(frozen=True)
class Feature:
    """What a switch feeds: a name a RevOps lead recognises and the staging models that build empty without it."""

    switch: str
    label: str
    staging_models: tuple[str, ...] = ()


# What each switch feeds, in words (its staging models are found in the SQL: `switched_staging_models`). A new
# switch without a line here is still decided and reported, under its own name.
FEATURE_LABELS: dict[str, str] = {
    "handoff__using_campaigns": "Salesforce campaigns (campaign responses as intent, campaign sourcing)",
    "handoff__using_sales_events": "sales meetings (meeting held after an MQL, meeting -> opportunity)",
    "handoff__using_opportunity_history": "opportunity stage history (time in stage)",
    "handoff__using_lead_history": "lead status history (dated rejections and dispositions)",
    "handoff__using_user_roles": "sales roles (who counts as sales by role)",
    "handoff__using_hubspot_email": "HubSpot marketing email (clicks as intent, bot and scanner filtering)",
    "handoff__using_hubspot_forms": "HubSpot forms (form submissions as hand-raises)",
    "handoff__using_hubspot_contacts": "HubSpot contacts (contact merges in identity)",
    "handoff__using_segment": "website activity from Segment (page views, identifies, tracks)",
    "handoff__using_intent": "third-party intent (tie-breaker in the sales priority queue)",
    "handoff__using_marketo": "Marketo engagement (email, forms, web visits, lead merges)",
}


@dataclass(frozen=True)
class ContractTable:
    """One source table as the contract (the sources' YAML) describes it."""

    source: str
    name: str
    schema_expr: str
    switch: str | None
    columns: tuple[str, ...]
    optional_columns: frozenset[str]
    loaded_at_field: str | None
    warn_after_hours: float | None
    error_after_hours: float | None
    may_be_absent: bool = False  # its staging model builds empty without it (handoff.source_table_exists)

    @property
    def key(self) -> str:
        """`salesforce.account`: the name every report uses."""
        return f"{self.source}.{self.name}"

    @property
    def required_columns(self) -> tuple[str, ...]:
        """The columns staging reads unconditionally: a present table without one cannot build."""
        return tuple(c for c in self.columns if c not in self.optional_columns)


def _hours(threshold: Any) -> float | None:
    if not isinstance(threshold, Mapping) or threshold.get("count") is None:
        return None
    per = {"minute": 1 / 60, "hour": 1.0, "day": 24.0}
    return float(threshold["count"]) * per.get(str(threshold.get("period", "hour")), 1.0)


def _freshness(config: Mapping[str, Any], inherited: Any) -> Any:
    """The table's freshness block: its own (null switches it off), else the source's."""
    for block in (config, config.get("config") or {}):
        if "freshness" in block:
            return block["freshness"]
    return inherited


def _setting(node: Mapping[str, Any], key: str) -> Any:
    """A config key as dbt 1.11 accepts it: under `config:` or (older style) at the top level."""
    config = node.get("config") or {}
    return config.get(key, node.get(key))


def _switch(enabled: Any) -> str | None:
    match = _SWITCH.search(str(enabled)) if enabled is not None else None
    return match["name"] if match else None


def _is_optional(column: Mapping[str, Any]) -> bool:
    meta = {**(column.get("meta") or {}), **((column.get("config") or {}).get("meta") or {})}
    description = str(column.get("description") or "").lower()
    return bool(meta.get("optional")) or any(words in description for words in _OPTIONAL_WORDS)


@dataclass(frozen=True)
class _ReadInSql:
    """What the models' SQL says about reading each source table."""

    optional_columns: dict[str, set[str]]  # `source.table` -> columns read only when present
    optional_tables: set[str]  # tables whose model builds empty when the table is absent (source_table_exists)


def _read_in_sql(project_dir: Path) -> _ReadInSql:
    """Scan the models that call `source()`: which columns and tables they read only when present."""
    columns: dict[str, set[str]] = {}
    tables: set[str] = set()
    for path in (project_dir / "models").rglob("*.sql"):
        text = path.read_text(encoding="utf-8")
        calls = [f"{c['source']}.{c['table']}" for c in _SOURCE_CALL.finditer(text)]
        if not calls:
            continue
        optional = {m["column"].lower() for m in _READ_WHEN_PRESENT.finditer(text)}
        if _SYNCED_AT_OR.search(text):
            optional.add("_fivetran_synced")
        for shape in {m["macro"] for m in _SHAPE_CALL.finditer(text)}:
            specs = text + (project_dir / "macros" / "staging" / f"{shape}.sql").read_text(encoding="utf-8")
            optional.update(
                m["column"].lower() for m in _SHAPE_COLUMN.finditer(specs) if "'required'" not in m.group(0)
            )
            optional.add("_fivetran_synced")
        for key in calls:
            columns.setdefault(key, set()).update(optional)
            if _TABLE_MAY_BE_ABSENT.search(text):
                tables.add(key)
    return _ReadInSql(columns, tables)


def switched_staging_models(project_dir: Path) -> dict[str, tuple[str, ...]]:
    """Per switch, the staging models that build empty when it is off (those whose SQL reads the switch)."""
    found: dict[str, set[str]] = {}
    for path in (project_dir / "models" / "staging").rglob("stg_*.sql"):
        for match in _SWITCH_IN_MODEL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match["name"], set()).add(path.stem)
    return {switch: tuple(sorted(models)) for switch, models in found.items()}


def load_contract(project_dir: Path) -> list[ContractTable]:
    """Every source table the project's `_<source>__sources.yml` files declare, in file order."""
    read = _read_in_sql(project_dir)
    tables: list[ContractTable] = []
    for path in sorted((project_dir / "models").rglob("_*__sources.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for source in document.get("sources") or []:
            source_switch = _switch(_setting(source, "enabled"))
            source_loaded_at = _setting(source, "loaded_at_field")
            source_freshness = _freshness(source, None)
            for table in source.get("tables") or []:
                freshness = _freshness(table, source_freshness) or {}
                columns = [c for c in table.get("columns") or [] if c.get("name")]
                tables.append(
                    ContractTable(
                        source=source["name"],
                        name=table["name"],
                        schema_expr=str(source.get("schema") or source["name"]),
                        switch=_switch(_setting(table, "enabled")) or source_switch,
                        columns=tuple(str(c["name"]).lower() for c in columns),
                        optional_columns=frozenset(
                            str(c["name"]).lower()
                            for c in columns
                            if _is_optional(c)
                            or str(c["name"]).lower() in ALWAYS_OPTIONAL
                            or str(c["name"]).lower()
                            in read.optional_columns.get(f"{source['name']}.{table['name']}", ())
                        ),
                        loaded_at_field=_setting(table, "loaded_at_field") or source_loaded_at,
                        warn_after_hours=_hours(freshness.get("warn_after")),
                        error_after_hours=_hours(freshness.get("error_after")),
                        may_be_absent=f"{source['name']}.{table['name']}" in read.optional_tables,
                    )
                )
    return tables


def project_vars(project_dir: Path) -> dict[str, Any]:
    """The vars dbt_project.yml declares (their defaults)."""
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8")) or {}
    return dict(config.get("vars") or {})


def source_location(table: ContractTable, variables: Mapping[str, Any]) -> tuple[str, str]:
    """(database, schema) of a source table, as the sources' YAML computes them.

    Fivetran's packages' convention: `<source>_database` and `<source>_schema`; the database defaults to
    `raw_database`, the schema to the source's name.
    """
    database = variables.get(f"{table.source}_database") or variables.get("raw_database") or "raw"
    schema = variables.get(f"{table.source}_schema") or table.source
    return str(database), str(schema)


@dataclass(frozen=True)
class Observed:
    """What the raw database holds for one table (None rows/newest when the table is absent)."""

    exists: bool
    columns: frozenset[str] = frozenset()
    rows: int | None = None
    newest_load: datetime | None = None
    live_rows: int | None = None  # rows not soft-deleted (is_deleted, _fivetran_deleted); None: same as rows


@dataclass(frozen=True)
class TableFacts:
    """One source table: the contract, what was found, and what that means."""

    table: ContractTable
    database: str
    schema: str
    enabled: bool
    observed: Observed
    now: datetime
    # the newest load time of any table of the same source that is read and holds rows: when the connector last ran
    connector_newest_load: datetime | None = None

    @property
    def status(self) -> str:
        """`absent`, `empty` (no rows, or every row soft-deleted) or `present`."""
        if not self.observed.exists:
            return ABSENT
        live = self.observed.rows if self.observed.live_rows is None else self.observed.live_rows
        return EMPTY if not live else PRESENT

    @property
    def missing_columns(self) -> tuple[str, ...]:
        """Required columns the present table lacks."""
        if not self.observed.exists:
            return ()
        return tuple(c for c in self.table.required_columns if c not in self.observed.columns)

    @property
    def age_hours(self) -> float | None:
        """Hours since the newest load time (None without data or without a load-time column)."""
        newest = self.observed.newest_load
        return None if newest is None else (self.now - newest).total_seconds() / 3600

    @property
    def connector_age_hours(self) -> float | None:
        """Hours since the connector last loaded any table of this source."""
        newest = self.connector_newest_load
        return None if newest is None else (self.now - newest).total_seconds() / 3600

    @property
    def freshness(self) -> str | None:
        """`fresh`, `late` (beyond warn_after) or `stale` (beyond error_after); None when not checked.

        A connector writes only the rows that changed, so a quiet table (no bounce in two weeks, no account edited
        in a month at a small company) is not a broken one: beyond error_after it is `stale` only when its
        connector loaded no other table within that time either; otherwise it is `late` (a warning).
        """
        age = self.age_hours
        warn, error = self.table.warn_after_hours, self.table.error_after_hours
        if not self.has_data or age is None or (warn is None and error is None):
            return None
        if error is not None and age > error:
            connector = self.connector_age_hours
            return LATE if connector is not None and connector <= error else STALE
        if warn is not None and age > warn:
            return LATE
        return FRESH

    @property
    def is_quiet(self) -> bool:
        """Beyond error_after itself, but its connector loaded another table in time (see `freshness`)."""
        error = self.table.error_after_hours
        age = self.age_hours
        return self.freshness == LATE and error is not None and age is not None and age > error

    @property
    def has_data(self) -> bool:
        """Read by the build and holding rows: the only tables whose freshness dbt can measure."""
        return self.enabled and self.status == PRESENT

    @property
    def has_thresholds(self) -> bool:
        """The contract sets a freshness threshold for this table (`freshness: null` sets none)."""
        return self.table.warn_after_hours is not None or self.table.error_after_hours is not None

    @property
    def has_load_time(self) -> bool:
        """The table carries its `loaded_at_field` (an exported sample may lack `_fivetran_synced`)."""
        field_name = (self.table.loaded_at_field or "").lower()
        return bool(field_name) and field_name in self.observed.columns

    @property
    def freshness_measurable(self) -> bool:
        """Freshness can be measured: rows, a threshold and a load-time column (what `dbt source freshness` needs)."""
        return self.has_data and self.has_thresholds and self.has_load_time

    @property
    def no_data_reason(self) -> str | None:
        """Why freshness has nothing to measure here: absent, switched off or empty (None when it has data)."""
        if self.has_data:
            return None
        if not self.enabled:
            return "switched off" if self.status != ABSENT else "absent (switched off)"
        if self.status == EMPTY and self.observed.rows:
            return f"empty: all {self.observed.rows:,} rows deleted"
        return self.status

    def to_dict(self) -> dict[str, Any]:
        """For `handoff doctor --json`."""
        newest = self.observed.newest_load
        return {
            "table": self.table.key,
            "relation": f"{self.database}.{self.schema}.{self.table.name}",
            "status": self.status,
            "enabled": self.enabled,
            "switch": self.table.switch,
            "rows": self.observed.rows,
            "live_rows": self.observed.live_rows,
            "newest_load": newest.isoformat(timespec="seconds") if newest else None,
            "age_hours": None if self.age_hours is None else round(self.age_hours, 1),
            "freshness": self.freshness,
            "connector_newest_load": (
                self.connector_newest_load.isoformat(timespec="seconds") if self.connector_newest_load else None
            ),
            "missing_columns": list(self.missing_columns),
        }


@dataclass(frozen=True)
class SwitchDecision:
    """One `handoff__using_*` switch: its value, who decided it (`found` or `settings`), and why."""

    switch: str
    on: bool
    origin: str
    reason: str


@dataclass
class Diagnosis:
    """Every source table's facts, the switches decided from them, and what stops a build."""

    tables: list[TableFacts]
    switches: dict[str, SwitchDecision]
    variables: dict[str, Any]
    explicit_vars: dict[str, Any]
    target: str
    settings_file: Path | None = None
    raw_path: Path | None = None
    problems: list[str] = field(default_factory=list)
    features: dict[str, Feature] = field(default_factory=dict)
    # switches on, with raw rows, whose staging models were built and came out empty (handoff.staging_probe):
    # every row quarantined, superseded or deleted
    staged_empty: tuple[str, ...] = ()
    staged_rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when a build can succeed on this raw data."""
        return not self.problems

    def facts(self, key: str) -> TableFacts:
        """The facts of `source.table`."""
        return next(f for f in self.tables if f.table.key == key)

    @property
    def features_off(self) -> list[Feature]:
        """Features whose switch is off (their staging models build empty)."""
        return [self.features.get(s, Feature(s, s)) for s, d in self.switches.items() if not d.on]

    @property
    def features_without_data(self) -> list[Feature]:
        """Features that will come out empty: switched off, every table they read empty, or staging keeps no row."""
        governed: dict[str, list[TableFacts]] = {}
        for facts in self.tables:
            if facts.table.switch:
                governed.setdefault(facts.table.switch, []).append(facts)
        return [
            self.features.get(switch, Feature(switch, switch))
            for switch, decision in self.switches.items()
            if not decision.on or not any(f.has_data for f in governed.get(switch, [])) or switch in self.staged_empty
        ]

    def dbt_vars(self) -> dict[str, Any]:
        """What every dbt call of this run passes as `--vars`: decided switches, then explicit vars on top."""
        found = {name: decision.on for name, decision in self.switches.items()}
        return {**found, **self.explicit_vars}

    def switch_notice(self) -> str | None:
        """The one line a run prints about switches it turned off on its own (None when none were)."""
        off = [d for d in self.switches.values() if not d.on and d.origin == FOUND]
        if not off:
            return None
        return "sources found: " + "; ".join(f"{d.switch} off ({d.reason})" for d in off)

    def to_dict(self) -> dict[str, Any]:
        """For `handoff doctor --json`."""
        return {
            "ok": self.ok,
            "problems": list(self.problems),
            "target": self.target,
            "raw_path": str(self.raw_path) if self.raw_path else None,
            "settings_file": str(self.settings_file) if self.settings_file else None,
            "tables": [f.to_dict() for f in self.tables],
            "switches": {
                name: {"on": d.on, "origin": d.origin, "reason": d.reason} for name, d in self.switches.items()
            },
            "features_off": [f.switch for f in self.features_off],
            "features_without_data": [f.switch for f in self.features_without_data],
            "features_staged_empty": list(self.staged_empty),
            "staged_rows": dict(self.staged_rows),
            "vars": self.dbt_vars(),
            "settings": {k: v for k, v in self.variables.items() if _is_location_or_setting(k)},
        }

    def to_json(self) -> str:
        """The diagnosis as JSON (stable keys, for machines)."""
        return json.dumps(self.to_dict(), indent=2, default=str)


def _is_location_or_setting(name: str) -> bool:
    return name == "raw_database" or name.endswith(("_database", "_schema")) or name.startswith("handoff__")


def decide_switches(
    tables: Iterable[ContractTable], exists: Mapping[str, bool], explicit: Mapping[str, Any]
) -> dict[str, SwitchDecision]:
    """Each switch: explicit vars win; otherwise on exactly when every table it governs exists.

    Tables whose staging builds empty without them (`may_be_absent`) do not count: a connector creates them only
    once the instance has such rows.
    """
    governed: dict[str, list[str]] = {}
    tables = list(tables)
    may_be_absent = {t.key for t in tables if t.may_be_absent}
    for table in tables:
        if table.switch:
            governed.setdefault(table.switch, []).append(table.key)
    decisions = {}
    for switch, keys in governed.items():
        if switch in explicit:
            on = _truthy(explicit[switch])
            decisions[switch] = SwitchDecision(switch, on, SETTINGS, "set in the settings or --vars")
            continue
        absent = [k for k in keys if not exists.get(k, False) and k not in may_be_absent]
        reason = f"absent: {', '.join(absent)}" if absent else "every table it needs is present"
        decisions[switch] = SwitchDecision(switch, not absent, FOUND, reason)
    return decisions


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "on"}
    return bool(value)


def _problems(facts: Iterable[TableFacts]) -> list[str]:
    """What stops a build: an always-read table absent, or a read table lacking a column it needs."""
    problems = []
    for fact in facts:
        if fact.table.switch is None and fact.status == ABSENT and not fact.table.may_be_absent:
            problems.append(
                f"{fact.table.key} does not exist ({fact.database}.{fact.schema}.{fact.table.name}); "
                "Handoff always reads it (see docs/raw_data_contract.md)"
            )
        elif fact.enabled and fact.missing_columns:
            fix = f", or set {fact.table.switch}: false" if fact.table.switch else ""
            problems.append(
                f"{fact.table.key} has no column {', '.join(fact.missing_columns)}, which Handoff reads "
                f"(add it to the connector's sync{fix})"
            )
    return problems


def diagnose(
    *,
    project_dir: Path,
    raw_path: Path | None,
    explicit_vars: Mapping[str, Any] | None = None,
    target: str = "duckdb",
    observe: Any = None,
    now: datetime | None = None,
    settings_file: Path | None = None,
) -> Diagnosis:
    """Read the contract, look at the raw database, decide the switches.

    `observe(lookups) -> {key: Observed}` looks at the raw tables; by default the DuckDB raw file is opened
    read-only (other engines pass their own, see `handoff.sources_probe`).
    """
    explicit = dict(explicit_vars or {})
    variables = {**project_vars(project_dir), **explicit}
    contract = load_contract(project_dir)
    lookups = {t.key: (*source_location(t, variables), t) for t in contract}
    clock = now or datetime.now(UTC).replace(tzinfo=None)
    if observe is None:
        if raw_path is None:
            raise ValueError("diagnose needs the raw file (DuckDB) or an observe function")
        # a load time beyond the run clock is a loader fault staging quarantines (future_load_timestamp), not freshness
        load_limit = clock + timedelta(hours=float(variables.get("future_timestamp_tolerance_hours") or 0))
        alias = str(variables.get("raw_database") or "raw")
        observed = observe_duckdb(raw_path, lookups.values(), alias=alias, load_limit=load_limit)
    else:
        observed = observe(lookups.values())
    decisions = decide_switches(contract, {k: o.exists for k, o in observed.items()}, explicit)
    enabled = {t.key: decisions[t.switch].on if t.switch else True for t in contract}
    connector: dict[str, datetime] = {}
    for t in contract:
        seen = observed.get(t.key, Observed(False))
        if enabled[t.key] and seen.rows and seen.newest_load is not None:
            newest = connector.get(t.source)
            connector[t.source] = seen.newest_load if newest is None else max(newest, seen.newest_load)
    facts = [
        TableFacts(
            table=t,
            database=lookups[t.key][0],
            schema=lookups[t.key][1],
            enabled=enabled[t.key],
            observed=observed.get(t.key, Observed(False)),
            now=clock,
            connector_newest_load=connector.get(t.source),
        )
        for t in contract
    ]
    return Diagnosis(
        tables=facts,
        switches=decisions,
        variables=variables,
        explicit_vars=explicit,
        target=target,
        settings_file=settings_file,
        raw_path=raw_path,
        problems=_problems(facts),
        features=features(project_dir, decisions),
    )


def features(project_dir: Path, switches: Iterable[str]) -> dict[str, Feature]:
    """Every switch's feature: its label and the staging models that read the switch."""
    models = switched_staging_models(project_dir)
    return {s: Feature(s, FEATURE_LABELS.get(s, s), models.get(s, ())) for s in switches}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def observe_duckdb(
    raw_path: Path,
    lookups: Iterable[tuple[str, str, ContractTable]],
    *,
    alias: str = "raw",
    load_limit: datetime | None = None,
) -> dict[str, Observed]:
    """Look at the DuckDB raw file read-only, attached under the alias dbt uses (profiles.yml attaches `raw`).

    A table whose database is not that alias cannot be read by the DuckDB target either: it counts as absent.
    The newest load time ignores load times after `load_limit` (as dbt's freshness does: macros/quality).
    """
    import duckdb

    lookups = list(lookups)
    found: dict[str, Observed] = {t.key: Observed(False) for _, _, t in lookups}
    if not Path(raw_path).exists():
        return found
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach {_quote(str(raw_path))} as {_quote(alias)} (read_only)")
        rows = con.execute(
            "select table_catalog, table_schema, table_name, column_name from information_schema.columns"
        ).fetchall()
        columns: dict[tuple[str, str, str], set[str]] = {}
        for catalog, schema, name, column in rows:
            columns.setdefault((catalog.lower(), schema.lower(), name.lower()), set()).add(str(column).lower())
        for database, schema, table in lookups:
            present = columns.get((database.lower(), schema.lower(), table.name.lower()))
            if present is None:
                continue
            relation = ".".join(_quote(p) for p in (database, schema, table.name))
            load = table.loaded_at_field if table.loaded_at_field and table.loaded_at_field.lower() in present else None
            newest_sql = "null"
            if load:
                loaded = f"try_cast({_quote(load)} as timestamp)"
                limit = f"timestamp '{load_limit:%Y-%m-%d %H:%M:%S}'" if load_limit else None
                newest_sql = f"max(case when {loaded} <= {limit} then {loaded} end)" if limit else f"max({loaded})"
            deleted = [f"coalesce(try_cast({_quote(c)} as boolean), false)" for c in SOFT_DELETE_FLAGS if c in present]
            live_sql = f"count(*) filter (where not ({' or '.join(deleted)}))" if deleted else "null"
            count, newest, live = con.execute(f"select count(*), {newest_sql}, {live_sql} from {relation}").fetchone()
            found[table.key] = Observed(True, frozenset(present), int(count), newest, live)
    finally:
        con.close()
    return found


def _target_type(target: str | None) -> str:
    import os

    return (target or os.environ.get("HANDOFF_TARGET") or "duckdb").lower()


_CACHE: dict[tuple[Any, ...], Diagnosis] = {}


def diagnose_raw(
    project_dir: Path,
    raw_path: Path,
    explicit_vars: Mapping[str, Any] | None = None,
    *,
    target: str | None = None,
    settings_file: Path | None = None,
) -> Diagnosis | None:
    """The diagnosis every dbt call of a command shares, or None where raw tables cannot be looked at here.

    On DuckDB (the embedded default) the raw file is read directly. On other targets the switches are what the
    vars say (dbt_project.yml, the settings file, `--vars`): set them there for tables your warehouse lacks.
    Memoised on the raw file's size and modification time and on the vars, so one night looks once.
    """
    if _target_type(target) != "duckdb" or not (project_dir / "models").is_dir():
        return None
    explicit = dict(explicit_vars or {})
    try:
        stat = raw_path.stat()
        stamp: tuple[Any, ...] = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        stamp = ()
    key = (str(project_dir), str(raw_path), stamp, json.dumps(explicit, sort_keys=True, default=str))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = diagnose(
            project_dir=project_dir, raw_path=raw_path, explicit_vars=explicit, settings_file=settings_file
        )
    return _CACHE[key]


def describe(diagnosis: Diagnosis) -> str:
    """`handoff doctor`'s text: per table, then the features off, the settings used and the verdict."""
    lines = [
        f"raw data: {diagnosis.raw_path or '(target ' + diagnosis.target + ')'}; "
        f"settings file: {diagnosis.settings_file or 'none'}",
        "",
        f"{'table':<36} {'status':<8} {'read':<4} {'rows':>18}  {'newest load (UTC)':<17} {'age h':>8}  "
        f"{'freshness':<9} missing columns",
    ]
    for facts in diagnosis.tables:
        newest = facts.observed.newest_load
        rows = "" if facts.observed.rows is None else f"{facts.observed.rows:,}"
        if facts.observed.live_rows is not None and facts.observed.live_rows != facts.observed.rows:
            rows += f" ({facts.observed.live_rows:,} live)"
        age = "" if facts.age_hours is None else f"{facts.age_hours:,.0f}"
        freshness = facts.freshness or ("no data" if facts.no_data_reason else "-")
        lines.append(
            f"{facts.table.key:<36} {facts.status:<8} {'yes' if facts.enabled else 'no':<4} {rows:>18}  "
            f"{newest.strftime('%Y-%m-%d %H:%M') if newest else '':<17} {age:>8}  {freshness:<9} "
            f"{', '.join(facts.missing_columns)}"
        )
    lines += ["", "switches:"]
    for decision in diagnosis.switches.values():
        label = diagnosis.features[decision.switch].label if decision.switch in diagnosis.features else ""
        lines.append(
            f"  {decision.switch:<36} {'on ' if decision.on else 'off'} ({decision.origin}: {decision.reason}) {label}"
        )
    empty = diagnosis.features_without_data
    lines += ["", "features without data (switched off or empty: they build empty, not broken):"]
    lines += [
        f"  - {f.label} ({f.switch})"
        + (
            ": its tables have rows, staging keeps none (quarantined, superseded or deleted)"
            if f.switch in diagnosis.staged_empty
            else ""
        )
        for f in empty
    ] or ["  none"]
    settings = diagnosis.to_dict()["settings"]
    locations = {k: v for k, v in settings.items() if k == "raw_database" or k.endswith(("_database", "_schema"))}
    lines += ["", "settings used: " + ", ".join(f"{k}={v}" for k, v in sorted(locations.items()))]
    if diagnosis.explicit_vars:
        lines.append("explicit vars: " + json.dumps(diagnosis.explicit_vars, sort_keys=True, default=str))
    lines.append("")
    stale = [f.table.key for f in diagnosis.tables if f.freshness == STALE]
    if stale:
        lines.append(f"freshness: the nightly would stop at its freshness step (exit 3): stale {', '.join(stale)}")
    if diagnosis.ok:
        lines.append("verdict: a build can run on this raw data")
    else:
        lines.append("verdict: a build cannot succeed:")
        lines += [f"  - {problem}" for problem in diagnosis.problems]
    return "\n".join(line.rstrip() for line in lines)


def features_built_empty(warehouse: Path, features: Mapping[str, Feature]) -> list[str]:
    """The switches whose staging models all came out empty in a built DuckDB warehouse (read-only).

    Measured after the build, independently of the decision: the nightly reports it, and the tests compare it with
    the diagnosis made before the build.
    """
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        located = {
            name: schema
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_catalog = current_database()"
            ).fetchall()
        }
        empty = []
        for switch, feature in features.items():
            models = [m for m in feature.staging_models if m in located]
            counts = [
                (con.execute(f"select count(*) from {_quote(located[m])}.{_quote(m)}").fetchone() or (0,))[0]
                for m in models
            ]
            if models and not any(counts):
                empty.append(switch)
        return empty
    finally:
        con.close()
