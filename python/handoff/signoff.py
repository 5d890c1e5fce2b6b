"""`handoff sign-off`: record that marketing and sales signed a proposed version, and make it effective.

The definition is a contract: a version takes effect only with both teams' names and dates, from an effective
date that starts after every version already in force, and never silently in the past of data BI has already
read. Restating published history is possible, on purpose: `--restate REASON` records the reason in the
version's row (restatement_reason), where the definition marts and the signed-off test read it.

When a version becomes effective its fingerprint is committed (definition_fingerprints.csv), computed by the dbt
project's own macro (`dbt run-operation print_definition_fingerprints` on a scratch DuckDB): from then on, any
edit of its rows fails the build. A refused sign-off writes nothing.

The guards cannot be fooled by typing: a signatory's name is validated (letters, digits, spaces and . ' - ( ) & /,
no line breaks, commas or quotes) and the seeds are written as proper CSV, so no input adds a row or a cell; the
same person cannot sign for both teams; a signature date is neither in the future nor before the version was
proposed (proposed_at). Every recorded sign-off is appended to an audit log beside the definition seeds
(sign_off_audit.jsonl) with who ran the command (the OS user and the git user) and when.
"""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from handoff.dbt import run_dbt
from handoff.definitions import EFFECTIVE, VERSION_TABLES, DefinitionSet, definitions_dir
from handoff.project import ProjectPaths

Progress = Callable[[str], None]
_FINGERPRINT_LINE = re.compile(r"^\s*(\d+),([0-9a-f]{32})\s*$", re.MULTILINE)
AUDIT_LOG = "sign_off_audit.jsonl"
NAME_MAX_LENGTH = 100
# A signatory: a name, optionally with a role in parentheses ("Dana Whitfield (VP Marketing)").
_NAME = re.compile(r"^[^\W\d_][\w .'()&/-]*$")


@dataclass(frozen=True)
class SignOff:
    """What a sign-off recorded."""

    version: int
    effective: bool
    message: str
    fingerprint: str | None = None


def published_through(paths: ProjectPaths) -> date | None:
    """The last day BI has already seen: the as-of date of the published warehouse (None when none is published).

    A published file that cannot be read (another process holds it) is an error, not "nothing published": the
    check guards history, so it must not pass by accident.
    """
    if not paths.warehouse_path.is_file():
        return None
    try:
        con = duckdb.connect(str(paths.warehouse_path), read_only=True)
    except duckdb.Error as error:
        raise RuntimeError(f"cannot read the published warehouse to check the effective date: {error}") from error
    try:
        rows = con.execute("select max(as_of_date) from marts.dim_persons").fetchall()
        return rows[0][0] if rows and rows[0][0] else None
    except duckdb.CatalogException:  # a warehouse without the core marts has published no scores yet
        return None
    finally:
        con.close()


def _signed_date(value: date | None, today: date, who: str, proposed: date | None) -> date:
    chosen = value or today
    if chosen > today:
        raise ValueError(f"{who} cannot sign in the future ({chosen}; today is {today})")
    if proposed is not None and chosen < proposed:
        raise ValueError(f"{who} cannot sign on {chosen}, before the version was proposed ({proposed})")
    return chosen


def validated_name(name: str, team: str) -> str:
    """The signatory's name, whitespace collapsed; ValueError (one line) when it could not be a person's name."""
    collapsed = " ".join(name.split())
    if not collapsed:
        raise ValueError(f"the {team} signatory's name is empty")
    problem = None
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        problem = "it holds a control character (a line break, a tab)"
    elif len(collapsed) > NAME_MAX_LENGTH:
        problem = f"it is longer than {NAME_MAX_LENGTH} characters"
    elif not _NAME.match(collapsed):
        problem = "a name starts with a letter and holds only letters, digits, spaces and . ' - ( ) & /"
    if problem:
        raise ValueError(f"the {team} signatory's name {name!r} is refused: {problem}")
    return collapsed


def person_of(name: str) -> str:
    """Who a signature names, without its role: "Dana Whitfield (VP Marketing)" -> "dana whitfield"."""
    return " ".join(re.sub(r"\(.*?\)", " ", name).split()).casefold()


def _proposed_on(row: dict[str, str]) -> date | None:
    value = (row.get("proposed_at") or "").strip()
    return date.fromisoformat(value) if value else None


def _git_config(paths: ProjectPaths, key: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "config", "--get", key], cwd=paths.project_dir, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER: a container with an arbitrary uid
        return os.environ.get("USER") or None


def append_audit(paths: ProjectPaths, entry: dict[str, object]) -> None:
    """Append one sign-off to the audit log beside the definition seeds, with who ran the command and when."""
    record = {
        "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "os_user": _os_user(),
        "git_user": _git_config(paths, "user.name"),
        "git_email": _git_config(paths, "user.email"),
        **entry,
    }
    with (definitions_dir(paths) / AUDIT_LOG).open("a", encoding="utf-8") as log:
        log.write(json.dumps(record, sort_keys=True, default=str) + "\n")


def sign_off(
    paths: ProjectPaths,
    version: int,
    *,
    marketing: str | None = None,
    marketing_at: date | None = None,
    sales: str | None = None,
    sales_at: date | None = None,
    effective_from: date | None = None,
    restate: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> SignOff:
    """Record signatures on a proposed version; with `effective_from`, make it effective (both must have signed)."""
    say = progress or (lambda _: None)
    today = today or datetime.now(UTC).date()
    defs = DefinitionSet.for_project(paths)
    row = defs.version(version)
    if row.get("status") == EFFECTIVE:
        raise ValueError(
            f"version {version} is already effective (from {row.get('effective_from')}): a version in force is never "
            "edited; propose a new version"
        )
    if not (marketing or sales or effective_from):
        raise ValueError("nothing to record: give --marketing NAME and/or --sales NAME (and --effective-from DATE)")
    if restate is not None and not restate.strip():
        raise ValueError("--restate needs a reason")
    changes: dict[str, object] = {}
    proposed = _proposed_on(row)
    for team, name, at in (("marketing", marketing, marketing_at), ("sales", sales, sales_at)):
        if name is not None:
            changes[f"{team}_signed_by"] = validated_name(name, team)
            changes[f"{team}_signed_at"] = _signed_date(at, today, team, proposed).isoformat()
        elif at is not None:
            raise ValueError(f"--{team}-signed-at needs --{team} NAME")
    signed = {**row, **{k: str(v) for k, v in changes.items()}}
    signers = [signed.get(f"{team}_signed_by") or "" for team in ("marketing", "sales")]
    if all(signers) and person_of(signers[0]) == person_of(signers[1]):
        raise ValueError(
            f"the same person cannot sign for both teams ({signers[0]!r} for marketing, {signers[1]!r} for sales)"
        )
    audit = {
        "definition_version": version,
        **changes,
        "effective_from": effective_from.isoformat() if effective_from else None,
        "restate": restate,
    }
    if effective_from is None:
        defs.update_version(version, **changes)
        defs.save()
        append_audit(paths, {**audit, "action": "signed"})
        missing = [t for t in ("marketing", "sales") if not signed.get(f"{t}_signed_by")]
        waiting = f"waiting for {' and '.join(missing)}" if missing else "both teams have signed"
        return SignOff(
            version,
            False,
            f"version {version}: signature recorded ({waiting}); it stays proposed until it is given an effective "
            "date with both sign-offs (--effective-from)",
        )
    missing = [t for t in ("marketing", "sales") if not signed.get(f"{t}_signed_by")]
    if missing:
        present = [t for t in ("marketing", "sales") if t not in missing]
        has = f"only {present[0]}'s sign-off" if present else "no sign-off"
        raise ValueError(
            f"version {version} has {has}: {' and '.join(missing)} must sign (--{missing[0]} NAME) "
            "before it takes effect"
        )
    for number, start in defs.effective():
        if effective_from <= start:
            raise ValueError(
                f"effective date {effective_from} overlaps version {number}, in force from {start}: a new version "
                "must start after every effective version"
            )
    published = published_through(paths)
    latest_signature = max(date.fromisoformat(signed[f"{t}_signed_at"]) for t in ("marketing", "sales"))
    reasons = []
    if published and effective_from <= published:
        reasons.append(f"the published warehouse already holds data through {published}")
    if effective_from < latest_signature:
        reasons.append(f"it is before the last signature ({latest_signature})")
    if reasons and not restate:
        raise ValueError(
            f"effective date {effective_from} is in the past ({'; '.join(reasons)}): restating history needs "
            "--restate REASON"
        )
    changes.update(status=EFFECTIVE, effective_from=effective_from.isoformat(), restatement_reason=restate or "")
    saved = {
        name: defs.tables[name].path.read_text(encoding="utf-8")
        for name in (*VERSION_TABLES, "definition_fingerprints")
    }
    try:
        defs.update_version(version, **changes)
        defs.save()
        say("computing the version's fingerprint with the dbt project's macro")
        fingerprint = compute_fingerprints(paths).get(version)
        if fingerprint is None:
            raise RuntimeError(f"print_definition_fingerprints printed no fingerprint for version {version}")
        defs.set_fingerprint(version, fingerprint)
        defs.save()
        append_audit(paths, {**audit, "action": "made_effective", "fingerprint": fingerprint})
    except BaseException:
        for name, text in saved.items():
            (definitions_dir(paths) / f"{name}.csv").write_text(text, encoding="utf-8")
        raise
    restated = f"; restates published history: {restate}" if restate else ""
    return SignOff(
        version,
        True,
        f"version {version} is effective from {effective_from} (marketing: {signed['marketing_signed_by']}, "
        f"{signed['marketing_signed_at']}; sales: {signed['sales_signed_by']}, {signed['sales_signed_at']}); "
        f"fingerprint {fingerprint} committed{restated}. The next build scores with it from {effective_from}.",
        fingerprint,
    )


def compute_fingerprints(paths: ProjectPaths) -> dict[int, str]:
    """Every version's fingerprint, by `dbt run-operation print_definition_fingerprints` on a scratch DuckDB."""
    scratch = paths.runs_dir / f"sign-off-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}"
    scratch.mkdir(parents=True, exist_ok=True)
    raw = scratch / "empty_raw.duckdb"
    duckdb.connect(str(raw)).close()
    warehouse = scratch / "fingerprints.duckdb"
    try:
        seeded = run_dbt(
            ["seed", "--select", "definition_versions", "fit_rules", "fit_exclusions", "intent_rules"],
            paths=paths,
            warehouse=warehouse,
            raw=raw,
            run_name="sign-off",
        )
        if not seeded.success:
            raise RuntimeError(f"the definition seeds do not load: {seeded.describe_failure()}")
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            # the macro's print() reaches stdout only while dbt logs to the console (captured here, never shown)
            printed = run_dbt(
                ["run-operation", "print_definition_fingerprints"],
                paths=paths,
                warehouse=warehouse,
                raw=raw,
                run_name="sign-off",
                stream=True,
            )
        if not printed.success:
            raise RuntimeError(f"print_definition_fingerprints failed: {printed.describe_failure()}")
        found = {int(v): fp for v, fp in _FINGERPRINT_LINE.findall(output.getvalue())}
        if not found:
            raise RuntimeError("print_definition_fingerprints printed no fingerprint")
        return found
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
