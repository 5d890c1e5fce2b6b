"""The MQL dates a company already records in its CRM: a custom date field on Salesforce leads and contacts.

Teams stamp an MQL date when marketing hands a lead to sales, under whatever rule they use today. Here that is the
moment sales picked the lead up (its first status or owner change after creation, read from lead_history), a day
or two earlier, plus a share of leads the old rule stamped that sales never worked. A converted lead's contact
carries its lead's date. The field is `mql_date_c` (Fivetran lowercases Salesforce's `MQL_Date__c`); staging
reads it only when a setting names it (`handoff__crm_mql_date_fields`).

HubSpot stamps its own: `property_hs_lifecyclestage_marketingqualifiedlead_date` on the contacts of those people
(by email), a UTC timestamp from 12 hours before to 36 hours after the start of the Salesforce date (the tools
stamp at their own moments), so its date is sometimes the day before or after. A Marketo company's lead field is
derived from it (handoff.generate.marketo).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

FIELD = "mql_date_c"
HUBSPOT_FIELD = "property_hs_lifecyclestage_marketingqualifiedlead_date"

_SQL = """
alter table salesforce.lead add column if not exists {field} date;
alter table salesforce.contact add column if not exists {field} date;

create or replace temp table first_pickups as
select id, min(_fivetran_start) as picked_up_at
from (
    select
        id,
        _fivetran_start,
        row_number() over (partition by id order by _fivetran_start) as version_number
    from salesforce.lead_history
    where id is not null
)
where version_number > 1
group by id;

create or replace temp table stamped as
select
    lead.id,
    case
        when first_pickups.picked_up_at is not null
            then cast(first_pickups.picked_up_at - to_days(cast(hash(lead.id, {seed}) % 3 as integer)) as date)
        when hash(lead.id, {seed}, 'stale') % 100 < {stale_percent}
            then cast(lead.created_date + to_days(cast(1 + hash(lead.id, {seed}) % 20 as integer)) as date)
    end as mql_date
from (select distinct id, created_date from salesforce.lead where id is not null) as lead
left join first_pickups on lead.id = first_pickups.id;

update salesforce.lead set {field} = stamped.mql_date from stamped where salesforce.lead.id = stamped.id;

update salesforce.contact set {field} = converted.mql_date
from (
    select lead.converted_contact_id, min(stamped.mql_date) as mql_date
    from salesforce.lead as lead
    inner join stamped on lead.id = stamped.id
    where lead.converted_contact_id is not null
    group by lead.converted_contact_id
) as converted
where salesforce.contact.id = converted.converted_contact_id;

alter table hubspot.contact add column if not exists {hubspot_field} timestamp;

update hubspot.contact set {hubspot_field} = cast(leads.mql_date as timestamp) - interval 12 hour
    + to_hours(cast(hash(hubspot.contact.id, {seed}, 'hubspot') % 48 as integer))
from (
    select lower(trim(email)) as email, min({field}) as mql_date
    from salesforce.lead
    where email is not null and {field} is not null
    group by 1
) as leads
where lower(trim(hubspot.contact.property_email)) = leads.email;
"""


def add_crm_mql_dates(path: Path | str, seed: int, stale_share: float = 0.05) -> dict[str, int]:
    """Stamp the MQL dates the company records in `path`; returns stamped rows per table.

    `mql_date_c` on the Salesforce leads and contacts, HubSpot's lifecycle MQL date on the HubSpot contacts.
    """
    con = duckdb.connect(str(path))
    try:
        con.execute(
            _SQL.format(
                field=FIELD, hubspot_field=HUBSPOT_FIELD, seed=int(seed), stale_percent=round(stale_share * 100)
            )
        )
        con.execute("checkpoint")
        counts = {
            table: int(con.execute(f"select count(*) from {table} where {FIELD} is not null").fetchone()[0])
            for table in ("salesforce.lead", "salesforce.contact")
        }
        counts["hubspot.contact"] = int(
            con.execute(f"select count(*) from hubspot.contact where {HUBSPOT_FIELD} is not null").fetchone()[0]
        )
        return counts
    finally:
        con.close()
