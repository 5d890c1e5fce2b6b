"""A Marketo company: the same world and behaviour, its marketing database in Marketo instead of HubSpot.

`to_marketo(path, seed)` rewrites a generated raw file in place: HubSpot's contacts, merges, deletions, email
events and form submissions become the Fivetran Marketo connector's `lead` and `activity_*` tables (one table per
activity type, numeric ids, the lead id on every activity), and the HubSpot tables are emptied. Done in SQL on the
written file, so it scales with DuckDB rather than Python, and deterministic (ids by rank, choices by hash).

What staging has to handle arrives as Marketo delivers it:
- merges: the loser's id disappears from `lead`; `activity_merge_leads` on the survivor lists it (`[id]`), and
  the form fill made under the loser's id keeps that id;
- deletions: a deleted lead leaves `lead` and gets an `activity_delete_lead` row;
- CRM sync ids: `sfdc_contact_id` / `sfdc_lead_id` on about `sfdc_share` of the leads (the others join by email);
- bot markers: HubSpot's `filtered_event` becomes Marketo's `is_bot_activity` with a pattern; scanner user agents
  and clicks within seconds of delivery stay as the scanners made them;
- re-synced duplicates, malformed addresses and missing ids planted on the HubSpot tables carry over.
There is no `activity_visit_webpage` (no Munchkin tracking here): the web stays in Segment, and the absent table
is what proves that an activity table the connector never created switches off on its own.

The MQL date Marketo records (`mql_date`, a custom lead field) is HubSpot's lifecycle MQL timestamp as a date in the
instance's time zone (US Pacific, UTC-8), so it is a day earlier than the UTC date when stamped before 08:00 UTC.

A company on both tools (`hubspot_share` between 0 and 1) keeps its HubSpot tables: every person is in both
databases, and each email campaign and each form lives in one tool only, HubSpot for about `hubspot_share` of them
(by a hash of its id), so no event is counted twice.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# The tables a Marketo company has (columns in order, DuckDB types); docs/raw_data_contract.md documents them.
MARKETO_TABLES: dict[str, list[tuple[str, str]]] = {
    "marketo.lead": [
        ("id", "BIGINT"),
        ("email", "VARCHAR"),
        ("first_name", "VARCHAR"),
        ("last_name", "VARCHAR"),
        ("sfdc_lead_id", "VARCHAR"),
        ("sfdc_contact_id", "VARCHAR"),
        ("sfdc_type", "VARCHAR"),
        ("lead_source", "VARCHAR"),
        ("mql_date", "DATE"),
        ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"),
        ("_fivetran_synced", "TIMESTAMP"),
    ],
}
_ACTIVITY = [
    ("id", "BIGINT"),
    ("lead_id", "BIGINT"),
    ("activity_date", "TIMESTAMP"),
    ("activity_type_id", "BIGINT"),
    ("campaign_id", "BIGINT"),
    ("primary_attribute_value", "VARCHAR"),
    ("primary_attribute_value_id", "BIGINT"),
]
_EMAIL = [
    ("email_template_id", "BIGINT"),
    ("campaign_run_id", "BIGINT"),
    ("step_id", "BIGINT"),
    ("choice_number", "BIGINT"),
]
_CLIENT = [
    ("user_agent", "VARCHAR"),
    ("device", "VARCHAR"),
    ("platform", "VARCHAR"),
    ("is_mobile_device", "BOOLEAN"),
    ("is_bot_activity", "BOOLEAN"),
    ("bot_activity_pattern", "VARCHAR"),
]
_SYNCED = [("_fivetran_synced", "TIMESTAMP")]
MARKETO_TABLES.update(
    {
        "marketo.activity_send_email": [*_ACTIVITY, *_EMAIL, *_SYNCED],
        "marketo.activity_email_delivered": [*_ACTIVITY, *_EMAIL, *_SYNCED],
        "marketo.activity_open_email": [*_ACTIVITY, *_EMAIL, *_CLIENT, *_SYNCED],
        "marketo.activity_click_email": [*_ACTIVITY, *_EMAIL, ("link", "VARCHAR"), *_CLIENT, *_SYNCED],
        "marketo.activity_email_bounced": [
            *_ACTIVITY,
            *_EMAIL,
            ("category", "VARCHAR"),
            ("subcategory", "VARCHAR"),
            ("details", "VARCHAR"),
            ("email", "VARCHAR"),
            *_SYNCED,
        ],
        "marketo.activity_unsubscribe_email": [
            *_ACTIVITY,
            ("email_template_id", "BIGINT"),
            ("campaign_run_id", "BIGINT"),
            ("user_agent", "VARCHAR"),
            ("referrer_url", "VARCHAR"),
            *_SYNCED,
        ],
        "marketo.activity_fill_form": [
            *_ACTIVITY,
            ("webpage_id", "BIGINT"),
            ("referrer_url", "VARCHAR"),
            ("user_agent", "VARCHAR"),
            *_SYNCED,
        ],
        "marketo.activity_merge_leads": [
            *_ACTIVITY,
            ("merge_ids", "VARCHAR"),
            ("master_updated", "BOOLEAN"),
            ("merged_in_sales", "BOOLEAN"),
            ("merge_source", "VARCHAR"),
            *_SYNCED,
        ],
        "marketo.activity_delete_lead": [*_ACTIVITY, *_SYNCED],
        "marketo.campaign": [
            ("id", "BIGINT"),
            ("name", "VARCHAR"),
            ("type", "VARCHAR"),
            ("program_id", "BIGINT"),
            ("active", "BOOLEAN"),
            ("created_at", "TIMESTAMP"),
            ("updated_at", "TIMESTAMP"),
            ("_fivetran_deleted", "BOOLEAN"),
            ("_fivetran_synced", "TIMESTAMP"),
        ],
        "marketo.program": [
            ("id", "BIGINT"),
            ("name", "VARCHAR"),
            ("channel", "VARCHAR"),
            ("type", "VARCHAR"),
            ("sfdc_id", "VARCHAR"),
            ("created_at", "TIMESTAMP"),
            ("updated_at", "TIMESTAMP"),
            ("_fivetran_deleted", "BOOLEAN"),
            ("_fivetran_synced", "TIMESTAMP"),
        ],
        "marketo.email_template_history": [
            ("id", "BIGINT"),
            ("version", "BIGINT"),
            ("name", "VARCHAR"),
            ("subject", "VARCHAR"),
            ("program_id", "BIGINT"),
            ("status", "VARCHAR"),
            ("created_at", "TIMESTAMP"),
            ("updated_at", "TIMESTAMP"),
            ("_fivetran_synced", "TIMESTAMP"),
        ],
    }
)

# A company on both tools (engagement_source "both"): the share of email campaigns and forms HubSpot keeps.
MIXED_HUBSPOT_SHARE = 0.5

# The HubSpot tables a Marketo company does not have (emptied, so a build with HubSpot switched on still works).
HUBSPOT_TABLES = (
    "hubspot.email_event",
    "hubspot.email_event_click",
    "hubspot.email_event_open",
    "hubspot.email_event_status_change",
    "hubspot.email_event_bounce",
    "hubspot.email_campaign",
    "hubspot.contact_form_submission",
    "hubspot.form",
    "hubspot.contact",
    "hubspot.contact_merge_audit",
)

# Marketo's activity type ids (GET /rest/v1/activities/types.json on a standard instance).
_TYPE = {"send": 6, "delivered": 7, "bounced": 8, "unsubscribe": 9, "open": 10, "click": 11, "fill_form": 2}
_TYPE.update({"merge": 32, "delete": 37})

# One statement per table; `{seed}` salts the hash choices. Event ids: a dense rank of the HubSpot id, so a
# re-synced duplicate keeps its id; a missing HubSpot id stays missing (quarantined as missing_id downstream).
_SQL = """
create or replace temp table contact_latest as
select * exclude (version_rank) from (
    select *, row_number() over (partition by id order by _fivetran_synced desc) as version_rank
    from hubspot.contact where id is not null
) where version_rank = 1;

create or replace temp table merge_losers as
select distinct vid_to_merge as id from hubspot.contact_merge_audit where vid_to_merge is not null;

-- deleted leads keep their id on their past activities (staging then attributes them to no one)
create or replace temp table lead_ids_by_email as
select lower(trim(property_email)) as email, min(id) as lead_id
from contact_latest
where property_email is not null and id not in (select id from merge_losers)
group by 1;

create or replace temp table crm_ids as
select lower(trim(l.email)) as email, min(l.id) as sfdc_lead_id, min(c.id) as sfdc_contact_id
from salesforce.lead as l
left join salesforce.contact as c on lower(trim(l.email)) = lower(trim(c.email)) and not c.is_deleted
where l.email is not null and not l.is_deleted
group by 1
union all
select lower(trim(c.email)), null, min(c.id)
from salesforce.contact as c
where c.email is not null and not c.is_deleted
    and lower(trim(c.email)) not in (select lower(trim(email)) from salesforce.lead where email is not null)
group by 1;

create or replace table marketo.lead as
select
    c.id,
    c.property_email as email,
    c.property_firstname as first_name,
    c.property_lastname as last_name,
    case when hash(c.id, {seed}) % 100 < {sfdc_percent} and crm.sfdc_contact_id is null then crm.sfdc_lead_id end
        as sfdc_lead_id,
    case when hash(c.id, {seed}) % 100 < {sfdc_percent} then crm.sfdc_contact_id end as sfdc_contact_id,
    case
        when hash(c.id, {seed}) % 100 >= {sfdc_percent} then null
        when crm.sfdc_contact_id is not null then 'Contact'
        when crm.sfdc_lead_id is not null then 'Lead'
    end as sfdc_type,
    sf_lead.lead_source,
    cast(c.property_hs_lifecyclestage_marketingqualifiedlead_date - interval 8 hour as date) as mql_date,
    c.property_createdate as created_at,
    c._fivetran_synced - interval 5 minute as updated_at,
    c._fivetran_synced
from hubspot.contact as c
left join crm_ids as crm on lower(trim(c.property_email)) = crm.email
left join (
    select lower(trim(email)) as email, min(lead_source) as lead_source
    from salesforce.lead where email is not null group by 1
) as sf_lead on lower(trim(c.property_email)) = sf_lead.email
where c.id is null or c.id not in (
    select id from contact_latest where coalesce(_fivetran_deleted, false)
);

create or replace table marketo.activity_delete_lead as
select
    dense_rank() over (order by id) + 900000000 as id,
    id as lead_id,
    _fivetran_synced - interval 30 minute as activity_date,
    {delete} as activity_type_id,
    cast(null as bigint) as campaign_id,
    cast(id as varchar) as primary_attribute_value,
    id as primary_attribute_value_id,
    _fivetran_synced
from contact_latest
where coalesce(_fivetran_deleted, false) and id not in (select id from merge_losers);

create or replace table marketo.activity_merge_leads as
select
    dense_rank() over (order by vid_to_merge, canonical_vid) + 800000000 as id,
    canonical_vid as lead_id,
    timestamp as activity_date,
    {merge} as activity_type_id,
    cast(null as bigint) as campaign_id,
    cast(canonical_vid as varchar) as primary_attribute_value,
    canonical_vid as primary_attribute_value_id,
    '[' || cast(vid_to_merge as varchar) || ']' as merge_ids,
    false as master_updated,
    false as merged_in_sales,
    'leaddb' as merge_source,
    _fivetran_synced
from hubspot.contact_merge_audit;

create or replace temp table email_events as
select
    case when e.id is not null then dense_rank() over (order by e.id) end as activity_id,
    e.type,
    lead_ids.lead_id,
    e.recipient,
    e.created,
    e.email_campaign_id,
    e.filtered_event,
    e._fivetran_synced,
    clicks.url,
    coalesce(clicks.user_agent, opens.user_agent) as user_agent,
    status.portal_subscription_status,
    bounces.category,
    bounces.response
from hubspot.email_event as e
left join lead_ids_by_email as lead_ids on lower(trim(e.recipient)) = lead_ids.email
left join (select distinct on (id) * from hubspot.email_event_click) as clicks on e.id = clicks.id
left join (select distinct on (id) * from hubspot.email_event_open) as opens on e.id = opens.id
left join (select distinct on (id) * from hubspot.email_event_status_change) as status on e.id = status.id
left join (select distinct on (id) * from hubspot.email_event_bounce) as bounces on e.id = bounces.id
where lead_ids.lead_id is not null or e.recipient is null or e.id is null;
"""

_ACTIVITY_SELECT = """
    activity_id as id,
    lead_id,
    created as activity_date,
    {type_id} as activity_type_id,
    email_campaign_id as campaign_id,
    'Email ' || cast(email_campaign_id as varchar) as primary_attribute_value,
    email_campaign_id as primary_attribute_value_id"""
_EMAIL_SELECT = """
    email_campaign_id as email_template_id,
    email_campaign_id as campaign_run_id,
    1 as step_id,
    0 as choice_number"""
_CLIENT_SELECT = """
    user_agent,
    'unknown' as device,
    'unknown' as platform,
    false as is_mobile_device,
    coalesce(filtered_event, false) as is_bot_activity,
    case when filtered_event then 'Matches Known Bot IP Address' end as bot_activity_pattern"""

_EMAIL_TABLES = {
    "marketo.activity_send_email": ("send", "type = 'SENT'", _EMAIL_SELECT),
    "marketo.activity_email_delivered": ("delivered", "type = 'DELIVERED'", _EMAIL_SELECT),
    "marketo.activity_open_email": ("open", "type = 'OPEN'", _EMAIL_SELECT + "," + _CLIENT_SELECT),
    "marketo.activity_click_email": ("click", "type = 'CLICK'", _EMAIL_SELECT + ",\n    url as link," + _CLIENT_SELECT),
    "marketo.activity_email_bounced": (
        "bounced",
        "type = 'BOUNCE'",
        _EMAIL_SELECT
        + ",\n    category, cast(null as varchar) as subcategory, response as details, recipient as email",
    ),
    "marketo.activity_unsubscribe_email": (
        "unsubscribe",
        "type = 'STATUSCHANGE' and upper(portal_subscription_status) = 'UNSUBSCRIBED'",
        "\n    email_campaign_id as email_template_id, email_campaign_id as campaign_run_id, user_agent,"
        " cast(null as varchar) as referrer_url",
    ),
}

_CATALOGUE_SQL = """
create or replace table marketo.activity_fill_form as
select
    case when s.conversion_id is not null then dense_rank() over (order by s.conversion_id) end as id,
    s.contact_id as lead_id,
    s.timestamp as activity_date,
    {fill_form} as activity_type_id,
    cast(null as bigint) as campaign_id,
    f.name as primary_attribute_value,
    forms.form_number as primary_attribute_value_id,
    forms.form_number + 5000 as webpage_id,
    s.page_url as referrer_url,
    cast(null as varchar) as user_agent,
    s._fivetran_synced
from hubspot.contact_form_submission as s
left join (select distinct on (guid) * from hubspot.form order by guid, _fivetran_synced desc) as f
    on s.form_id = f.guid
left join (select guid, dense_rank() over (order by guid) + 1000 as form_number from hubspot.form group by guid)
    as forms on s.form_id = forms.guid;

create or replace table marketo.program as
select
    1000 + n as id,
    'Program ' || cast(n as varchar) as name,
    ['Email Send', 'Webinar', 'Content', 'Nurture'][1 + n % 4] as channel,
    case when n % 4 = 3 then 'Engagement' else 'Default' end as type,
    cast(null as varchar) as sfdc_id,
    timestamp '{start}' + to_days(n * 30) as created_at,
    timestamp '{start}' + to_days(n * 30 + 1) as updated_at,
    false as _fivetran_deleted,
    timestamp '{start}' + to_days(n * 30 + 1) + interval 1 hour as _fivetran_synced
from range(4) as programs(n);

create or replace table marketo.campaign as
select
    id,
    'Send ' || name as name,
    'batch' as type,
    1000 + id % 4 as program_id,
    false as active,
    _fivetran_synced - interval 2 day as created_at,
    _fivetran_synced - interval 1 day as updated_at,
    false as _fivetran_deleted,
    _fivetran_synced
from (select distinct on (id) * from hubspot.email_campaign order by id, _fivetran_synced desc) as emails;

create or replace table marketo.email_template_history as
select
    id,
    1 as version,
    name,
    subject,
    1000 + id % 4 as program_id,
    'approved' as status,
    _fivetran_synced - interval 2 day as created_at,
    _fivetran_synced - interval 1 day as updated_at,
    _fivetran_synced
from (select distinct on (id) * from hubspot.email_campaign order by id, _fivetran_synced desc) as emails;
"""


# A company on both tools: each email campaign and form stays in HubSpot or moves to Marketo, by a hash of its id
# (an event or submission without one stays in HubSpot). Run after the Marketo tables are written from HubSpot's;
# the Marketo email activity tables then keep the Marketo campaigns' events (to_marketo).
_SPLIT_SQL = """
create or replace temp table marketo_campaigns as
select distinct email_campaign_id as id from hubspot.email_event
where email_campaign_id is not null and hash(email_campaign_id, {seed}, 'tool') % 100 >= {hubspot_percent};

create or replace temp table marketo_forms as
select guid, form_number
from (select guid, dense_rank() over (order by guid) + 1000 as form_number from hubspot.form group by guid)
where guid is not null and hash(guid, {seed}, 'tool') % 100 >= {hubspot_percent};

create or replace temp table marketo_event_ids as
select distinct id from hubspot.email_event
where id is not null and email_campaign_id in (select id from marketo_campaigns);

delete from hubspot.email_event_click where id in (select id from marketo_event_ids);
delete from hubspot.email_event_open where id in (select id from marketo_event_ids);
delete from hubspot.email_event_status_change where id in (select id from marketo_event_ids);
delete from hubspot.email_event_bounce where id in (select id from marketo_event_ids);
delete from hubspot.email_event where email_campaign_id in (select id from marketo_campaigns);
delete from hubspot.contact_form_submission where form_id in (select guid from marketo_forms);

delete from marketo.activity_fill_form
where primary_attribute_value_id is null
    or primary_attribute_value_id not in (select form_number from marketo_forms);
"""


def to_marketo(path: Path | str, seed: int, sfdc_share: float = 0.7, hubspot_share: float = 0.0) -> dict[str, int]:
    """Turn the generated HubSpot company in `path` into a Marketo company (or one on both tools).

    With `hubspot_share` > 0 the HubSpot tables keep that share of the email campaigns and forms (module
    docstring). Returns rows per Marketo and HubSpot table.
    """
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema if not exists marketo")
        start = con.execute("select min(created_date) from salesforce.lead").fetchone()
        values = {
            "seed": int(seed),
            "sfdc_percent": round(sfdc_share * 100),
            "start": str(start[0] if start and start[0] else "2020-01-01 00:00:00")[:19],
            "delete": _TYPE["delete"],
            "merge": _TYPE["merge"],
            "fill_form": _TYPE["fill_form"],
        }
        con.execute(_SQL.format(**values))
        for table, (kind, condition, extra) in _EMAIL_TABLES.items():
            select = _ACTIVITY_SELECT.format(type_id=_TYPE[kind])
            con.execute(
                f"create or replace table {table} as select {select},{extra}, _fivetran_synced"
                f" from email_events where {condition}"
            )
        con.execute(_CATALOGUE_SQL.format(**values))
        for table, columns in MARKETO_TABLES.items():
            names = ", ".join(f'cast("{name}" as {kind}) as "{name}"' for name, kind in columns)
            con.execute(f"create or replace table {table} as select {names} from {table}")
        if hubspot_share > 0:
            con.execute(_SPLIT_SQL.format(seed=int(seed), hubspot_percent=round(hubspot_share * 100)))
            for table in _EMAIL_TABLES:
                con.execute(
                    f"delete from {table}"
                    " where campaign_id is null or campaign_id not in (select id from marketo_campaigns)"
                )
        else:
            for table in HUBSPOT_TABLES:
                con.execute(f"delete from {table}")
        con.execute("checkpoint")
        return {
            table: int(con.execute(f"select count(*) from {table}").fetchone()[0])
            for table in (*MARKETO_TABLES, *HUBSPOT_TABLES)
        }
    finally:
        con.close()
