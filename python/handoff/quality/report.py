"""Write the expectations results: JSON for tools, one self-contained HTML page for people.

Not GX Data Docs: its pages load Bootstrap, Font Awesome and Vega from CDNs, so offline (and in the air-gapped
places a nightly job often runs) they render unstyled. This page has its CSS inline and no scripts.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from handoff.quality.outcome import CheckResult, ExpectationsOutcome

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem}
.meta{color:#666}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
th{background:#f6f6f6}.pill{padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600}
.pass{background:#e3f5e6;color:#1d6b2c}.fail{background:#fde3e1;color:#a11b0e}.warn{background:#fff1d0;color:#8a5a00}
.summary span{margin-right:1.2rem}code{font-size:.9em}
"""


def write_report(
    outcome: ExpectationsOutcome,
    report_dir: Path,
    gx_results: Sequence[Mapping[str, Any]],
    *,
    baseline: Mapping[str, int] | None = None,
) -> None:
    """Write summary.json, gx_validation_results.json and index.html into `report_dir`; set their paths."""
    report_dir.mkdir(parents=True, exist_ok=True)
    outcome.report_dir = report_dir
    outcome.json_path = report_dir / "summary.json"
    outcome.html_path = report_dir / "index.html"
    summary = {
        "run_id": outcome.run_id,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "success": outcome.success,
        "tables": outcome.tables,
        "missing_tables": outcome.missing_tables,
        "baseline_row_counts": dict(baseline or {}),
        "failures": len(outcome.failures),
        "warnings": len(outcome.warnings),
        "checks": [_result_dict(result) for result in outcome.results],
    }
    outcome.json_path.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    (report_dir / "gx_validation_results.json").write_text(
        json.dumps(list(gx_results), indent=2, default=str), encoding="utf-8"
    )
    outcome.html_path.write_text(_html(outcome), encoding="utf-8")


def _result_dict(result: CheckResult) -> dict[str, Any]:
    check = result.check
    return {
        "table": check.table,
        "check": check.label,
        "kind": check.kind,
        "columns": list(check.columns),
        "min_value": check.min_value,
        "max_value": check.max_value,
        "severity": check.severity,
        "why": check.why,
        "success": result.success,
        "observed": result.observed,
        "unexpected_count": result.unexpected_count,
        "sample": list(result.sample),
        "error": result.error,
    }


def _status(result: CheckResult) -> str:
    if result.success:
        return '<span class="pill pass">pass</span>'
    if result.check.severity == "warning":
        return '<span class="pill warn">warning</span>'
    return '<span class="pill fail">fail</span>'


def _html(outcome: ExpectationsOutcome) -> str:
    esc = html.escape
    verdict = "passed" if outcome.success else "FAILED: the warehouse was not published"
    lines = [
        "<!doctype html><html lang=en><meta charset=utf-8>",
        f"<title>Expectations {esc(outcome.run_id)}</title><style>{_STYLE}</style>",
        f"<h1>Nightly expectations: {esc(verdict)}</h1>",
        f"<p class=meta>run {esc(outcome.run_id)} · {outcome.elapsed_seconds:.1f} s · Great Expectations checkpoint "
        "over the work copy, read-only</p>",
        f"<p class=summary><span>{len(outcome.results)} checks</span><span>{len(outcome.tables)} tables</span>"
        f"<span>{len(outcome.failures)} failed</span><span>{len(outcome.warnings)} warnings</span></p>",
    ]
    if outcome.missing_tables:
        names = ", ".join(f"<code>{esc(name)}</code>" for name in outcome.missing_tables)
        lines.append(f"<p class=meta>Specified but not built yet (not checked): {names}</p>")
    for table in outcome.tables:
        rows = [r for r in outcome.results if r.check.table == table]
        if not rows:
            continue
        lines.append(f"<h2><code>{esc(table)}</code></h2><table>")
        lines.append("<tr><th>status</th><th>check</th><th>evidence</th><th>why</th></tr>")
        for result in rows:
            lines.append(
                f"<tr><td>{_status(result)}</td><td><code>{esc(result.check.label)}</code></td>"
                f"<td>{esc(result.evidence)}</td><td>{esc(result.check.why)}</td></tr>"
            )
        lines.append("</table>")
    lines.append("</html>")
    return "\n".join(lines)
