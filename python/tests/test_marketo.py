"""A Marketo company end to end, with the MQL dates its CRM already records read as the external definition `crm`.

One build of the tiny company generated with `engagement_source="marketo"` (HubSpot switched off, Marketo on,
`handoff__crm_mql_date_fields` naming the generated `mql_date_c` on leads and contacts), read by every test: it
builds with MQLs, every raw Marketo row reconciles, merges and deletes are honoured, bot clicks are filtered and
counted by reason, opens score nothing; the CRM's MQLs flow through fct_mqls, fct_mql_handoffs and the tier-2
marts under `crm`, and the overlap mart adds up to both sides. The company on both HubSpot and Marketo
(conftest's `mixed_built`, the engine suite's company) shows MQL dates recorded in HubSpot and in Marketo reaching
`crm` too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MIXED_VARS, TEST_END_DATE, TEST_SEED, Built, build, mixed_config

from handoff import generate

pytestmark = pytest.mark.dbt

MARKETO_VARS = {
    "handoff__using_marketo": True,
    "handoff__using_hubspot_email": False,
    "handoff__using_hubspot_forms": False,
    "handoff__using_hubspot_contacts": False,
    "handoff__crm_mql_date_fields": {"salesforce.lead": "mql_date_c", "salesforce.contact": "mql_date_c"},
}


@pytest.fixture(scope="module")
def marketo_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("marketo")
    raw = folder / "raw.duckdb"
    config = generate.GeneratorConfig.from_preset(
        "tiny", seed=TEST_SEED, end_date=TEST_END_DATE, engagement_source="marketo"
    )
    generate.generate(raw, config)
    return build(folder, raw, dbt_vars=MARKETO_VARS)


def raw_scalar(built: Built, sql: str) -> int:
    import duckdb

    con = duckdb.connect(str(built.raw), read_only=True)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def test_marketo_company_builds_with_mqls_and_every_row_reconciled(marketo_built: Built) -> None:
    assert raw_scalar(marketo_built, "select count(*) from hubspot.email_event") == 0
    assert marketo_built.scalar("select count(*) from marts.fct_mqls") > 0
    rows = dict(
        marketo_built.query(
            "select source_table, raw_rows from marts.fct_source_row_reconciliation"
            " where source_table like 'marketo.%' and is_reconciled"
        )
    )
    for name in generate.MARKETO_TABLES:
        assert rows[name] == raw_scalar(marketo_built, f"select count(*) from {name}") > 0, name
    # no Munchkin tracking in this company: the connector never created the table, and its staging is empty
    assert rows["marketo.activity_visit_webpage"] == 0
    # the MQLs rest on Marketo engagement: some scored person has attributed, unfiltered Marketo events
    marketo_mqls = marketo_built.scalar(
        """
        select count(distinct mqls.person_id)
        from marts.fct_mqls as mqls
        inner join marts.fct_engagement_events as events on mqls.person_id = events.person_id
        where events.source_system = 'marketo' and not events.is_filtered
        """
    )
    assert marketo_mqls > 0


def test_merged_away_lead_ids_count_for_the_survivor(marketo_built: Built) -> None:
    merged = marketo_built.query(
        """
        select resolved.marketo_lead_id, survivor.person_id
        from intermediate.int_marketo_leads_resolved as resolved
        inner join intermediate.int_marketo_leads_resolved as survivor
            on resolved.canonical_marketo_lead_id = survivor.marketo_lead_id
        where resolved.is_merged_away
        """
    )
    assert merged, "the generator plants Marketo merges"
    for lead_id, person_id in merged:
        assert person_id is not None
        # the form fill made under the merged-away id is attributed to the survivor's person
        persons = marketo_built.query(
            """
            select distinct events.person_id
            from marts.fct_engagement_events as events
            inner join staging.stg_marketo__form_fills as fills
                on events.engagement_event_id = 'marketo_form:' || fills.marketo_activity_id
            where fills.marketo_lead_id = ?
            """,
            [lead_id],
        )
        assert persons == [(person_id,)]


def test_deleted_leads_attribute_nothing(marketo_built: Built) -> None:
    deleted = [
        row[0]
        for row in marketo_built.query(
            "select marketo_lead_id from intermediate.int_marketo_leads_resolved where is_deleted"
        )
    ]
    assert deleted, "the generator plants Marketo deletions"
    assert (
        marketo_built.scalar(
            "select count(*) from staging.stg_marketo__leads where marketo_lead_id in (select unnest(?))", [deleted]
        )
        == 0
    )
    attributed = marketo_built.scalar(
        """
        select count(*)
        from intermediate.int_engagement_events_classified as events
        inner join staging.stg_marketo__email_opens as opens
            on events.engagement_event_id = 'marketo_open:' || opens.marketo_activity_id
        where opens.marketo_lead_id in (select unnest(?)) and events.person_id is not null
        """,
        [deleted],
    )
    assert attributed == 0


def test_bot_clicks_are_filtered_and_counted_by_reason(marketo_built: Built) -> None:
    reasons = dict(
        marketo_built.query(
            "select filter_reason, count(*) from marts.fct_engagement_events"
            " where source_system = 'marketo' and event_kind = 'email_click' and is_filtered group by 1"
        )
    )
    flagged_raw = raw_scalar(
        marketo_built, "select count(distinct id) from marketo.activity_click_email where is_bot_activity"
    )
    assert flagged_raw > 0
    assert 0 < reasons["marketo_flag"] <= flagged_raw
    assert reasons.get("click_within_seconds_of_delivery", 0) > 0
    # counted per person by reason, and never scored
    per_person = marketo_built.scalar("select sum(filtered_marketo_flag_count) from marts.dim_persons")
    attributed_flagged = marketo_built.scalar(
        "select count(*) from marts.fct_engagement_events"
        " where filter_reason = 'marketo_flag' and person_id is not null"
    )
    assert per_person == attributed_flagged > 0


def test_marketo_opens_score_zero(marketo_built: Built) -> None:
    opens = marketo_built.scalar(
        "select count(*) from marts.fct_engagement_events"
        " where source_system = 'marketo' and signal_type = 'email_open' and not is_filtered and person_id is not null"
    )
    assert opens > 0
    assert (
        marketo_built.scalar(
            "select count(*) from intermediate.int_person_daily_points where signal_type = 'email_open'"
        )
        == 0
    )
    assert (
        marketo_built.scalar(
            "select count(*) from marts.fct_mql_explanations where rule_or_signal = 'email_open' and points <> 0"
        )
        == 0
    )


def test_raw_row_counts_are_the_marketo_tables(tmp_path: Path) -> None:
    summary = generate.generate(
        tmp_path / "raw.duckdb",
        generate.GeneratorConfig.from_preset(
            "tiny", seed=TEST_SEED, end_date=TEST_END_DATE, engagement_source="marketo"
        ),
    )
    assert summary.rows["hubspot.email_event"] == 0
    assert summary.rows["marketo.activity_open_email"] > 0
    with pytest.raises(ValueError, match="Marketo"):
        generate.append_day(tmp_path / "raw.duckdb", summary_config(summary))


def test_a_company_on_both_tools_sends_each_campaign_and_form_from_one(tmp_path: Path) -> None:
    """engagement_source "both": the same people in HubSpot and Marketo, no email campaign or form in both tools
    (so no event counts twice), about half of them in each, and the summary counts what the file holds."""
    import duckdb

    raw = tmp_path / "raw.duckdb"
    summary = generate.generate(raw, mixed_config())
    con = duckdb.connect(str(raw), read_only=True)
    try:

        def ids(sql: str) -> set[object]:
            return {row[0] for row in con.execute(sql).fetchall()}

        hubspot_campaigns = ids(
            "select distinct email_campaign_id from hubspot.email_event where email_campaign_id > 0"
        )
        marketo_campaigns = ids("select distinct campaign_id from marketo.activity_send_email")
        hubspot_forms = ids("select distinct form_id from hubspot.contact_form_submission where form_id is not null")
        marketo_forms = ids("select distinct primary_attribute_value from marketo.activity_fill_form")
        form_names = dict(con.execute("select guid, name from hubspot.form").fetchall())
        people = {
            tool: ids(sql)
            for tool, sql in {
                "hubspot": "select distinct lower(property_email) from hubspot.contact",
                "marketo": "select distinct lower(email) from marketo.lead",
            }.items()
        }
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in summary.rows if "." in t}
    finally:
        con.close()
    assert hubspot_campaigns and marketo_campaigns and not hubspot_campaigns & marketo_campaigns
    assert marketo_forms and not {form_names[guid] for guid in hubspot_forms} & marketo_forms
    assert people["marketo"] and people["marketo"] <= people["hubspot"]
    assert summary.rows == counts


def summary_config(summary: generate.GenerationSummary) -> generate.GeneratorConfig:
    return generate.GeneratorConfig.from_preset(
        "tiny", seed=summary.seed, end_date=summary.end_date, engagement_source="marketo"
    )


def test_crm_mql_dates_are_an_external_definition_through_the_handoff_marts(marketo_built: Built) -> None:
    # the dates come from leads and from contacts
    for table in ("stg_salesforce__leads", "stg_salesforce__contacts"):
        assert marketo_built.scalar(f"select count(*) from staging.{table} where recorded_mql_date is not null") > 0
    recorded = marketo_built.scalar(
        """
        select count(*) from (
            select distinct records.person_id, dates.recorded_mql_date
            from (
                select lead_id as record_id, recorded_mql_date from staging.stg_salesforce__leads
                union all
                select contact_id, recorded_mql_date from staging.stg_salesforce__contacts
            ) as dates
            inner join intermediate.int_person_records_mapped as records on dates.record_id = records.record_id
            where dates.recorded_mql_date is not null
        )
        """
    )
    assert recorded > 0
    assert marketo_built.scalar("select count(*) from marts.fct_mqls where definition_key = 'crm'") == recorded
    assert marketo_built.scalar("select count(*) from marts.fct_mql_handoffs where definition_key = 'crm'") == recorded
    assert (
        marketo_built.scalar(
            "select sum(mql_count) from marts.mrt_handoff_health"
            " where definition_key = 'crm' and period_grain = 'month'"
        )
        == recorded
    )
    # Handoff's own MQLs are still there, under their versions
    assert marketo_built.scalar("select count(*) from marts.fct_mqls where definition_key like 'v%'") > 0
    # handoff health under crm: its band, MQL->SQL, SLA, rejection reasons and cohorts are measured
    bands = marketo_built.query(
        "select distinct mql_sql_health_band from marts.mrt_handoff_health where definition_key = 'crm'"
    )
    assert bands and all(band is not None for (band,) in bands)
    handoffs = marketo_built.query(
        "select sum(case when is_sql then 1 else 0 end), sum(case when is_touched then 1 else 0 end)"
        " from marts.fct_mql_handoffs where definition_key = 'crm'"
    )[0]
    assert handoffs[0] > 0 and handoffs[1] > 0
    assert marketo_built.scalar("select count(*) from marts.mrt_mql_cohorts where definition_key = 'crm'") > 0
    assert (
        marketo_built.scalar("select count(*) from marts.mrt_handoff_rejection_reasons where definition_key = 'crm'")
        > 0
    )


def test_overlap_mart_adds_up_to_both_definitions(marketo_built: Built) -> None:
    sides = marketo_built.query(
        """
        select
            definition_key,
            compared_definition_key,
            sum(case when overlap_status in ('both', 'definition_only') then 1 else 0 end),
            sum(case when overlap_status in ('both', 'compared_only') then 1 else 0 end),
            sum(case when overlap_status = 'both' then 1 else 0 end),
            count(case when overlap_status = 'both' then days_between end)
        from marts.fct_mql_definition_overlap
        group by 1, 2
        """
    )
    assert sides, "the generated company has Handoff MQLs and CRM MQL dates"
    for key, compared, handoff_side, crm_side, both, with_days in sides:
        assert compared == "crm"
        people = marketo_built.scalar(
            "select count(distinct person_id) from marts.fct_mqls where definition_key = ?", [key]
        )
        # the company's MQLs while the version is in force (its effective_from to the next version's)
        crm_people = marketo_built.scalar(
            """
            select count(distinct mqls.person_id)
            from marts.fct_mqls as mqls
            inner join intermediate.int_definition_versions_resolved as versions
                on 'v' || cast(versions.definition_version as varchar) = ?
            where
                mqls.definition_key = 'crm'
                and mqls.mql_date >= versions.effective_from
                and (versions.effective_to is null or mqls.mql_date < versions.effective_to)
            """,
            [key],
        )
        assert handoff_side == people
        assert crm_side == crm_people
        assert with_days == both  # the days between are known exactly for the people both call MQLs
    assert any(both > 0 for *_, both, _ in sides)


# (person, date) recorded on each source table, read through its staging model and the identity model that gives
# its records a person (Salesforce records, HubSpot contacts, Marketo leads)
RECORDED_ON = {
    "salesforce.lead": ("stg_salesforce__leads", "lead_id", "int_person_records_mapped", "record_id"),
    "salesforce.contact": ("stg_salesforce__contacts", "contact_id", "int_person_records_mapped", "record_id"),
    "hubspot.contact": (
        "stg_hubspot__contacts",
        "hubspot_contact_id",
        "int_hubspot_contacts_resolved",
        "hubspot_contact_id",
    ),
    "marketo.lead": ("stg_marketo__leads", "marketo_lead_id", "int_marketo_leads_resolved", "marketo_lead_id"),
}


def recorded_pairs(built: Built, source_table: str) -> set[tuple[str, object]]:
    staged, staged_key, resolved, resolved_key = RECORDED_ON[source_table]
    return set(
        built.query(
            f"""
            select distinct resolved.person_id, staged.recorded_mql_date
            from staging.{staged} as staged
            inner join intermediate.{resolved} as resolved on staged.{staged_key} = resolved.{resolved_key}
            where staged.recorded_mql_date is not null and resolved.person_id is not null
            """
        )
    )


def test_mql_dates_recorded_in_hubspot_and_marketo_are_crm_mqls(mixed_built: Built) -> None:
    """HubSpot's lifecycle MQL date and a Marketo lead field feed `crm` beside the Salesforce fields: every recorded
    (person, date) is a `crm` MQL in fct_mqls and nothing else is, and some were recorded only in HubSpot or only
    in Marketo (so they come from those branches, not from the Salesforce dates)."""
    assert set(MIXED_VARS["handoff__crm_mql_date_fields"]) == set(RECORDED_ON)
    recorded = {source_table: recorded_pairs(mixed_built, source_table) for source_table in RECORDED_ON}
    in_fct_mqls = set(mixed_built.query("select person_id, mql_date from marts.fct_mqls where definition_key = 'crm'"))
    assert in_fct_mqls == set().union(*recorded.values())
    salesforce = recorded["salesforce.lead"] | recorded["salesforce.contact"]
    hubspot_only = recorded["hubspot.contact"] - salesforce - recorded["marketo.lead"]
    marketo_only = recorded["marketo.lead"] - salesforce - recorded["hubspot.contact"]
    assert hubspot_only and marketo_only, (len(hubspot_only), len(marketo_only))
    assert hubspot_only <= in_fct_mqls and marketo_only <= in_fct_mqls
    # ... and they are handed off like any other MQL
    handed_off = set(
        mixed_built.query("select person_id, mql_date from marts.fct_mql_handoffs where definition_key = 'crm'")
    )
    assert hubspot_only <= handed_off and marketo_only <= handed_off
