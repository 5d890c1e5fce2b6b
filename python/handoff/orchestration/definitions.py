"""What Dagster loads: `dagster dev -f python/handoff/orchestration/definitions.py`.

(Or `dagster dev -m handoff.orchestration.definitions`; `dagster definitions validate` takes the same options.)

Importing this module builds the definitions for the paths in the environment (and parses the dbt project into
`<data_dir>/runs/dagster/` if needed); code that wants other paths calls `jobs.build_definitions(paths)` instead.
"""

from __future__ import annotations

from handoff.orchestration.jobs import build_definitions

defs = build_definitions()
