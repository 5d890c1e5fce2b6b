"""The one-engine-SQL check: models use no function, clause or operator that one of the engines lacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handoff.portability import ENGINES, load_denylist, scan_project, scan_sql

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def denylist():
    return load_denylist()


def test_models_use_no_single_engine_function(denylist) -> None:
    findings = scan_project(PROJECT_DIR, denylist)
    assert not findings, "engine-specific SQL outside macros/cross_db:\n" + "\n".join(f.describe() for f in findings)


def test_denylist_names_known_engines_and_a_probe_per_entry(denylist) -> None:
    assert len(denylist) > 50
    for entry in denylist:
        assert set(entry.missing_on) <= set(ENGINES), entry.token
        assert entry.probe.lower().startswith("select"), entry.token
        assert entry.pattern.search(entry.probe), f"the probe of {entry.token!r} does not use it"


def test_check_fails_on_a_model_using_regexp_matches_and_qualify(tmp_path: Path, denylist) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR / "models", project / "models")
    shutil.copytree(PROJECT_DIR / "macros", project / "macros")
    bad_model = project / "models" / "staging" / "stg_bad__emails.sql"
    bad_model.write_text(
        "with\n\n"
        "source as (\n\n    select * from {{ ref('stg_salesforce__leads') }}\n\n),\n\n"
        "final as (\n\n"
        "    select lead_id, regexp_matches(email, '@') as has_at\n"
        "    from source\n"
        "    qualify row_number() over (partition by lead_id order by synced_at desc) = 1\n\n"
        ")\n\nselect * from final\n"
    )
    findings = scan_project(project, denylist)
    described = [finding.describe() for finding in findings]
    assert [(f.path, f.line, f.entry.token) for f in findings] == [
        ("models/staging/stg_bad__emails.sql", 11, "regexp_matches("),
        ("models/staging/stg_bad__emails.sql", 13, "qualify"),
    ], described
    assert "missing on spark" in described[0] and "handoff.regexp_like" in described[0]
    assert "missing on postgres" in described[1]


def test_macros_outside_cross_db_are_checked_and_cross_db_is_exempt(tmp_path: Path, denylist) -> None:
    (tmp_path / "macros" / "cross_db").mkdir(parents=True)
    (tmp_path / "macros" / "cross_db" / "engine.sql").write_text("{% macro x() %}try_cast(a as int){% endmacro %}")
    (tmp_path / "macros" / "helpers.sql").write_text("{% macro y() %}\n  epoch(created_at)\n{% endmacro %}")
    findings = scan_project(tmp_path, denylist)
    assert [(f.path, f.line, f.entry.token) for f in findings] == [("macros/helpers.sql", 2, "epoch(")]


@pytest.mark.parametrize(
    ("sql", "tokens"),
    [
        ("select {{ handoff.try_cast('x', dbt.type_int()) }} as n", []),
        ("select 'qualify' as word, \"if\" as quoted_column -- qualify here\nfrom t", []),
        ("select a /* regexp_matches(a, 'b') */ from t {# list_value(1) #}", []),
        ("select {% if true %}1{% endif %} as one", []),
        ("select x::int, y ~ 'a', z -> 'k' from t", ["::", "~", "->"]),
        (
            "select strftime(d, '%Y'), epoch_ms(t), list_sort(l), struct_pack(a := 1) from t",
            [
                "strftime(",
                "epoch_ms(",
                "list_*(",
                "struct_pack(",
            ],
        ),
        ("select date_trunc('day', t), split_part(s, '@', 2), dbt_if(x) from t", []),
        ("select * exclude (a) from t group by all", ["re:\\*\\s*exclude\\b", "group by all"]),
        ("select if(a, 1, 2), ifnull(b, 0), nvl(c, 0) from t", ["if(", "ifnull(", "nvl("]),
    ],
)
def test_scanner_reads_sql_not_jinja_comments_or_literals(sql: str, tokens: list[str], denylist) -> None:
    assert [finding.entry.token for finding in scan_sql(sql, denylist)] == tokens
