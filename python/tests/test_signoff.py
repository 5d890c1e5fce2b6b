"""`handoff sign-off`: both teams sign, effective dates chain, the past is restated only on purpose."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from conftest import Built
from drift_company import project_copy

from handoff.cli import EXIT_USAGE, main
from handoff.dbt import run_dbt
from handoff.definitions import EFFECTIVE, PROPOSED, DefinitionSet
from handoff.project import ProjectPaths
from handoff.signoff import AUDIT_LOG, sign_off

TODAY = date(2026, 11, 23)
EFFECTIVE_FROM = date(2026, 10, 1)
PROPOSED_AT = date(2026, 7, 15)


def with_proposal(root: Path, threshold: int = 50) -> ProjectPaths:
    """A project copy whose seeds hold a proposed version 3: version 2 with another MQL threshold."""
    paths = ProjectPaths(project_dir=project_copy(root / "project"), data_dir=root / "data").ensure()
    defs = DefinitionSet.for_project(paths)
    blank = dict.fromkeys(("marketing_signed_by", "marketing_signed_at", "sales_signed_by", "sales_signed_at"), "")
    defs.copy_version(
        2,
        3,
        status=PROPOSED,
        effective_from="",
        mql_threshold=threshold,
        change_note="Lower the bar to 50",
        proposed_at=PROPOSED_AT.isoformat(),
        **blank,
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


def forged_sign_offs() -> list[tuple[list[str], str]]:
    """Each forgery the issue names, as CLI arguments for version 3, and the refusal it must get."""
    return [
        (
            ["--marketing", "Mallory", "--sales", "Mallory", "--effective-from", "2027-01-01"],
            "the same person cannot sign for both teams",
        ),
        (
            ["--marketing", "Mallory (VP Marketing)", "--sales", " mallory  (VP Sales)"],
            "the same person cannot sign for both teams",
        ),
        (
            ["--marketing", "Dana", "--marketing-signed-at", "2000-01-01", "--sales", "Marcus"],
            "cannot sign on 2000-01-01, before the version was proposed \\(2026-07-15\\)",
        ),
        (["--sales", "Marcus", "--sales-signed-at", "2999-01-01"], "cannot sign in the future"),
        (["--marketing", "Eve\nInjected,row"], "control character"),
        (["--marketing", "Eve,Injected"], "only letters, digits, spaces"),
        (["--marketing", 'Eve "the" Signer'], "only letters, digits, spaces"),
        (["--sales", "\r"], "name is empty"),
        (["--sales", "=cmd|' /C calc'!A0"], "only letters, digits, spaces"),
        (["--sales", "x" * 101], "longer than 100 characters"),
    ]


@pytest.mark.parametrize(("arguments", "refusal"), forged_sign_offs())
def test_forged_sign_offs_are_refused_in_one_line_and_leave_parseable_seeds(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    refusal: str,
) -> None:
    paths = with_proposal(tmp_path)
    monkeypatch.setenv("HANDOFF_PROJECT_DIR", str(paths.project_dir))
    monkeypatch.setenv("HANDOFF_DATA_DIR", str(paths.data_dir))
    before = seed_texts(paths)
    assert main(["sign-off", "3", *arguments]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("handoff sign-off: ") and err.count("\n") == 1, err
    assert re.search(refusal, err), err
    assert seed_texts(paths) == before
    assert not (paths.project_dir / "seeds" / "definitions" / AUDIT_LOG).exists(), "a refusal records nothing"
    defs = DefinitionSet.for_project(paths)  # still parseable: every row has the header's cells
    assert defs.version(3)["status"] == PROPOSED
    # a valid sign-off still works after the refusal, and the seeds still parse after it
    assert main(["sign-off", "3", "--marketing", "Dana Whitfield (VP Marketing)"]) == 0
    assert DefinitionSet.for_project(paths).version(3)["marketing_signed_by"] == "Dana Whitfield (VP Marketing)"


def test_a_quoted_cell_cannot_add_a_row_or_a_cell(tmp_path: Path) -> None:
    """Whatever a cell holds, the seeds are written as CSV that reads back as the same rows and cells."""
    paths = with_proposal(tmp_path)
    defs = DefinitionSet.for_project(paths)
    note = 'Line one,\nline "two", and\r\nthree'
    defs.update_version(3, change_note=note)
    defs.save()
    text = (paths.project_dir / "seeds" / "definitions" / "definition_versions.csv").read_text()
    again = DefinitionSet.for_project(paths)
    assert again.version_numbers() == [1, 2, 3] and again.version(3)["change_note"] == note.replace("\r\n", "\n")
    with open(paths.project_dir / "seeds" / "definitions" / "definition_versions.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 4 and {len(r) for r in rows} == {len(rows[0])}, text
    sign_off(paths, 3, marketing="Dana Whitfield (VP Marketing)", today=TODAY)
    assert DefinitionSet.for_project(paths).version(3)["change_note"] == note.replace("\r\n", "\n")


def test_every_sign_off_is_audited_with_who_ran_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = with_proposal(tmp_path)
    monkeypatch.setenv("USER", "ops-runner")
    monkeypatch.setenv("LOGNAME", "ops-runner")
    subprocess.run(["git", "init", "-q", str(paths.project_dir)], check=True)
    subprocess.run(["git", "-C", str(paths.project_dir), "config", "user.name", "Gina Git"], check=True)
    subprocess.run(["git", "-C", str(paths.project_dir), "config", "user.email", "gina@example.com"], check=True)
    sign_off(paths, 3, marketing="Dana Whitfield (VP Marketing)", today=TODAY)
    sign_off(paths, 3, sales="Marcus Osei (VP Sales)", effective_from=date(2027, 1, 1), today=TODAY)
    log = paths.project_dir / "seeds" / "definitions" / AUDIT_LOG
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["action"] for e in entries] == ["signed", "made_effective"]
    assert entries[0]["marketing_signed_by"] == "Dana Whitfield (VP Marketing)" and "sales_signed_by" not in entries[0]
    assert entries[1]["sales_signed_by"] == "Marcus Osei (VP Sales)" and entries[1]["effective_from"] == "2027-01-01"
    assert entries[1]["fingerprint"] and all(e["definition_version"] == 3 for e in entries)
    for entry in entries:
        assert (entry["os_user"], entry["git_user"], entry["git_email"]) == (
            "ops-runner",
            "Gina Git",
            "gina@example.com",
        )
        assert datetime.fromisoformat(entry["recorded_at"]).tzinfo is not None
