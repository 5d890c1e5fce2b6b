"""The nightly's own steps as assets: `work_copy` before dbt, `expectations` and `published_warehouse` after it.

Each asset calls one step of the `nightly` resource's session (the nightly's functions) and turns a failure into
a Dagster `Failure` carrying the nightly's paragraph (failing step, exit code, logs), so the UI shows what the CLI
prints and the run history records the same row.
"""

from typing import Any

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    Config,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)
from pydantic import Field

from handoff.orchestration.resources import NightlyResource
from handoff.orchestration.session import NightlyFailed

GROUP = "nightly"
WORK_COPY_KEY = AssetKey("work_copy")
EXPECTATIONS_KEY = AssetKey("expectations")
PUBLISHED_KEY = AssetKey("published_warehouse")


class WorkCopyConfig(Config):
    """The nightly's options for the start of a run (`./handoff nightly --full-refresh --skip-freshness`)."""

    full_refresh: bool = Field(default=False, description="Start from an empty work file: rebuild incrementals.")
    skip_freshness: bool = Field(default=False, description="Do not run `dbt source freshness` first.")
    dbt_vars: dict[str, Any] = Field(default_factory=dict, description="dbt vars for the freshness check and build.")


class ExpectationsConfig(Config):
    """The nightly's expectation options (`--skip-expectations`, `--accept-row-count-change`)."""

    skip: bool = Field(default=False, description="Do not run the checkpoint (the run still publishes).")
    accept_row_count_change: bool = Field(
        default=False, description="A deliberate change of scale: no row-count bounds against the last run."
    )


def _failure(failed: NightlyFailed) -> Failure:
    """The nightly's paragraph as a Dagster failure (never retried: the next run starts from the lock again)."""
    return Failure(description=failed.message, allow_retries=False)


@asset(key=WORK_COPY_KEY, group_name=GROUP, kinds={"duckdb"})
def work_copy(context: AssetExecutionContext, config: WorkCopyConfig, nightly: NightlyResource) -> MaterializeResult:
    """The run's private copy of the published warehouse, which dbt builds into.

    Takes the nightly lock (held until the Dagster run ends; a second nightly, from Dagster, cron or the CLI, is
    refused), clears earlier runs' leftovers, checks source freshness and copies the published file.
    """
    session = nightly.session
    try:
        work_file = session.start(
            full_refresh=config.full_refresh, skip_freshness=config.skip_freshness, dbt_vars=config.dbt_vars
        )
    except NightlyFailed as failed:
        raise _failure(failed) from failed
    run = session.run
    assert run is not None
    context.log.info(f"nightly run {run.run_id}: building into {work_file}")
    return MaterializeResult(
        metadata={
            "nightly_run_id": run.run_id,
            "work_file": MetadataValue.path(str(work_file)),
            "published_warehouse": MetadataValue.path(str(run.published)),
            "full_refresh": config.full_refresh,
            "freshness": "skipped" if config.skip_freshness else "passed",
            "warnings": "; ".join(run.warnings) or "none",
        }
    )


def build_expectations(dbt_models: AssetsDefinition) -> AssetsDefinition:
    """The `expectations` asset, downstream of every dbt asset (it checks the fully built work file)."""

    @asset(key=EXPECTATIONS_KEY, deps=[dbt_models], group_name=GROUP, kinds={"great_expectations"})
    def expectations(
        context: AssetExecutionContext, config: ExpectationsConfig, nightly: NightlyResource
    ) -> MaterializeResult:
        """The Great Expectations checkpoint over the work file's marts; a critical failure stops the publish."""
        from handoff.quality import DEFAULT_CONFIG

        session = nightly.session
        quality = (
            DEFAULT_CONFIG.with_overrides(check_row_count_bounds=False) if config.accept_row_count_change else None
        )
        try:
            session.check(skip=config.skip, quality_config=quality)
        except NightlyFailed as failed:
            raise _failure(failed) from failed
        run = session.run
        assert run is not None
        report = str(run.report_path) if run.report_path else "skipped"
        return MaterializeResult(
            metadata={
                "nightly_run_id": run.run_id,
                "report": MetadataValue.path(report) if run.report_path else report,
                "warnings": "; ".join(w for w in run.warnings if w.startswith("expectation")) or "none",
            }
        )

    return expectations


@asset(key=PUBLISHED_KEY, deps=[EXPECTATIONS_KEY], group_name=GROUP, kinds={"duckdb"})
def published_warehouse(context: AssetExecutionContext, nightly: NightlyResource) -> MaterializeResult:
    """The warehouse BI reads: the checked work file swapped in by an atomic rename, and the run's history row.

    Published only when this same run built the whole dbt project (every error-severity test passed) and the
    expectations passed; otherwise the file is left byte-for-byte unchanged and the run recorded as failed.
    """
    session = nightly.session
    try:
        outcome = session.publish()
    except NightlyFailed as failed:
        raise _failure(failed) from failed
    if outcome.exit_code:  # exit 7: published, but the run-history row could not be appended
        context.log.error(outcome.message)
    else:
        context.log.info(outcome.message)
    return MaterializeResult(
        metadata={
            "nightly_run_id": outcome.run_id,
            "path": MetadataValue.path(str(outcome.warehouse_path)),
            "mart_relations": len(outcome.row_counts),
            "mart_rows": sum(outcome.row_counts.values()),
            "definition_versions": ", ".join(outcome.definition_versions) or "none",
            "exit_code": outcome.exit_code,
            "run_history": MetadataValue.path(str(outcome.run_log_path)),
            "message": outcome.message,
        }
    )
