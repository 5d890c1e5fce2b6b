"""Which features the build will find empty although their raw tables have rows: staging built on a scratch file.

A raw table can hold rows that staging keeps none of (every sample task names a person the sample lacks, so every
row is quarantined as an `orphan_reference`). Reading raw tables cannot tell this without writing the quarantine
rules a second time in Python; building the features' own staging models (and the seeds and base models they
read) into a throwaway warehouse can, with the rules written once, in the base models. `handoff doctor` runs it;
`--quick` skips it. Its cost grows with the raw data (it is the staging part of a full build).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from handoff.project import ProjectPaths
from handoff.sources import Diagnosis, TableFacts


@dataclass(frozen=True)
class StagingProbe:
    """Rows each probed staging model came out with, and any that failed to build (then nothing is predicted)."""

    staged_rows: dict[str, int] = field(default_factory=dict)
    failed: tuple[str, ...] = ()

    def all_empty(self, models: tuple[str, ...]) -> bool:
        """True when every one of `models` was built and came out with no row."""
        built = [m for m in models if m in self.staged_rows]
        return bool(built) and len(built) == len(models) and not any(self.staged_rows[m] for m in built)


def models_to_probe(diagnosis: Diagnosis) -> tuple[str, ...]:
    """Staging models of the features that are on and have raw rows: the only ones that could surprise."""
    governed: dict[str, list[TableFacts]] = {}
    for facts in diagnosis.tables:
        if facts.table.switch:
            governed.setdefault(facts.table.switch, []).append(facts)
    models: list[str] = []
    for switch, decision in diagnosis.switches.items():
        if decision.on and any(f.has_data for f in governed.get(switch, [])):
            models += diagnosis.features[switch].staging_models if switch in diagnosis.features else ()
    return tuple(sorted(set(models)))


def probe_staging(
    paths: ProjectPaths, raw_path: Path, diagnosis: Diagnosis, *, dbt_vars: Mapping[str, object] | None = None
) -> StagingProbe:
    """Build `models_to_probe` with their parents into a scratch DuckDB file and count their rows."""
    import duckdb

    from handoff.dbt import run_dbt

    models = models_to_probe(diagnosis)
    if not models:
        return StagingProbe()
    with tempfile.TemporaryDirectory(prefix="handoff-doctor-") as scratch:
        warehouse = Path(scratch) / "staging_probe.duckdb"
        selection = " ".join(f"+{m}" for m in models)
        result = run_dbt(
            ["build", "--select", selection, "--exclude-resource-type", "test", "unit_test"],
            paths=ProjectPaths(project_dir=paths.project_dir, data_dir=Path(scratch)),
            warehouse=warehouse,
            raw=raw_path,
            run_name="doctor",
            dbt_vars={**diagnosis.dbt_vars(), **dict(dbt_vars or {})},
            stream=False,
        )
        failed = tuple(sorted(p.unique_id.split(".")[-1] for p in result.failures))
        if not warehouse.exists():
            return StagingProbe(failed=failed or models)
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            located = dict(
                con.execute(
                    "select table_name, table_schema from information_schema.tables "
                    "where table_catalog = current_database()"
                ).fetchall()
            )
            counts = {
                m: int(con.execute(f'select count(*) from "{located[m]}"."{m}"').fetchone()[0])
                for m in models
                if m in located and m not in failed
            }
        finally:
            con.close()
    return StagingProbe(staged_rows=counts, failed=failed)


def with_staging_probe(diagnosis: Diagnosis, probe: StagingProbe) -> Diagnosis:
    """The diagnosis with the features whose staging came out empty although their tables have rows."""
    emptied = tuple(
        switch
        for switch, feature in sorted(diagnosis.features.items())
        if diagnosis.switches[switch].on and feature.staging_models and probe.all_empty(feature.staging_models)
    )
    return replace(diagnosis, staged_empty=emptied, staged_rows=dict(probe.staged_rows))
