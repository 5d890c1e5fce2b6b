"""The `handoff_nightly` job, its schedule, and `build_definitions`, which puts them together with the assets.

Building the definitions parses the dbt project when its manifest is missing or stale (see `manifest`), so they
load from a fresh clone. Paths come from the environment as for every Handoff command (`HANDOFF_DATA_DIR`,
`HANDOFF_WAREHOUSE`, `HANDOFF_RAW`, `DBT_PROFILES_DIR`), read when the code location loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    Definitions,
    ScheduleDefinition,
    define_asset_job,
    in_process_executor,
)

from handoff.orchestration.assets import build_expectations, published_warehouse, work_copy
from handoff.orchestration.dbt_models import build_dbt_models, dbt_resource
from handoff.orchestration.manifest import prepare_manifest
from handoff.orchestration.resources import NightlyResource
from handoff.project import ProjectPaths

if TYPE_CHECKING:  # what define_asset_job returns; dagster does not export the class at its top level
    from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

NIGHTLY_JOB = "handoff_nightly"
NIGHTLY_SCHEDULE = "handoff_nightly_schedule"
# 03:00 UTC: after the connectors' overnight syncs, before European business hours; the same line as the cron
# example in the README. Change it here (or add a second schedule) for another time zone.
NIGHTLY_CRON = "0 3 * * *"
NIGHTLY_TIMEZONE = "UTC"


def nightly_job() -> UnresolvedAssetJobDefinition:
    """Every asset and check, in one process: the lock and the work file must outlive each step."""
    return define_asset_job(
        NIGHTLY_JOB,
        selection=AssetSelection.all(),
        executor_def=in_process_executor,
        description=(
            "The nightly: lock, freshness and work copy, dbt build into the work copy, Great Expectations, "
            "atomic publish and run history (handoff.nightly's steps; same exit codes in the run history)."
        ),
    )


def nightly_schedule(job: UnresolvedAssetJobDefinition) -> ScheduleDefinition:
    """The job every night at 03:00 UTC. Off until turned on (UI or `dagster schedule start`), as Dagster's default."""
    return ScheduleDefinition(
        name=NIGHTLY_SCHEDULE,
        job=job,
        cron_schedule=NIGHTLY_CRON,
        execution_timezone=NIGHTLY_TIMEZONE,
        default_status=DefaultScheduleStatus.STOPPED,
        description="Rebuild and publish the warehouse every night (handoff nightly).",
    )


def build_definitions(paths: ProjectPaths | None = None) -> Definitions:
    """The code location: assets, the nightly job and its schedule, and the `dbt` and `nightly` resources."""
    paths = paths or ProjectPaths.default()
    manifest = prepare_manifest(paths)
    dbt_models = build_dbt_models(manifest)
    job = nightly_job()
    return Definitions(
        assets=[work_copy, dbt_models, build_expectations(dbt_models), published_warehouse],
        jobs=[job],
        schedules=[nightly_schedule(job)],
        resources={
            "dbt": dbt_resource(paths),
            "nightly": NightlyResource(project_dir=str(paths.project_dir), data_dir=str(paths.data_dir)),
        },
        executor=in_process_executor,
    )
