"""`handoff calibrate`: points learned from outcomes, judged as rounded points, proposed in the seeds' format."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pytest
from conftest import Built
from drift_company import CALIBRATE_UNTIL, drift_company, project_copy

from handoff.backtest import Window, scenario_evidence
from handoff.calibrate import run_calibration
from handoff.cli import EXIT_USAGE, main
from handoff.dbt import run_dbt
from handoff.definitions import FIT_RULES, INTENT_RULES, PROPOSED, DefinitionSet
from handoff.project import ProjectPaths
from handoff.threshold_evidence import recorded_evidence
from handoff.thresholds import threshold_policy

# What the generator plants (handoff.generate.planted): hand-raises, pricing pages and webinars drive opportunities;
# email opens and clicks, blog and home/about pages and newsletter sign-ups carry no effect.
PREDICTIVE = ("demo_request", "contact_sales", "pricing_page_view", "webinar")
NOISE = ("email_open", "email_click", "blog_page_view", "other_page_view", "newsletter_signup")


@pytest.fixture
def project(tmp_path: Path) -> ProjectPaths:
    """A copy of the dbt project (seeds included) and an empty data directory."""
    return ProjectPaths(project_dir=project_copy(tmp_path / "project"), data_dir=tmp_path / "data").ensure()


def write_leads(path: Path, rows: int = 4000, seed: int = 3) -> Path:
    """Leads with a planted truth: software, mid-size companies, pricing pages and demo requests convert; opens
    do not. With junk levels, missing values, an id and a column that leaks the outcome."""
    rng = np.random.default_rng(seed)
    industries = np.array(["Software", "Retail", "Financial Services", "Energy", "Select", ""])
    industry = rng.choice(industries, size=rows, p=[0.3, 0.2, 0.15, 0.15, 0.1, 0.1])
    employees = rng.lognormal(5.5, 1.4, size=rows).round()
    seniority = rng.choice(["vp", "director", "manager", "individual_contributor", ""], size=rows)
    country = rng.choice(["us", "de", "fr", "br"], size=rows)
    pricing = rng.poisson(1.2, size=rows)
    demo = rng.random(rows) < 0.12
    opens = rng.poisson(4.0, size=rows)
    logit = (
        -3.2
        + 1.3 * (industry == "Software")
        + 0.9 * ((employees >= 201) & (employees < 5001))
        + 0.35 * pricing
        + 2.0 * demo
        + 0.0 * opens
    )
    converted = rng.random(rows) < 1 / (1 + np.exp(-logit))
    start = date(2024, 1, 1)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Lead Id",
                "created_date",
                "industry",
                "employee_count",
                "seniority",
                "country_code",
                "pricing_page_view",
                "demo_request",
                "email_open",
                "status_after",
                "converted",
            ]
        )
        for i in range(rows):
            writer.writerow(
                [
                    f"L{i:05d}",
                    (start + timedelta(days=int(i * 700 / rows))).isoformat(),
                    industry[i],
                    "" if rng.random() < 0.08 else int(employees[i]),
                    seniority[i],
                    country[i],
                    pricing[i],
                    int(demo[i]),
                    opens[i],
                    "Closed Won" if converted[i] and rng.random() < 0.97 else "Open",
                    "yes" if converted[i] else "no",
                ]
            )
    return path


def _rules(defs: DefinitionSet, table: str, version: int) -> list[dict[str, str]]:
    return defs.rules(table, version)


def assert_dbt_reads_the_definition(paths: ProjectPaths) -> None:
    """Load the definition seeds with dbt and run every test that reads only them (types, keys, accepted values,
    relationships, intent-rule consistency, half-lives, effective-version fingerprints)."""
    raw = paths.data_dir / "empty_raw.duckdb"
    duckdb.connect(str(raw)).close()
    seeds = ["definition_versions", "fit_rules", "fit_exclusions", "intent_rules", "definition_fingerprints"]
    result = run_dbt(
        ["build", "--select", *seeds, "signal_channels", "--indirect-selection", "cautious"],
        paths=paths,
        warehouse=paths.data_dir / "seeds.duckdb",
        raw=raw,
        run_name="seeds",
    )
    assert result.success, result.describe_failure()
    tests = [node for node in result.node_statuses if node.startswith("test.")]
    assert any("assert_intent_rules_consistent" in t for t in tests) and len(tests) > 20


@pytest.mark.dbt
def test_a_plain_file_becomes_a_proposed_version_and_a_report(project: ProjectPaths, tmp_path: Path) -> None:
    leads = write_leads(tmp_path / "leads.csv")
    result = run_calibration(
        project, input_path=leads, outcome="converted", exclude=["Lead Id", "status_after"], report_dir=tmp_path
    )
    # judged on later leads, as rounded points
    assert result.split.by_time
    assert abs(result.evaluation.model_auc - result.evaluation.points_auc) <= 0.01
    assert result.evaluation.points_auc > 0.7
    assert result.evaluation.top_decile_lift > 2

    defs = DefinitionSet.for_project(project)
    version = defs.version(3)
    assert (version["status"], version["effective_from"]) == (PROPOSED, "")
    assert not version["marketing_signed_by"] and not version["sales_signed_by"]
    assert "Against version 2" in version["change_note"] and "\n" not in version["change_note"]
    assert int(version["fit_gate"]) >= 1 and int(version["mql_threshold"]) >= 1

    fit = {
        (r["person_attribute"], r["match_value"], r["range_min"]): int(r["points"]) for r in _rules(defs, FIT_RULES, 3)
    }
    industries = {value: points for (attribute, value, _), points in fit.items() if attribute == "industry"}
    assert industries["software"] == max(industries.values()) and industries["software"] > 0
    assert not {"select", ""} & set(industries), "junk levels must never become rules"
    learned = {r["person_attribute"] for r in _rules(defs, FIT_RULES, 3) if "Carried over" not in r["description"]}
    assert learned <= {"industry", "employee_count", "seniority", "country_code"}
    carried = {r["person_attribute"] for r in _rules(defs, FIT_RULES, 3) if "Carried over" in r["description"]}
    assert carried == {r["person_attribute"] for r in _rules(defs, FIT_RULES, 2)} - result.data.measured("fit"), (
        "the file has no job function: its rules in force are carried over, not dropped"
    )
    assert fit.get(("employee_count", "", "201"), 0) > 0, "the in-force band 201-1000 is reused and scores"

    intent = {r["signal_type"]: r for r in _rules(defs, INTENT_RULES, 3)}
    assert int(intent["demo_request"]["points"]) > int(intent["pricing_page_view"]["points"]) > 0
    assert abs(int(intent["email_open"]["points"])) <= 1
    for rule in intent.values():  # what tests/scoring/assert_intent_rules_consistent.sql demands
        if "Carried over" not in rule["description"]:  # a learned rule caps at one day's points
            assert int(rule["daily_cap"]) == int(rule["points"])
        assert (rule["is_negative"] == "true") == (int(rule["points"]) < 0)
    assert set(result.data.excluded) >= {"Lead Id", "status_after", "created_date"}
    # the version in force is untouched, byte for byte
    assert defs.rules(FIT_RULES, 2) == DefinitionSet.read(
        Path(__file__).resolve().parents[2] / "seeds/definitions"
    ).rules(FIT_RULES, 2)

    html = result.report_path.read_text()
    assert html.count("data:image/png;base64,") >= 4, "ROC, lift, distributions and points are inline images"
    assert "Discrimination on held-out rows" in html and "Proposed version 3" in html
    assert (result.proposal_dir / "intent_rules.csv").is_file()
    assert_dbt_reads_the_definition(project)


def test_a_leaking_column_left_in_is_caught_before_it_reaches_the_seeds(project: ProjectPaths, tmp_path: Path) -> None:
    leads = write_leads(tmp_path / "leads.csv")
    with pytest.raises(ValueError, match="status_after"):
        run_calibration(project, input_path=leads, outcome="converted", exclude=["Lead Id"], report_dir=tmp_path)
    assert DefinitionSet.for_project(project).version_numbers() == [1, 2]
    leaky = run_calibration(
        project, input_path=leads, outcome="converted", exclude=["Lead Id"], dry_run=True, report_dir=tmp_path
    )
    assert leaky.evaluation.model_auc > 0.97, "the leak makes the model look perfect: that is why it is excluded"
    assert DefinitionSet.for_project(project).version_numbers() == [1, 2]


def test_cli_calibrate_on_a_file_and_its_usage_errors(
    project: ProjectPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HANDOFF_PROJECT_DIR", str(project.project_dir))
    monkeypatch.setenv("HANDOFF_DATA_DIR", str(project.data_dir))
    leads = write_leads(tmp_path / "leads.csv", rows=1500)
    code = main(["calibrate", "--input", str(leads), "--outcome", "converted", "--exclude", "Lead Id,status_after"])
    out = capsys.readouterr().out
    assert code == 0
    assert "## Calibration: proposed version 3" in out and "held-out AUC" in out
    assert (project.data_dir / "reports").is_dir()

    assert main(["calibrate", "--input", str(leads), "--outcome", "nope"]) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err.startswith("handoff calibrate: no outcome column 'nope'") and "\n" not in err
    assert main(["calibrate", "--input", str(leads), "--outcome", "industry", "--dry-run"]) == EXIT_USAGE
    assert "must be binary" in capsys.readouterr().err
    assert main(["calibrate", "--outcome", "converted"]) == EXIT_USAGE
    with pytest.raises(SystemExit) as bad_argument:  # argparse's own errors exit the same way
        main(["calibrate", "--horizon-days", "0"])
    assert bad_argument.value.code == EXIT_USAGE


@pytest.fixture(scope="module")
def drifting(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return drift_company(tmp_path_factory)


@pytest.mark.dbt
def test_calibration_recovers_what_the_generator_planted(
    drifting: Built, project: ProjectPaths, tmp_path: Path
) -> None:
    result = run_calibration(
        project, warehouse=drifting.warehouse, until=CALIBRATE_UNTIL, dry_run=True, report_dir=tmp_path
    )
    evaluation = result.evaluation
    assert abs(evaluation.model_auc - evaluation.points_auc) <= 0.01
    assert evaluation.points_auc > 0.7 and evaluation.top_decile_lift > 3

    ranking = result.signal_ranking().set_index("signal")
    strength = ranking["typical_log_odds"]  # what a typical person showing the signal adds

    def family(name: str) -> float:  # webinar: registration and attendance are one behaviour
        members = [s for s in strength.index if s.startswith(name)]
        return float(strength[members].max())

    weakest_predictive = min(family(s) for s in PREDICTIVE)
    strongest_noise = max(float(strength[s]) for s in NOISE)
    assert weakest_predictive > strongest_noise, ranking
    assert abs(int(ranking.loc["email_open", "points_per_day"])) <= 1
    assert abs(float(ranking.loc["email_open", "log_odds_per_day"])) < 0.1
    assert ranking.loc["demo_request", "points_per_day"] > 5

    rules = {r["signal_type"]: int(r["points"]) for r in result.proposal.rules["intent_rules"]}
    assert rules["demo_request"] == int(ranking.loc["demo_request", "points_per_day"])
    assert result.written_to is None and DefinitionSet.for_project(project).version_numbers() == [1, 2]


def write_export(path: Path, columns: tuple[str, ...], rows: int = 3000, seed: int = 5) -> Path:
    """A plain CRM lead export like the public lead-scoring data sets: fit columns (occupation, specialization,
    country), intent columns (visits, time on site, page views, last activity, source) and a converted flag;
    only `columns` of them are written."""
    rng = np.random.default_rng(seed)
    occupation = rng.choice(
        ["Working Professional", "Student", "Unemployed", "Select"], size=rows, p=[0.3, 0.2, 0.4, 0.1]
    )
    specialization = rng.choice(["Finance", "Marketing", "Operations", ""], size=rows)
    country = rng.choice(["India", "United States", "Germany"], size=rows, p=[0.7, 0.2, 0.1])
    visits = rng.poisson(3.0, size=rows)
    minutes = rng.gamma(2.0, 250.0, size=rows).round()
    views = rng.gamma(2.0, 1.2, size=rows).round(2)
    activity = rng.choice(["Email Opened", "SMS Sent", "Page Visited on Website", "Form Submitted"], size=rows)
    source = rng.choice(["Google", "Direct Traffic", "Olark Chat", "Reference"], size=rows)
    logit = (
        -2.0
        + 1.5 * (occupation == "Working Professional")
        - 1.0 * (occupation == "Student")
        + 0.0015 * minutes
        + 0.8 * (activity == "SMS Sent")
        + 0.9 * (source == "Reference")
    )
    converted = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(int)
    values = {
        "What is your current occupation": occupation,
        "Specialization": specialization,
        "Country": country,
        "TotalVisits": visits,
        "Total Time Spent on Website": minutes,
        "Page Views Per Visit": views,
        "Last Activity": activity,
        "Lead Source": source,
    }
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Lead Number", *columns, "Converted"])
        for i in range(rows):
            writer.writerow([f"{660000 + i}", *(values[c][i] for c in columns), converted[i]])
    return path


FIT_LIKE = ("What is your current occupation", "Specialization", "Country")
INTENT_LIKE = ("TotalVisits", "Total Time Spent on Website", "Page Views Per Visit", "Last Activity", "Lead Source")


@pytest.mark.parametrize(
    "columns", [FIT_LIKE, INTENT_LIKE, FIT_LIKE + INTENT_LIKE], ids=["fit only", "intent only", "mixed"]
)
def test_calibrate_on_any_export_classes_columns_and_never_zeroes_an_unmeasured_rule(
    project: ProjectPaths, tmp_path: Path, columns: tuple[str, ...]
) -> None:
    export = write_export(tmp_path / "leads.csv", columns)
    result = run_calibration(project, input_path=export, outcome="Converted", dry_run=True, report_dir=tmp_path)
    classes = {c["column"]: c["class"] for c in result.data.classes}
    assert classes == {c: "fit" if c in FIT_LIKE else "intent" for c in columns}, result.data.classes
    assert result.evaluation.points_auc > 0.6

    defs = DefinitionSet.for_project(project)
    in_force = defs.version(2)
    proposal = result.proposal
    proposed_intent = {str(r["signal_type"]): r for r in proposal.rules[INTENT_RULES]}
    proposed_fit = {str(r["rule_id"]): r for r in proposal.rules[FIT_RULES]}
    # every rule of the version in force the export does not measure is carried over unchanged and flagged
    for rule in defs.rules(INTENT_RULES, 2):
        kept = proposed_intent[rule["signal_type"]]
        assert (int(kept["points"]), int(kept["daily_cap"])) == (int(rule["points"]), int(rule["daily_cap"]))
        assert str(kept["description"]).startswith("Carried over unchanged"), kept
    measured_fit = result.data.measured("fit")
    for rule in defs.rules(FIT_RULES, 2):
        if rule["person_attribute"] not in measured_fit:
            assert int(proposed_fit[rule["rule_id"]]["points"]) == int(rule["points"]), rule
    flagged = " ".join(proposal.carried_over)
    assert "intent rule demo_request" in flagged
    if not result.data.measured("intent"):
        assert int(proposal.version_row["mql_threshold"]) == int(in_force["mql_threshold"])
        assert "MQL threshold" in flagged and result.signal_ranking().empty
    else:
        learned = {s for s in proposed_intent if not str(proposed_intent[s]["description"]).startswith("Carried")}
        assert {"total_time_spent_on_website", "last_activity_sms_sent", "lead_source_reference"} <= learned
    if not measured_fit:
        assert int(proposal.version_row["fit_gate"]) == int(in_force["fit_gate"])
        assert "fit gate" in flagged
    html = result.report_path.read_text()
    assert "Columns: fit (who the lead is) or intent (what the lead did)" in html
    assert "Carried over unchanged" in html
    assert ">setting<" in html, "the proposed version is a table of settings (one row each), not one wide row"
    assert "fit columns:" in result.summary_markdown() and "intent columns:" in result.summary_markdown()


def test_flags_override_the_default_class(project: ProjectPaths, tmp_path: Path) -> None:
    export = write_export(tmp_path / "leads.csv", FIT_LIKE + INTENT_LIKE)
    result = run_calibration(
        project,
        input_path=export,
        outcome="Converted",
        fit=["Lead Source"],
        intent=["Country"],
        dry_run=True,
        report_dir=tmp_path,
    )
    classes = {c["column"]: (c["class"], c["why"]) for c in result.data.classes}
    assert classes["Lead Source"] == ("fit", "--fit") and classes["Country"] == ("intent", "--intent")
    with pytest.raises(ValueError, match="both as --fit and as --intent"):
        run_calibration(project, input_path=export, outcome="Converted", fit=["Country"], intent=["Country"])


def test_calibrate_and_backtest_report_the_same_thresholds_for_one_proposal(
    project: ProjectPaths, tmp_path: Path
) -> None:
    """The backtest judges a calibrated proposal's thresholds on the evidence calibrate recorded with it, through the
    same policy: the same health-band, capacity and recommended thresholds, and the proposal's MQL threshold is the
    recommended one. Editing the proposal's points voids that evidence (the backtest then measures its scenario)."""
    leads = write_leads(tmp_path / "leads.csv")
    result = run_calibration(
        project, input_path=leads, outcome="converted", exclude=["Lead Id", "status_after"], report_dir=tmp_path
    )
    calibrated = result.threshold_choice
    assert calibrated is not None and calibrated.band_option is not None and calibrated.capacity_option is not None
    version = result.proposal.version
    defs = DefinitionSet.for_project(project)
    unused = tmp_path / "no_scenario_needed.duckdb"  # recorded evidence is read, nothing is measured
    window = Window(date(2026, 6, 1), date(2026, 8, 31))
    backtested = threshold_policy(project, scenario_evidence(defs, version, unused, window))
    assert backtested.band_option == calibrated.band_option
    assert backtested.capacity_option == calibrated.capacity_option
    assert backtested.recommended == calibrated.recommended is not None
    assert backtested.summary_lines() == calibrated.summary_lines()
    assert int(defs.version(version)["mql_threshold"]) == calibrated.recommended.threshold
    assert recorded_evidence(defs, 2) is None, "the version in force was never calibrated: the backtest measures it"

    rules = defs.tables[INTENT_RULES]
    edited = next(r for r in rules.rows if r["definition_version"] == str(version))
    edited["points"] = str(int(edited["points"]) + 7)
    assert recorded_evidence(defs, version) is None, "evidence follows the points it was measured with"
