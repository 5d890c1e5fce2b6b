"""The dbt project as Dagster assets (dagster-dbt), built into the nightly run's work file and nowhere else.

Every model, seed and snapshot is an asset and every dbt test an asset check, from the manifest parsed at load
time. Each of them also depends on `work_copy`, so whatever subset is materialised, dbt runs only after the run's
work file exists. dbt runs as a subprocess (`DbtCliResource`) with `HANDOFF_WAREHOUSE` set to that work file for
the subprocess alone; the build's target and logs go where the CLI's nightly puts them
(`runs/nightly/<run_id>/build/`). A materialisation here means "built into the work copy": BI sees it once
`published_warehouse` has swapped that file in.
"""

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetsDefinition, AssetSpec, Failure, MetadataValue, Output
from dagster_dbt import DagsterDbtTranslator, DbtCliInvocation, DbtCliResource, DbtProject, dbt_assets

from handoff.dbt import (
    FAILED_STATUSES,
    DbtResult,
    NodeProblem,
    dbt_environment,
    scheduled_build_command,
    scoped_environ,
)
from handoff.nightly.job import StepFailed
from handoff.nightly.outcome import Step
from handoff.orchestration.assets import WORK_COPY_KEY
from handoff.orchestration.manifest import is_current, parse_target_dir
from handoff.orchestration.resources import NightlyResource
from handoff.orchestration.session import NightlyFailed, NightlySession
from handoff.project import ProjectPaths

DBT_ASSETS_NAME = "dbt_models"
_BUILT_NODES = ("model.", "seed.", "snapshot.")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # dbt colours unit-test diffs even in run_results.json
_RELOAD = "reload the code location (it parses the project again) and run the job again"


class WorkCopyTranslator(DagsterDbtTranslator):
    """dagster-dbt's default keys and groups, plus a dependency of every built node on `work_copy`."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> AssetSpec:
        """The default spec; models, seeds and snapshots also wait for the work file."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        if unique_id.startswith(_BUILT_NODES):
            return spec.merge_attributes(deps=[WORK_COPY_KEY])
        return spec


def dbt_resource(paths: ProjectPaths) -> DbtCliResource:
    """The dbt CLI of this environment (beside the running Python, so no PATH is needed) on the project."""
    beside = Path(sys.executable).parent / "dbt"
    return DbtCliResource(
        project_dir=str(paths.project_dir),
        profiles_dir=str(paths.profiles_dir),
        dbt_executable=str(beside) if beside.exists() else "dbt",
    )


def build_dbt_models(manifest: Path) -> AssetsDefinition:
    """The `@dbt_assets` definition of the whole project, built into the run's work file."""

    @dbt_assets(manifest=manifest, name=DBT_ASSETS_NAME, dagster_dbt_translator=WorkCopyTranslator())
    def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, nightly: NightlyResource) -> Iterator[Any]:
        """`dbt build` (models, seeds, snapshots, tests) into the nightly run's work file."""
        try:
            yield from build_into_work_copy(context, dbt, nightly.session, manifest)
        except NightlyFailed as failed:
            raise Failure(description=failed.message, allow_retries=False) from failed

    return dbt_models


def build_into_work_copy(
    context: AssetExecutionContext, dbt: DbtCliResource, session: NightlySession, manifest: Path
) -> Iterator[Any]:
    """Run `dbt build` against the work file and stream dagster-dbt's events; fail the step as the nightly does."""
    with session.building() as run:
        work_file = run.work_file
        assert work_file is not None
        if work_file.resolve() == run.published.resolve():  # cannot happen; the one rule that must never break
            raise StepFailed(Step.BUILD, f"the work file is the published warehouse ({work_file}); refusing to build")
        if not is_current(manifest, run.paths.project_dir):
            detail = f"the dbt project changed after these definitions parsed it into {manifest}; {_RELOAD}"
            raise StepFailed(Step.BUILD, detail)
        build_dir = run.run_dir / "build"
        run.manifest_path = build_dir / "target" / "manifest.json"  # the expectations read each mart's inputs
        command = scheduled_build_command(full_refresh=session.full_refresh)
        args = [*command, "--log-path", str(build_dir / "logs")]
        if session.dbt_vars:
            args += ["--vars", json.dumps(session.dbt_vars)]
        run.say(f"build: dbt {' '.join(command)} (dagster-dbt) into {work_file}")
        # dagster-dbt seeds the build's target with DBT_TARGET_PATH's partial-parse file: ours, never the
        # project's default target/ (dbt re-parses anyway when the profile's variables differ).
        environment = dbt_environment(
            work_file, run.paths.raw_path, {"DBT_TARGET_PATH": str(parse_target_dir(run.paths))}
        )
        started = time.perf_counter()
        with scoped_environ(environment):
            invocation = dbt.cli(args, context=context, target_path=build_dir / "target", raise_on_error=False)
        try:
            for event in invocation.stream():
                yield _built_into(event, work_file)
        except KeyError as unknown:  # dagster-dbt met a node its manifest lacks: files changed since the parse
            detail = f"dbt built {unknown}, absent from the manifest these definitions loaded ({manifest}); {_RELOAD}"
            raise StepFailed(Step.BUILD, detail) from unknown
        finally:
            _stop(invocation)  # never leave dbt writing to the work file after this step has ended
        result = _dbt_result(invocation, command, time.perf_counter() - started, build_dir / "logs" / "dbt.log")
        if not result.success:
            raise StepFailed(Step.BUILD, result.describe_failure(), result.log_path)
        session.build_passed(
            nodes=len(result.node_statuses),
            seconds=result.elapsed_seconds,
            warnings=[f"dbt warned: {p.unique_id}: {_first_line(p.message)}" for p in result.warnings],
            complete=_selects_everything(context),
        )


def _stop(invocation: DbtCliInvocation) -> None:
    """Terminate the dbt process if it is still running (the stream was abandoned on an error)."""
    if invocation.process.poll() is None:
        invocation.process.terminate()
        try:
            invocation.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            invocation.process.kill()
            invocation.process.wait()


def _built_into(event: Any, work_file: Path) -> Any:
    """Say on each materialisation which file it is in (the work copy, published only at the end)."""
    if isinstance(event, Output):
        return event.with_metadata({**event.metadata, "handoff/built_into": MetadataValue.path(str(work_file))})
    return event


def _selects_everything(context: AssetExecutionContext) -> bool:
    """True when this step builds every dbt asset and runs every dbt test (no Dagster subset)."""
    assets_def = context.assets_def
    return context.selected_asset_keys == assets_def.keys and context.selected_asset_check_keys == assets_def.check_keys


def _dbt_result(invocation: DbtCliInvocation, command: list[str], elapsed: float, log_path: Path) -> DbtResult:
    """The outcome of dbt from its exit code and run_results.json, in the shape the nightly's messages use."""
    exit_code = invocation.process.wait()
    result = DbtResult(
        command=command,
        success=exit_code == 0,
        elapsed_seconds=elapsed,
        log_path=log_path,
        target_path=invocation.target_path,
    )
    try:
        run_results = invocation.get_artifact("run_results.json")
    except (OSError, ValueError):
        run_results = {}
    for node in run_results.get("results", []):
        unique_id, status = str(node.get("unique_id", "?")), str(node.get("status", "")).lower()
        result.node_statuses[unique_id] = status
        problem = NodeProblem(unique_id, status, _ANSI.sub("", str(node.get("message") or "")))
        if status in FAILED_STATUSES:
            result.failures.append(problem)
        elif status == "warn":
            result.warnings.append(problem)
    if result.failures:
        result.success = False
    if not result.success and not result.failures:
        result.exception = f"dbt exited with code {exit_code} before reporting any node (see its log)"
    return result


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""
