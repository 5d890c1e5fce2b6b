"""Vars cannot change a query's meaning: text vars reach SQL quoted by a macro, numbers and dates are checked,
schema and database names must be plain identifiers."""

from __future__ import annotations

from pathlib import Path

import pytest

from handoff.dbt import DbtResult, run_dbt
from handoff.project import ProjectPaths

pytestmark = pytest.mark.dbt

MODELS = (
    "int_sales_activities_unioned",
    "int_mqls_segmented",
    "stg_salesforce__leads",
    "int_mql_sales_touches_matched",
)


def compile_with(tmp_path: Path, raw: Path, dbt_vars: dict[str, object], name: str) -> DbtResult:
    paths = ProjectPaths.default(data_dir=tmp_path / name).ensure()
    return run_dbt(
        ["compile", "--select", *MODELS],
        paths=paths,
        warehouse=tmp_path / name / "warehouse.duckdb",
        raw=raw,
        run_name=name,
        dbt_vars=dbt_vars,
    )


def compiled(result: DbtResult, folder: str, model: str) -> str:
    return (result.target_path / "compiled" / "handoff" / "models" / folder / f"{model}.sql").read_text()


def test_a_quote_in_each_text_var_is_quoted_not_executed(tmp_path: Path, tiny_raw: Path) -> None:
    result = compile_with(
        tmp_path,
        tiny_raw,
        {
            "handoff__sales_role_keywords": ["zz' or true or 'a"],
            "handoff__sales_departments": ["O'Brien Sales"],
            "handoff__segment_bands": [
                {"segment": "SMB' or 1=1 --", "min_employees": 0},
                {"segment": "Big", "min_employees": 500},
            ],
        },
        "quoted",
    )
    assert result.success, result.describe_failure()
    sales = compiled(result, "intermediate/handoffs", "int_sales_activities_unioned")
    assert "like '%zz'' or true or ''a%'" in sales, "the keyword is one string literal, its quotes doubled"
    assert "like '%zz' or true" not in sales
    assert "'o''brien sales'" in sales, "a department with a quote is one literal"
    segments = compiled(result, "intermediate/handoffs", "int_mqls_segmented")
    assert "then 'SMB'' or 1=1 --'" in segments and "then 'SMB' or" not in segments


@pytest.mark.parametrize(
    ("dbt_vars", "message"),
    [
        ({"handoff__handoff_sla_hours": "24 or true"}, "var handoff__handoff_sla_hours must be a number"),
        ({"salesforce_schema": 'salesforce"; drop table x; --'}, "var salesforce_schema must be a plain schema"),
        ({"raw_database": "raw.other"}, "var raw_database must be a plain schema or database name"),
        ({"marketo_database": 'x" or 1'}, "var marketo_database must be a plain schema or database name"),
        ({"scoring_as_of_date": "2026-01-01' or 'x"}, "var scoring_as_of_date must be a date"),
    ],
)
def test_a_var_that_would_change_the_query_is_a_compile_error(
    tmp_path: Path, tiny_raw: Path, dbt_vars: dict[str, object], message: str
) -> None:
    result = compile_with(tmp_path, tiny_raw, dbt_vars, "refused")
    assert not result.success
    said = [result.exception or "", *(problem.message or "" for problem in result.failures)]
    logs = [result.log_path] if result.log_path.is_file() else sorted(result.log_path.rglob("*.log"))
    said += [log.read_text(errors="replace") for log in logs]
    assert any(message in text for text in said), result.describe_failure()


def test_an_empty_database_var_means_no_database_level(tmp_path: Path, tiny_raw: Path) -> None:
    """Spark has no database above schemas: the engine harness and the benchmark pass raw_database ''."""
    result = compile_with(tmp_path, tiny_raw, {"raw_database": ""}, "no_database")
    assert result.success, result.describe_failure()


def test_numbers_given_as_text_still_work(tmp_path: Path, tiny_raw: Path) -> None:
    result = compile_with(
        tmp_path, tiny_raw, {"handoff__handoff_sla_hours": "4", "scoring_as_of_date": "2026-07-01"}, "ok"
    )
    assert result.success, result.describe_failure()
    touches = compiled(result, "intermediate/handoffs", "int_mql_sales_touches_matched")
    assert "cast('2026-07-01' as date)" in touches
