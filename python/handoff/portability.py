"""The one-engine-SQL check: models may call dbt built-ins and `handoff.*` macros, never SQL that one engine lacks.

Handoff runs on DuckDB, Postgres and Spark from the same models, so engine-specific SQL lives only in the
dispatched macros of macros/cross_db/. This module scans the SQL written in models (and in macros outside
macros/cross_db, tests and analyses) for the entries of portability_denylist.txt (functions, clauses and operators
that exist on only some engines, each with the engines it is missing from) and reports file, line and entry.

It scans the source text, not compiled SQL: compiled SQL contains what the cross_db macros expand to (DuckDB's
try_cast, Spark's sort_array), which is exactly where such SQL belongs. Jinja tags and comments, SQL comments,
string literals and quoted identifiers are blanked first, so `{{ handoff.try_cast(...) }}`, `-- qualify` and
`'qualify'` are not findings. SQL text passed to a macro as a Jinja string is not scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ENGINES = ("duckdb", "postgres", "spark")
DENYLIST_PATH = Path(__file__).with_name("portability_denylist.txt")
SCANNED_DIRECTORIES = ("models", "macros", "tests", "analyses")
EXEMPT_DIRECTORIES = ("macros/cross_db",)


@dataclass(frozen=True)
class DenyEntry:
    """One non-portable token, the engines it is missing from, what to use instead, and a probe statement."""

    token: str
    missing_on: tuple[str, ...]
    instead: str
    probe: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Finding:
    """A use of a denied token in a file."""

    path: str
    line: int
    column: int
    entry: DenyEntry

    def describe(self) -> str:
        """`models/x.sql:12:5: regexp_matches( (missing on spark): use handoff.regexp_like ...`."""
        missing = ", ".join(self.entry.missing_on) or "none of duckdb/postgres/spark, but differs"
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.entry.token} (missing on {missing}): use {self.entry.instead}"


def token_pattern(token: str) -> re.Pattern[str]:
    """The regex a denylist token stands for: a call, a clause of words, an operator, or `re:` a raw regex."""
    if token.startswith("re:"):
        return re.compile(token[3:], re.IGNORECASE)
    if token.endswith("("):
        name = re.escape(token[:-1].strip()).replace(r"\*", r"\w*")
        return re.compile(rf"(?<![\w.$]){name}\s*\(", re.IGNORECASE)
    if re.fullmatch(r"[A-Za-z_]+( [A-Za-z_]+)*", token):
        words = r"\s+".join(re.escape(word) for word in token.split())
        return re.compile(rf"(?<![\w.$]){words}(?!\w)", re.IGNORECASE)
    return re.compile(re.escape(token))


def load_denylist(path: Path = DENYLIST_PATH) -> list[DenyEntry]:
    """Parse the denylist; a malformed line is an error (a silently dropped entry would be an untested engine)."""
    entries = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in raw.split(" | ")]
        if len(fields) != 4 or not all(fields):
            raise ValueError(f"{path}:{number}: expected `token | missing on | use instead | probe`, got {raw!r}")
        token, missing, instead, probe = fields
        missing_on = () if missing == "-" else tuple(engine.strip() for engine in missing.split(","))
        unknown = set(missing_on) - set(ENGINES)
        if unknown:
            raise ValueError(f"{path}:{number}: unknown engines {sorted(unknown)}; use {', '.join(ENGINES)} or -")
        entries.append(DenyEntry(token, missing_on, instead, probe, token_pattern(token)))
    return entries


def mask_non_sql(text: str) -> str:
    """The text with Jinja, comments, string literals and quoted identifiers replaced by spaces (newlines kept).

    Positions are unchanged, so a match in the result has the line and column of the original.
    """
    out = list(text)
    length = len(text)

    def blank(start: int, end: int) -> None:
        for index in range(start, min(end, length)):
            if out[index] != "\n":
                out[index] = " "

    def jinja_end(start: int) -> int:
        """The index after the Jinja tag opening at `start`, skipping quoted strings inside it."""
        closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[text[start : start + 2]]
        index = start + 2
        quote = None
        while index < length:
            char = text[index]
            if quote:
                if char == "\\":
                    index += 2
                    continue
                if char == quote:
                    quote = None
            elif closer != "#}" and char in "'\"":
                quote = char
            elif text.startswith(closer, index):
                return index + 2
            index += 1
        return length

    index = 0
    quote: str | None = None
    while index < length:
        two = text[index : index + 2]
        if two in ("{{", "{%", "{#"):
            end = jinja_end(index)
            blank(index, end)
            index = end
            continue
        char = text[index]
        if quote:
            if char == quote:
                if text[index + 1 : index + 2] == quote:  # doubled quote inside a literal
                    blank(index, index + 2)
                    index += 2
                    continue
                quote = None
            else:
                blank(index, index + 1)
            index += 1
            continue
        if two == "--":
            end = text.find("\n", index)
            end = length if end == -1 else end
            blank(index, end)
            index = end
            continue
        if two == "/*":
            end = text.find("*/", index + 2)
            end = length if end == -1 else end + 2
            blank(index, end)
            index = end
            continue
        if char in "'\"`":
            quote = char
        index += 1
    return "".join(out)


def scan_sql(text: str, entries: Sequence[DenyEntry], path: str = "<sql>") -> list[Finding]:
    """Every use of a denied token in one SQL (or Jinja-SQL) text, in order of position."""
    masked = mask_non_sql(text)
    line_starts = [0] + [match.end() for match in re.finditer("\n", masked)]
    findings = []
    for entry in entries:
        for match in entry.pattern.finditer(masked):
            line = _line_of(line_starts, match.start())
            findings.append(Finding(path, line, match.start() - line_starts[line - 1] + 1, entry))
    return sorted(findings, key=lambda finding: (finding.line, finding.column, finding.entry.token))


def _line_of(line_starts: list[int], offset: int) -> int:
    """1-based line number of a character offset."""
    low, high = 0, len(line_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1


def project_sql_files(
    project_dir: Path,
    directories: Iterable[str] = SCANNED_DIRECTORIES,
    exempt: Iterable[str] = EXEMPT_DIRECTORIES,
) -> list[Path]:
    """The .sql files the check covers: models, macros, tests and analyses, less macros/cross_db."""
    exempt_paths = [(project_dir / directory).resolve() for directory in exempt]
    files = []
    for directory in directories:
        for path in sorted((project_dir / directory).rglob("*.sql")):
            resolved = path.resolve()
            if not any(resolved.is_relative_to(exempt_path) for exempt_path in exempt_paths):
                files.append(path)
    return files


def scan_project(project_dir: Path, entries: Sequence[DenyEntry] | None = None) -> list[Finding]:
    """Every finding in the project's SQL files, paths relative to the project."""
    entries = load_denylist() if entries is None else entries
    findings = []
    for path in project_sql_files(project_dir):
        relative = str(path.relative_to(project_dir))
        findings += scan_sql(path.read_text(encoding="utf-8"), entries, relative)
    return findings
