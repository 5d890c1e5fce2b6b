"""Dagster orchestration of the nightly job: the same steps and safety rules, one asset per step.

Entry point: `dagster dev -f python/handoff/orchestration/definitions.py` (or `-m handoff.orchestration.definitions`).
The job `handoff_nightly` (schedule `handoff_nightly_schedule`: `0 3 * * *` UTC) materialises, in order:

| asset | nightly step (`handoff.nightly`) |
|---|---|
| `work_copy` | lock (held until the Dagster run ends), leftovers cleared, freshness, copy of the published file |
| the dbt models, seeds (and their tests as asset checks) | build: `dbt build` into the work file (dagster-dbt) |
| `expectations` | the Great Expectations checkpoint over the work file |
| `published_warehouse` | publish (history into the file, atomic swap) and the run-history row |

Every step calls the nightly's own functions (`handoff.nightly.job`), so the rules are the nightly's rules:
dbt builds into `<data_dir>/work/<run_id>.duckdb`, never into the published warehouse; the work file is published
only when the whole dbt build (every error-severity test) and the expectations passed in this same Dagster run;
and the nightly's `flock` refuses a second run, whether it comes from Dagster, cron or `./handoff nightly`.

The lock and the run's state live in the `nightly` resource for the length of one Dagster run, which is why the
job (and the code location) use the in-process executor: one process holds the lock from `work_copy` to
`published_warehouse`. Every run, published or not, appends its row to `runs/run_history.jsonl` as the CLI does.

Modules: `manifest` (dbt parse at load time), `session` (one run's state, no Dagster), `resources`, `dbt_models`,
`assets`, `jobs` (job, schedule, `build_definitions`), `definitions` (the `defs` Dagster loads).
"""
