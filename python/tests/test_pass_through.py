"""A company's own CRM fields (Fivetran's `*_pass_through_columns`) travel from staging to the entity's marts."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import build

pytestmark = pytest.mark.dbt

PASS_THROUGH = {
    "salesforce__account_pass_through_columns": [{"name": "region__c", "alias": "sales_region"}],
    "salesforce__opportunity_pass_through_columns": [{"name": "region__c"}],
    "salesforce__contact_pass_through_columns": [{"name": "region__c", "alias": "person_region"}],
    "salesforce__lead_pass_through_columns": [
        {"name": "region__c", "alias": "person_region"},
        {"name": "partner__c"},
    ],
}


def test_custom_fields_reach_the_marts_of_their_entity(tmp_path: Path, tiny_raw: Path) -> None:
    raw = tmp_path / "raw.duckdb"
    shutil.copy(tiny_raw, raw)
    con = duckdb.connect(str(raw))
    for table in ("account", "opportunity", "contact", "lead"):
        con.execute(f'alter table salesforce."{table}" add column region__c varchar')
        con.execute(f"update salesforce.\"{table}\" set region__c = '{table}:' || id")
    con.execute("alter table salesforce.lead add column partner__c varchar")
    con.execute("update salesforce.lead set partner__c = 'p:' || id")
    con.close()

    marts = "+dim_account_custom_fields +fct_opportunity_custom_fields +dim_person_custom_fields"
    built = build(
        tmp_path,
        raw,
        command=("build", "--full-refresh", "--indirect-selection", "cautious", "--select", *marts.split()),
        dbt_vars=PASS_THROUGH,
    )

    assert built.scalar("select count(*) from marts.dim_account_custom_fields where sales_region is null") == 0
    assert (
        built.scalar(
            "select count(*) from marts.dim_account_custom_fields where sales_region <> 'account:' || account_id"
        )
        == 0
    )
    assert built.scalar("select count(*) from marts.fct_opportunity_custom_fields where region__c is null") == 0
    # a person's field comes from the primary contact, else the primary lead; lead-only fields from the lead
    rows = built.query(
        "select p.contact_id, p.lead_id, c.person_region, c.partner__c from intermediate.int_persons_unified as p "
        "join marts.dim_person_custom_fields as c using (person_id)"
    )
    assert rows and len(rows) == built.scalar("select count(*) from intermediate.int_persons_unified")
    for contact_id, lead_id, region, partner in rows:
        expected = f"contact:{contact_id}" if contact_id else f"lead:{lead_id}" if lead_id else None
        assert region == expected
        assert partner == (f"p:{lead_id}" if lead_id else None)
    columns = [r[0] for r in built.query("describe marts.dim_person_custom_fields")]
    assert columns == ["person_region", "partner__c", "person_id", "contact_id", "lead_id"]


def test_a_pass_through_name_must_be_an_identifier(tmp_path: Path, tiny_raw: Path) -> None:
    from handoff.dbt import run_dbt
    from handoff.project import ProjectPaths

    paths = ProjectPaths.default(data_dir=tmp_path).ensure()
    bad = {"salesforce__account_pass_through_columns": [{"name": "region__c; drop table x"}]}
    result = run_dbt(
        ["compile", "--select", "dim_account_custom_fields"],
        paths=paths,
        warehouse=tmp_path / "w.duckdb",
        raw=tiny_raw,
        dbt_vars=bad,
    )
    assert not result.success and "must be plain identifiers" in result.describe_failure()
