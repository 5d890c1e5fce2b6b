"""Incremental nights equal a full refresh, on every mart, through the changes that move scores.

Night 0 is a full build of a tiny company whose data ends the day before version 2 of the definition takes effect.
Night 1 appends a generated day (new and late events), re-synced duplicates of engagement events, a Salesforce
merge that moves a person's events to another person, and a sales rejection that recycles an MQL. Night 2 appends
another day, the day version 2 takes effect. Each night pins the scoring as-of date to its day, as the nightly's
clock would. After night 2 the incremental warehouse must equal a full refresh of the same raw data (EXCEPT ALL both
ways on every mart), and the scoring chain must have recomputed only the people it had to.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import TEST_SEED, Built, build

pytestmark = pytest.mark.dbt

NIGHT0 = date(2026, 5, 30)  # version 2 of the seeds takes effect on 2026-06-01, the day of night 2
NIGHT_DAYS = {0: "2026-05-30", 1: "2026-05-31", 2: "2026-06-01"}
REJECTED_AT = "timestamp '2026-05-30 12:00:00'"
RESYNCED_EVENTS = 5


def config():
    from handoff import generate

    return generate.GeneratorConfig.from_preset("tiny", seed=TEST_SEED, end_date=NIGHT0)


def as_of(night: int) -> dict[str, str]:
    return {"scoring_as_of_date": NIGHT_DAYS[night]}


def single_record_leads_with_scores(built: Built) -> list[str]:
    """Leads that are their person's only record and have scored days (their person_id is the lead id)."""
    rows = built.query(
        "select records.person_id from intermediate.int_person_records_mapped as records"
        " where records.person_id like '00Q%'"
        " and records.person_id in (select person_id from intermediate.int_person_scores_daily)"
        " and records.person_id not in (select person_id from marts.fct_mqls)"
        " group by records.person_id having count(*) = 1 order by records.person_id"
    )
    return [row[0] for row in rows]


def open_mql_lead(built: Built) -> str:
    """A lead-only person with an open MQL (the rejection's target)."""
    return built.scalar(
        "select mqls.person_id from marts.fct_mqls as mqls"
        " inner join intermediate.int_person_records_mapped as records on mqls.person_id = records.person_id"
        " where mqls.is_open and mqls.person_id like '00Q%'"
        " group by mqls.person_id having count(distinct records.record_id) = 1 order by mqls.person_id limit 1"
    )


def plant_night_one(raw: Path, loser: str, survivor: str, rejected: str) -> None:
    """Re-synced duplicates, a Salesforce merge (loser into survivor) and a rejection, as loaders write them."""
    con = duckdb.connect(str(raw))
    try:
        synced = "(select max(_fivetran_synced) from hubspot.email_event) + interval 1 minute"
        con.execute(
            f"insert into hubspot.email_event select * replace ({synced} as _fivetran_synced) from hubspot.email_event"
            f" where type = 'CLICK' order by id limit {RESYNCED_EVENTS}"
        )
        con.execute(
            "insert into segment.pages select * replace ((select max(uuid_ts) from segment.pages)"
            " + interval 1 minute as uuid_ts) from segment.pages"
            f" where id is not null order by id limit {RESYNCED_EVENTS}"
        )
        con.execute(
            "insert into salesforce.lead select * replace (true as is_deleted, ? as master_record_id,"
            " (select max(_fivetran_synced) from salesforce.lead) + interval 1 minute as _fivetran_synced)"
            " from salesforce.lead where id = ? order by _fivetran_synced desc limit 1",
            [survivor, loser],
        )
        con.execute(
            f"update salesforce.lead_history set _fivetran_active = false, _fivetran_end = {REJECTED_AT}"
            " where id = ? and _fivetran_active",
            [rejected],
        )
        con.execute(
            "insert into salesforce.lead_history select id, 'Unqualified - No Budget' as status, owner_id,"
            f" is_converted, {REJECTED_AT} as _fivetran_start, timestamp '9999-12-31 23:59:59' as _fivetran_end,"
            " true as _fivetran_active,"
            f" {REJECTED_AT} + interval 5 minute as _fivetran_synced, false as is_deleted"
            " from salesforce.lead_history where id = ? and _fivetran_end = " + REJECTED_AT,
            [rejected],
        )
    finally:
        con.close()


def touched_tonight(built: Built) -> tuple[int, int]:
    """People the scoring chain recomputed on the last night, and people with scoring inputs."""
    return built.query(
        "select count(*) filter (where touched_at = (select max(touched_at) from intermediate.int_persons_touched)),"
        " count(*) filter (where inputs_fingerprint is not null) from intermediate.int_persons_touched"
    )[0]


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from handoff import generate

    work = tmp_path_factory.mktemp("incremental-nights")
    raw = work / "raw.duckdb"
    generate.generate(raw, config())
    night0 = build(work / "incremental", raw, command=("build", "--full-refresh"), run_name="night0", dbt_vars=as_of(0))
    loser, survivor = single_record_leads_with_scores(night0)[:2]
    rejected = open_mql_lead(night0)
    loser_scores_before = night0.scalar(
        "select count(*) from intermediate.int_person_scores_daily where person_id = ?", [loser]
    )

    generate.append_day(raw, config())
    plant_night_one(raw, loser, survivor, rejected)
    night1 = build(work / "incremental", raw, command=("build",), run_name="night1", dbt_vars=as_of(1))
    touched1 = touched_tonight(night1)
    untouched_rows_kept = night1.scalar(
        "select count(*) from intermediate.int_person_scores_daily"
        " where rescored_at < (select max(touched_at) from intermediate.int_persons_touched)"
    )

    generate.append_day(raw, config())
    night2 = build(work / "incremental", raw, command=("build",), run_name="night2", dbt_vars=as_of(2))
    touched2 = touched_tonight(night2)

    full = build(
        work / "full",
        raw,
        command=("build", "--full-refresh", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"),
        run_name="full",
        dbt_vars=as_of(2),
    )
    return {
        "night1": night1,
        "night2": night2,
        "full": full,
        "loser": loser,
        "survivor": survivor,
        "rejected": rejected,
        "loser_scores_before": loser_scores_before,
        "touched1": touched1,
        "touched2": touched2,
        "untouched_rows_kept": untouched_rows_kept,
    }


def mart_tables(built: Built) -> list[str]:
    rows = built.query(
        "select table_name from information_schema.tables where table_schema = 'marts' and table_type = 'BASE TABLE'"
        " order by 1"
    )
    return [row[0] for row in rows]


def differing_marts(left: Built, right: Built) -> dict[str, tuple[int, int]]:
    """Marts whose rows differ (EXCEPT ALL both ways), with the counts only in left and only in right."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{left.warehouse}' as lhs (read_only)")
        con.execute(f"attach '{right.warehouse}' as rhs (read_only)")
        differing = {}
        for table in mart_tables(right):
            counts = [
                con.execute(
                    f"select count(*) from (select * from {a}.marts.{table} except all select * from {b}.marts.{table})"
                ).fetchone()[0]
                for a, b in (("lhs", "rhs"), ("rhs", "lhs"))
            ]
            if any(counts):
                differing[table] = (counts[0], counts[1])
        return differing
    finally:
        con.close()


def test_incremental_nights_equal_a_full_refresh_on_every_mart(nights: dict[str, object]) -> None:
    incremental, full = nights["night2"], nights["full"]
    assert mart_tables(incremental) == mart_tables(full)
    assert len(mart_tables(full)) > 30
    assert differing_marts(incremental, full) == {}


def test_the_nights_exercise_every_change(nights: dict[str, object]) -> None:
    """The planted changes took effect: otherwise equality would prove little."""
    full: Built = nights["full"]
    loser, survivor = nights["loser"], nights["survivor"]
    assert nights["loser_scores_before"] > 0
    # the merge moved the loser's events (and scores) to the survivor
    assert full.scalar("select count(*) from marts.fct_engagement_events where person_id = ?", [loser]) == 0
    assert full.scalar("select count(*) from marts.fct_person_daily_scores where person_id = ?", [loser]) == 0
    assert full.scalar("select count(*) from marts.fct_person_daily_scores where person_id = ?", [survivor]) > 0
    # the rejection recycled the open MQL
    assert full.query(
        "select recycle_reason, recycled_on from marts.fct_mqls where person_id = ? and not is_open",
        [nights["rejected"]],
    ) == [("rejected", date(2026, 5, 30))]
    # version 2 took effect on night 2
    assert full.scalar("select count(*) from marts.fct_person_daily_scores where definition_version = 2") > 0


def test_a_quiet_night_rescores_only_the_people_touched(nights: dict[str, object]) -> None:
    touched, people = nights["touched1"]
    assert 0 < touched < people / 2, (touched, people)
    assert nights["untouched_rows_kept"] > 0


def test_a_definition_version_taking_effect_rescores_everyone(nights: dict[str, object]) -> None:
    touched, people = nights["touched2"]
    assert touched >= people, (touched, people)
