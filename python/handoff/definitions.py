"""The MQL definition seeds (`seeds/definitions/*.csv`) read and written as the dbt project reads them.

Calibrate appends a proposed version, sign-off makes one effective and records its fingerprint, the backtest writes
scenario copies: all through this one module, so the format (columns, order, empty cells for nulls, `true`/`false`)
is written in one place. Rows nobody touches keep their exact bytes: an effective version's lines never change,
and a review of the change in git shows only the new or edited version.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from handoff.project import ProjectPaths

VERSIONS = "definition_versions"
FIT_RULES = "fit_rules"
FIT_EXCLUSIONS = "fit_exclusions"
INTENT_RULES = "intent_rules"
FINGERPRINTS = "definition_fingerprints"
RULE_TABLES = (FIT_RULES, FIT_EXCLUSIONS, INTENT_RULES)
VERSION_TABLES = (VERSIONS, *RULE_TABLES)

PROPOSED = "proposed"
EFFECTIVE = "effective"

# What int_person_fit_rules_matched can read (the accepted values of fit_rules.person_attribute).
FIT_ATTRIBUTES = ("industry", "employee_count", "annual_revenue", "region", "country_code", "seniority", "job_function")
NUMERIC_FIT_ATTRIBUTES = ("employee_count", "annual_revenue")

Row = dict[str, str]


def definitions_dir(paths: ProjectPaths) -> Path:
    """Where the dbt project reads the definition seeds."""
    return paths.project_dir / "seeds" / "definitions"


def _render(header: list[str], row: Mapping[str, object]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([_cell(row.get(column)) for column in header])
    return out.getvalue()


def seed_text(header: list[str], rows: Iterable[Mapping[str, object]]) -> str:
    """A whole seed file's text: the header, then each row in the header's order (nulls empty, booleans lowercase)."""
    return _render(header, dict(zip(header, header, strict=True))) + "".join(_render(header, row) for row in rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class SeedTable:
    """One seed CSV: its header, its rows as text cells, and each row's original line (kept byte for byte)."""

    path: Path
    header: list[str]
    header_line: str
    rows: list[Row]
    lines: list[str | None]  # the original text of each row; None for rows added or edited here

    @classmethod
    def read(cls, path: Path) -> SeedTable:
        """Read a seed as CSV: a quoted cell may hold commas, quotes or line breaks and stays one cell of one row.

        Each record keeps its original text (the physical lines it spans), so untouched rows are rewritten byte for
        byte. A record whose cell count differs from the header's is an error naming the file.
        """
        text = path.read_text(encoding="utf-8")
        physical = text.splitlines(keepends=True)
        if not physical:
            raise ValueError(f"{path} is empty: a seed needs at least its header")
        records: list[str] = []
        pending = ""
        for line in physical:
            pending += line
            if pending.count('"') % 2 == 0:  # quotes balanced: the record ends with this line
                records.append(pending)
                pending = ""
        if pending:
            raise ValueError(f"{path}: a quoted cell is never closed: {pending.strip()[:80]}")
        header = next(csv.reader(io.StringIO(records[0])))
        rows: list[Row] = []
        lines: list[str | None] = []
        for record in records[1:]:
            if not record.strip():
                continue
            parsed = list(csv.reader(io.StringIO(record)))
            cells = parsed[0] if len(parsed) == 1 else []
            if len(cells) != len(header):
                raise ValueError(f"{path}: a row has {len(cells)} cells, the header {len(header)}: {record.strip()!r}")
            rows.append(dict(zip(header, cells, strict=True)))
            lines.append(record if record.endswith("\n") else record + "\n")
        first = records[0] if records[0].endswith("\n") else records[0] + "\n"
        return cls(path=path, header=header, header_line=first, rows=rows, lines=lines)

    def text(self) -> str:
        """The file's text: untouched rows as they were read, new or edited rows rendered."""
        parts = [self.header_line]
        for row, line in zip(self.rows, self.lines, strict=True):
            parts.append(line if line is not None else _render(self.header, row))
        return "".join(parts)

    def write(self, path: Path | None = None) -> None:
        """Write the table (to its own path unless another is given)."""
        target = path or self.path
        target.write_text(self.text(), encoding="utf-8")

    def for_version(self, version: int) -> list[Row]:
        """The rows of one definition version."""
        return [row for row in self.rows if _int(row.get("definition_version")) == version]

    def drop_version(self, version: int) -> None:
        """Remove a version's rows."""
        keep = [i for i, row in enumerate(self.rows) if _int(row.get("definition_version")) != version]
        self.rows = [self.rows[i] for i in keep]
        self.lines = [self.lines[i] for i in keep]

    def append(self, rows: Iterable[Mapping[str, object]]) -> None:
        """Add rows (rendered in the header's column order; missing columns are empty)."""
        for row in rows:
            unknown = set(row) - set(self.header)
            if unknown:
                raise ValueError(f"{self.path.name} has no column(s) {sorted(unknown)}")
            self.rows.append({column: _cell(row.get(column)) for column in self.header})
            self.lines.append(None)

    def update(self, version: int, changes: Mapping[str, object]) -> None:
        """Change cells of a version's rows (in definition_versions: its one row)."""
        unknown = set(changes) - set(self.header)
        if unknown:
            raise ValueError(f"{self.path.name} has no column(s) {sorted(unknown)}")
        for i, row in enumerate(self.rows):
            if _int(row.get("definition_version")) == version:
                row.update({column: _cell(value) for column, value in changes.items()})
                self.lines[i] = None


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


@dataclass
class DefinitionSet:
    """The definition seeds of a project: every version, its rules and the committed fingerprints."""

    directory: Path
    tables: dict[str, SeedTable] = field(default_factory=dict)

    @classmethod
    def read(cls, directory: Path) -> DefinitionSet:
        """Read the four version tables and the fingerprints from a seeds/definitions directory."""
        directory = Path(directory)
        missing = [name for name in (*VERSION_TABLES, FINGERPRINTS) if not (directory / f"{name}.csv").is_file()]
        if missing:
            raise FileNotFoundError(f"no definition seed(s) {', '.join(missing)} in {directory}")
        tables = {name: SeedTable.read(directory / f"{name}.csv") for name in (*VERSION_TABLES, FINGERPRINTS)}
        return cls(directory=directory, tables=tables)

    @classmethod
    def for_project(cls, paths: ProjectPaths) -> DefinitionSet:
        """The definition the project at `paths` builds with."""
        return cls.read(definitions_dir(paths))

    # --- reading ---------------------------------------------------------------------------------------------
    def version_numbers(self) -> list[int]:
        """Every version number, ascending."""
        return sorted(v for v in (_int(r["definition_version"]) for r in self.tables[VERSIONS].rows) if v is not None)

    def version(self, number: int) -> Row:
        """One version's definition_versions row (a copy); ValueError names the known versions if absent."""
        rows = self.tables[VERSIONS].for_version(number)
        if not rows:
            known = ", ".join(str(v) for v in self.version_numbers()) or "none"
            raise ValueError(f"unknown definition version {number} (versions: {known})")
        return dict(rows[0])

    def rules(self, table: str, number: int) -> list[Row]:
        """A version's rows of fit_rules, fit_exclusions or intent_rules (copies)."""
        return [dict(row) for row in self.tables[table].for_version(number)]

    def effective(self) -> list[tuple[int, date]]:
        """Effective versions and their effective_from dates, in date order."""
        out = []
        for row in self.tables[VERSIONS].rows:
            if row.get("status") == EFFECTIVE and row.get("effective_from"):
                out.append((int(row["definition_version"]), date.fromisoformat(row["effective_from"])))
        return sorted(out, key=lambda item: item[1])

    def in_force_on(self, day: date) -> int | None:
        """The effective version in force on a day (latest effective_from on or before it)."""
        chosen = None
        for number, start in self.effective():
            if start <= day:
                chosen = number
        return chosen

    def latest_proposed(self) -> int | None:
        """The highest proposed version, if any."""
        proposed = [int(r["definition_version"]) for r in self.tables[VERSIONS].rows if r.get("status") == PROPOSED]
        return max(proposed) if proposed else None

    def next_version(self) -> int:
        """The number a new version gets."""
        numbers = self.version_numbers()
        return (max(numbers) + 1) if numbers else 1

    # --- writing ---------------------------------------------------------------------------------------------
    def add_version(
        self, version_row: Mapping[str, object], rules: Mapping[str, Iterable[Mapping[str, object]]]
    ) -> int:
        """Append a whole version (its definition_versions row and its rule rows); returns its number."""
        number = _int(version_row.get("definition_version"))
        if number is None:
            raise ValueError("a new version needs a definition_version number")
        if number in self.version_numbers():
            raise ValueError(f"definition version {number} already exists")
        self.tables[VERSIONS].append([version_row])
        for table in RULE_TABLES:
            self.tables[table].append({**row, "definition_version": number} for row in rules.get(table, ()))
        return number

    def copy_version(self, source: int, number: int, **changes: object) -> int:
        """Append a copy of a version under a new number, with changed cells in its definition_versions row."""
        row: dict[str, object] = {**self.version(source), **changes, "definition_version": number}
        return self.add_version(row, {table: self.rules(table, source) for table in RULE_TABLES})

    def update_version(self, number: int, **changes: object) -> None:
        """Change cells of one version's definition_versions row."""
        self.version(number)
        self.tables[VERSIONS].update(number, changes)

    def set_fingerprint(self, number: int, fingerprint: str) -> None:
        """Record (or replace) a version's committed fingerprint."""
        table = self.tables[FINGERPRINTS]
        table.drop_version(number)
        table.append([{"definition_version": number, "fingerprint": fingerprint}])

    def save(self, directory: Path | None = None) -> Path:
        """Write every table (into this set's directory, or copy the set into another one)."""
        target = Path(directory) if directory else self.directory
        target.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables.items():
            table.write(target / f"{name}.csv")
        return target
