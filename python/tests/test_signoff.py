"""`handoff sign-off`: both teams sign, effective dates chain, the past is restated only on purpose."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import Built
from drift_company import project_copy

from handoff.cli import EXIT_USAGE, main
from handoff.dbt import run_dbt
from handoff.definitions import EFFECTIVE, PROPOSED, DefinitionSet
from handoff.project import ProjectPaths
from handoff.signoff import sign_off

TODAY = date(2026, 11, 23)
EFFECTIVE_FROM = date(2026, 10, 1)


def with_proposal(root: Path, threshold: int = 50) -> ProjectPaths:
    """A project copy whose seeds hold a proposed version 3: version 2 with another MQL threshold."""
    paths = ProjectPaths(project_dir=project_copy(root / "project"), data_dir=root / "data").ensure()
    defs = DefinitionSet.for_project(paths)
    blank = dict.fromkeys(("marketing_signed_by", "marketing_signed_at", "sales_signed_by", "sales_signed_at"), "")
    defs.copy_version(
        2, 3, status=PROPOSED, effective_from="", mql_threshold=threshold, change_note="Lower the bar to 50", **blank
    )
    defs.save()
    return paths


def publish(paths: ProjectPaths, as_of: date) -> None:
    """A stand-in published warehouse holding data through `as_of`."""
    con = duckdb.connect(str(paths.warehouse_path))
    con.execute("create schema marts")
    con.execute("create table marts.dim_persons as select cast(? as date) as as_of_date", [as_of])
    con.close()


def seed_texts(paths: ProjectPaths) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((paths.project_dir / "seeds" / "definitions").glob("*.csv"))}


def test_refusals_leave_the_seeds_untouched(tmp_path: Path) -> None:
    paths = with_proposal(tmp_path)
    publish(paths, date(2026, 11, 15))
    before = seed_texts(paths)
    cases = [
        (dict(version=9, marketing="Dana"), "unknown definition version 9"),
        (dict(version=2, marketing="Dana"), "already effective"),
        (
            dict(version=3, marketing="Dana", effective_from=date(2027, 1, 1)),
            "only marketing's sign-off: sales must sign",
        ),
        (
            dict(version=3, sales="Marcus", effective_from=date(2027, 1, 1)),
            "only sales's sign-off: marketing must sign",
        ),
        (dict(version=3, marketing="Dana", sales="Marcus", effective_from=date(2026, 6, 1)), "overlaps version 2"),
        (dict(version=3, marketing="Dana", sales="Marcus", effective_from=date(2026, 5, 1)), "overlaps version 2"),
        (
            dict(
                version=3,
                marketing="Dana",
                marketing_at=date(2026, 8, 1),
                sales="Marcus",
                sales_at=date(2026, 8, 2),
                effective_from=date(2026, 9, 1),
            ),
            "in the past \\(the published warehouse already holds data through 2026-11-15\\)",
        ),
        (
            dict(version=3, marketing="Dana", sales="Marcus", effective_from=date(2026, 11, 20)),
            "before the last signature",
        ),
        (dict(version=3, marketing="Dana", marketing_at=date(2026, 12, 24)), "cannot sign in the future"),
        (dict(version=3), "nothing to record"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            sign_off(paths, today=TODAY, **kwargs)  # type: ignore[arg-type]
        assert seed_texts(paths) == before, kwargs


def test_one_team_at_a_time_then_effective_with_a_fingerprint(tmp_path: Path) -> None:
    paths = with_proposal(tmp_path)
    first = sign_off(paths, 3, marketing="Dana Whitfield (VP Marketing)", today=TODAY)
    assert not first.effective and "waiting for sales" in first.message
    assert DefinitionSet.for_project(paths).version(3)["status"] == PROPOSED
    done = sign_off(paths, 3, sales="Marcus Osei (VP Sales)", effective_from=date(2027, 1, 1), today=TODAY)
    assert done.effective and done.fingerprint
    defs = DefinitionSet.for_project(paths)
    row = defs.version(3)
    assert (row["status"], row["effective_from"], row["restatement_reason"]) == (EFFECTIVE, "2027-01-01", "")
    assert (row["marketing_signed_at"], row["sales_signed_at"]) == ("2026-11-23", "2026-11-23")
    fingerprints = {r["definition_version"]: r["fingerprint"] for r in defs.tables["definition_fingerprints"].rows}
    assert fingerprints["3"] == done.fingerprint and len(fingerprints) == 3
    original = (Path(__file__).resolve().parents[2] / "seeds/definitions/definition_versions.csv").read_text()
    lines = (paths.project_dir / "seeds/definitions/definition_versions.csv").read_text().splitlines()
    assert lines[:3] == original.splitlines()[:3], "the rows of versions 1 and 2 keep their exact bytes"
    with pytest.raises(ValueError, match="already effective"):
        sign_off(paths, 3, marketing="Someone else", today=TODAY)


@pytest.mark.dbt
def test_a_signed_version_takes_effect_in_the_next_build_from_its_date_only(tmp_path: Path, tiny_built: Built) -> None:
    """Signed in September (dates given), effective 2026-10-01, restating published data on purpose; the next
    build (definitions and everything downstream, with every data test) scores with it from that day only."""
    paths = with_proposal(tmp_path)
    publish(paths, date(2026, 11, 15))
    reason = "Restated after the Q3 review: sales asked for the lower bar from October"
    signed = sign_off(
        paths,
        3,
        marketing="Dana Whitfield (VP Marketing)",
        marketing_at=date(2026, 9, 20),
        sales="Marcus Osei (VP Sales)",
        sales_at=date(2026, 9, 22),
        effective_from=EFFECTIVE_FROM,
        restate=reason,
        today=TODAY,
    )
    assert signed.effective and "restates published history" in signed.message
    data_dir = tmp_path / "build"
    build_paths = ProjectPaths(project_dir=paths.project_dir, data_dir=data_dir).ensure()
    shutil.copyfile(tiny_built.warehouse, data_dir / "warehouse.duckdb")
    seeds = ("definition_versions", "fit_rules", "fit_exclusions", "intent_rules", "definition_fingerprints")
    rebuilt = run_dbt(
        ["build", "--select", *(f"{seed}+" for seed in seeds)],
        paths=build_paths,
        warehouse=data_dir / "warehouse.duckdb",
        raw=tiny_built.raw,
        run_name="signed",
    )
    assert rebuilt.success, rebuilt.describe_failure()
    assert any("assert_versions_in_use_are_signed_off" in node for node in rebuilt.node_statuses)
    new = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        assert new.execute(
            "select restatement_reason from reference.definition_versions where definition_version = 3"
        ).fetchall() == [(reason,)]
        after = new.execute(
            "select distinct definition_version from marts.fct_person_daily_scores where score_date >= ?",
            [EFFECTIVE_FROM],
        ).fetchall()
        assert after == [(3,)]
        mqls_after = new.execute(
            "select definition_version, mql_threshold from marts.fct_mqls where mql_date >= ?", [EFFECTIVE_FROM]
        ).fetchall()
        assert mqls_after and set(mqls_after) == {(3, 50)}
        old_before = set(
            tiny_built.query(
                "select person_id, mql_date, definition_version from marts.fct_mqls where mql_date < ?",
                [EFFECTIVE_FROM],
            )
        )
        new_before = set(
            new.execute(
                "select person_id, mql_date, definition_version from marts.fct_mqls where mql_date < ?",
                [EFFECTIVE_FROM],
            ).fetchall()
        )
        assert new_before == old_before and old_before, "before its effective date nothing changes"
    finally:
        new.close()


def test_cli_sign_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    paths = with_proposal(tmp_path)
    monkeypatch.setenv("HANDOFF_PROJECT_DIR", str(paths.project_dir))
    monkeypatch.setenv("HANDOFF_DATA_DIR", str(paths.data_dir))
    assert main(["sign-off", "3", "--marketing", "Dana Whitfield (VP Marketing)"]) == 0
    assert "waiting for sales" in capsys.readouterr().out
    assert main(["sign-off", "3", "--effective-from", "2030-01-01"]) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err.startswith("handoff sign-off: version 3 has only marketing's sign-off") and "\n" not in err
    assert main(["sign-off", "4", "--sales", "Marcus"]) == EXIT_USAGE
    assert "unknown definition version 4" in capsys.readouterr().err
    assert main(["sign-off", "3", "--sales", "Marcus", "--restate", " "]) == EXIT_USAGE
