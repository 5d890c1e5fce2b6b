"""Tier-1 stands alone: pipeline created and closed-won never wait on scoring.

If the scoring chain (engagement, identity, MQLs, MQAs) fails at night, dbt skips everything downstream of the
failure. These tests read the lineage dbt itself resolves (`dbt ls --select +<mart>`) and fail as soon as a tier-1
model gains an ancestor outside CRM staging and the CRM-only pipeline models, so the numbers that matter most are
built whatever happens to the tier-2 chain.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build

TIER1_MODELS = (
    "fct_opportunities",
    "fct_opportunity_stages",
    "mrt_pipeline_created",
    "mrt_pipeline_closed_won",
    "mrt_pipeline_by_lead_source",
    "mrt_pipeline_attainment",
)

# CRM staging and the pipeline models built from it alone (marketing sourcing is attributed after scoring).
ALLOWED_FOLDERS = ("models/staging/salesforce/", "models/intermediate/pipeline/", "models/marts/pipeline/")
ALLOWED_MARTS = {"mrt_pipeline_created", "mrt_pipeline_closed_won", "mrt_pipeline_by_lead_source"}
ATTRIBUTION = {"int_opportunities_attributed", "fct_opportunity_attribution", "mrt_pipeline_by_source"}
SCORING_FOLDERS = ("/engagement/", "/scoring/", "/identity/", "/handoffs/", "/accounts/", "/definitions/")


@pytest.fixture(scope="module")
def lineage(tmp_path_factory: pytest.TempPathFactory, tiny_raw: Path) -> dict[str, dict[str, str]]:
    """For each tier-1 model, its upstream models (name -> path) as `dbt ls --select +model` lists them."""
    data_dir = tmp_path_factory.mktemp("tier1_lineage")
    upstream: dict[str, dict[str, str]] = {}
    for model in (*TIER1_MODELS, "mrt_pipeline_by_source"):
        # one run name for every call: the first parses the project, the others reuse its partial parse
        listed = build(
            data_dir,
            tiny_raw,
            command=("ls", "--select", f"+{model}", "--resource-type", "model", "--output", "path"),
            run_name="ls",
        )
        paths = listed.result.listed
        assert paths, f"dbt ls listed nothing upstream of {model}"
        upstream[model] = {Path(path).stem: path for path in paths}
    return upstream


@pytest.mark.parametrize("model", TIER1_MODELS)
def test_tier1_model_has_no_scoring_model_upstream(lineage: dict[str, dict[str, str]], model: str) -> None:
    ancestors = lineage[model]
    assert model in ancestors, "dbt ls --select +model lists the model itself"
    scoring = sorted(name for name, path in ancestors.items() if any(part in path for part in SCORING_FOLDERS))
    assert not scoring, f"{model} waits on scoring through {scoring}"
    attributed = sorted(ATTRIBUTION & set(ancestors))
    assert not attributed, f"{model} reads the marketing attribution {attributed}"
    outside = sorted(
        name
        for name, path in ancestors.items()
        if not path.startswith(ALLOWED_FOLDERS) and name not in ALLOWED_MARTS and name != model
    )
    assert not outside, f"{model} reads models beyond CRM staging and the pipeline models: {outside}"


def test_marketing_split_is_attributed_after_scoring(lineage: dict[str, dict[str, str]]) -> None:
    """The check above sees scoring when it is there: the marketing-sourced split sits after it, beside tier-1."""
    by_source = lineage["mrt_pipeline_by_source"]
    assert {"int_opportunities_attributed", "int_opportunity_periods"} <= set(by_source)
    assert any("/scoring/" in path for path in by_source.values()), "the attribution reads the MQLs and MQAs"
    assert "int_opportunity_periods" in lineage["mrt_pipeline_created"], "tier-1 shares the period scaffolding"
