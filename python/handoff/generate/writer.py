"""The raw tables' typed shapes and the writer that streams Arrow chunks into them.

One declaration of every table (columns in order, DuckDB types) serves three jobs: the DDL, the Arrow schema each
chunk is coerced to, and the test that checks the contract. Chunks are inserted as they are produced, so a 10 M
event run never holds more than one chunk of rows in Python.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

V, INT, D, M, B, DT, TS = "VARCHAR", "BIGINT", "DOUBLE", "DECIMAL(18,2)", "BOOLEAN", "DATE", "TIMESTAMP"

_SF_OPPORTUNITY = [
    ("id", V),
    ("account_id", V),
    ("name", V),
    ("amount", M),
    ("stage_name", V),
    ("is_closed", B),
    ("is_won", B),
    ("close_date", DT),
    ("created_date", TS),
    ("lead_source", V),
    ("type", V),
    ("owner_id", V),
    ("campaign_id", V),
    ("probability", D),
    ("forecast_category", V),
    ("is_deleted", B),
    ("_fivetran_synced", TS),
]
_EMAIL_EXTRA = [("_fivetran_synced", TS)]

TABLES: dict[str, list[tuple[str, str]]] = {
    "salesforce.account": [
        ("id", V),
        ("name", V),
        ("website", V),
        ("industry", V),
        ("number_of_employees", INT),
        ("annual_revenue", M),
        ("billing_country", V),
        ("billing_country_code", V),
        ("type", V),
        ("owner_id", V),
        ("parent_id", V),
        ("master_record_id", V),
        ("created_date", TS),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.contact": [
        ("id", V),
        ("account_id", V),
        ("email", V),
        ("first_name", V),
        ("last_name", V),
        ("title", V),
        ("department", V),
        ("mailing_country", V),
        ("lead_source", V),
        ("owner_id", V),
        ("created_date", TS),
        ("has_opted_out_of_email", B),
        ("master_record_id", V),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.lead": [
        ("id", V),
        ("email", V),
        ("first_name", V),
        ("last_name", V),
        ("title", V),
        ("company", V),
        ("website", V),
        ("industry", V),
        ("number_of_employees", INT),
        ("annual_revenue", M),
        ("country", V),
        ("lead_source", V),
        ("status", V),
        ("owner_id", V),
        ("is_converted", B),
        ("converted_account_id", V),
        ("converted_contact_id", V),
        ("converted_opportunity_id", V),
        ("converted_date", DT),
        ("created_date", TS),
        ("has_opted_out_of_email", B),
        ("master_record_id", V),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.opportunity": _SF_OPPORTUNITY,
    "salesforce.opportunity_history": [
        *_SF_OPPORTUNITY,
        ("_fivetran_start", TS),
        ("_fivetran_end", TS),
        ("_fivetran_active", B),
    ],
    "salesforce.lead_history": [
        ("id", V),
        ("status", V),
        ("owner_id", V),
        ("is_converted", B),
        ("_fivetran_start", TS),
        ("_fivetran_end", TS),
        ("_fivetran_active", B),
        ("_fivetran_synced", TS),
        ("is_deleted", B),
    ],
    "salesforce.task": [
        ("id", V),
        ("who_id", V),
        ("what_id", V),
        ("account_id", V),
        ("owner_id", V),
        ("subject", V),
        ("type", V),
        ("task_subtype", V),
        ("status", V),
        ("activity_date", DT),
        ("created_date", TS),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.event": [
        ("id", V),
        ("who_id", V),
        ("what_id", V),
        ("account_id", V),
        ("owner_id", V),
        ("subject", V),
        ("type", V),
        ("event_subtype", V),
        ("start_date_time", TS),
        ("end_date_time", TS),
        ("activity_date", DT),
        ("activity_date_time", TS),
        ("created_date", TS),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.user": [
        ("id", V),
        ("name", V),
        ("email", V),
        ("title", V),
        ("department", V),
        ("user_role_id", V),
        ("user_type", V),
        ("is_active", B),
        ("_fivetran_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.user_role": [
        ("id", V),
        ("name", V),
        ("developer_name", V),
        ("parent_role_id", V),
        ("_fivetran_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.campaign": [
        ("id", V),
        ("name", V),
        ("type", V),
        ("status", V),
        ("start_date", DT),
        ("end_date", DT),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "salesforce.campaign_member": [
        ("id", V),
        ("campaign_id", V),
        ("lead_id", V),
        ("contact_id", V),
        ("status", V),
        ("has_responded", B),
        ("first_responded_date", DT),
        ("created_date", TS),
        ("is_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "hubspot.email_event": [
        ("id", V),
        ("type", V),
        ("recipient", V),
        ("created", TS),
        ("email_campaign_id", INT),
        ("sent_by_id", V),
        ("sent_by_created", TS),
        ("caused_by_id", V),
        ("filtered_event", B),
        ("portal_id", INT),
        ("app_id", INT),
        ("_fivetran_synced", TS),
    ],
    "hubspot.email_event_click": [
        ("id", V),
        ("url", V),
        ("user_agent", V),
        ("ip_address", V),
        ("browser", V),
        ("location", V),
        ("referer", V),
        *_EMAIL_EXTRA,
    ],
    "hubspot.email_event_open": [
        ("id", V),
        ("user_agent", V),
        ("ip_address", V),
        ("browser", V),
        ("location", V),
        ("duration", INT),
        *_EMAIL_EXTRA,
    ],
    "hubspot.email_event_status_change": [
        ("id", V),
        ("portal_subscription_status", V),
        ("subscriptions", V),
        ("source", V),
        ("requested_by", V),
        ("bounced", B),
        *_EMAIL_EXTRA,
    ],
    "hubspot.email_event_bounce": [
        ("id", V),
        ("category", V),
        ("status", V),
        ("response", V),
        *_EMAIL_EXTRA,
    ],
    "hubspot.email_campaign": [
        ("id", INT),
        ("name", V),
        ("subject", V),
        ("type", V),
        ("app_name", V),
        ("app_id", INT),
        *_EMAIL_EXTRA,
    ],
    "hubspot.contact_form_submission": [
        ("conversion_id", V),
        ("contact_id", INT),
        ("form_id", V),
        ("timestamp", TS),
        ("page_url", V),
        ("page_id", V),
        ("title", V),
        ("portal_id", INT),
        ("_fivetran_synced", TS),
    ],
    "hubspot.form": [
        ("guid", V),
        ("name", V),
        ("form_type", V),
        ("created_at", TS),
        ("updated_at", TS),
        ("portal_id", INT),
        ("_fivetran_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "hubspot.contact": [
        ("id", INT),
        ("property_email", V),
        ("property_firstname", V),
        ("property_lastname", V),
        ("property_jobtitle", V),
        ("property_company", V),
        ("property_createdate", TS),
        ("property_hs_merged_object_ids", V),
        ("_fivetran_deleted", B),
        ("_fivetran_synced", TS),
    ],
    "hubspot.contact_merge_audit": [
        ("canonical_vid", INT),
        ("vid_to_merge", INT),
        ("timestamp", TS),
        ("_fivetran_synced", TS),
    ],
    "segment.pages": [
        ("id", V),
        ("anonymous_id", V),
        ("user_id", V),
        ("timestamp", TS),
        ("received_at", TS),
        ("sent_at", TS),
        ("url", V),
        ("path", V),
        ("title", V),
        ("referrer", V),
        ("search", V),
        ("context_ip", V),
        ("context_user_agent", V),
        ("context_campaign_source", V),
        ("context_campaign_medium", V),
        ("context_campaign_name", V),
        ("context_campaign_term", V),
        ("context_campaign_content", V),
        ("context_company_domain", V),
        ("uuid_ts", TS),
    ],
    "segment.identifies": [
        ("id", V),
        ("anonymous_id", V),
        ("user_id", V),
        ("email", V),
        ("name", V),
        ("title", V),
        ("company", V),
        ("timestamp", TS),
        ("received_at", TS),
        ("uuid_ts", TS),
    ],
    "segment.tracks": [
        ("id", V),
        ("anonymous_id", V),
        ("user_id", V),
        ("event", V),
        ("event_text", V),
        ("timestamp", TS),
        ("received_at", TS),
        ("context_ip", V),
        ("context_user_agent", V),
        ("uuid_ts", TS),
    ],
    "intent.topic_scores": [
        ("domain", V),
        ("topic", V),
        ("week_start_date", DT),
        ("score", INT),
        ("provider", V),
        ("_loaded_at", TS),
    ],
}

# The tables whose rows count as engagement events (the unit of `events=`).
ENGAGEMENT_TABLES: tuple[str, ...] = (
    "hubspot.email_event",
    "segment.pages",
    "segment.tracks",
    "hubspot.contact_form_submission",
    "salesforce.campaign_member",
)
# Load-time column per table (what "when did this row arrive" means there) and the event-time column.
LOAD_COLUMN: dict[str, str] = {
    name: (
        "uuid_ts" if name.startswith("segment.") else "_loaded_at" if name.startswith("intent.") else "_fivetran_synced"
    )
    for name in TABLES
}
EVENT_COLUMN: dict[str, str] = {
    "hubspot.email_event": "created",
    "segment.pages": "timestamp",
    "segment.tracks": "timestamp",
    "segment.identifies": "timestamp",
    "hubspot.contact_form_submission": "timestamp",
    "salesforce.campaign_member": "created_date",
}

_ARROW: dict[str, pa.DataType] = {
    V: pa.string(),
    INT: pa.int64(),
    D: pa.float64(),
    M: pa.float64(),
    B: pa.bool_(),
    DT: pa.date32(),
    TS: pa.timestamp("us"),
}
NULL_TS = np.iinfo(np.int64).min


def _to_arrow(value: Any, kind: str, n: int) -> pa.Array:
    """One column coerced to its Arrow type. Timestamps are int64 µs (NULL_TS = null), dates int32 days."""
    typ = _ARROW[kind]
    if value is None:
        return pa.nulls(n, typ)
    if isinstance(value, pa.ChunkedArray):
        value = value.combine_chunks()
    if isinstance(value, pa.Array):
        return value if value.type == typ else value.cast(typ)
    arr = np.asarray(value)
    if kind == TS:
        ints = arr.astype(np.int64)
        return pa.array(ints, type=pa.int64(), mask=ints == NULL_TS).cast(typ)
    if kind == DT:
        ints = arr.astype(np.int64)
        return pa.array(ints.astype(np.int32), mask=ints == NULL_TS).cast(typ)
    if arr.dtype == object:
        return pa.array(arr, type=typ)
    if arr.dtype.kind == "f":
        return pa.array(arr, mask=np.isnan(arr)).cast(typ)
    return pa.array(arr, type=typ)


def make_table(name: str, columns: Mapping[str, Any], n: int | None = None) -> pa.Table:
    """A chunk of `name` in its declared column order and types; columns not given are null."""
    spec = TABLES[name]
    if n is None:
        first = next(iter(columns.values()))
        n = len(first)
    unknown = set(columns) - {c for c, _ in spec}
    if unknown:
        raise KeyError(f"{name}: no such columns {sorted(unknown)}")
    arrays = [_to_arrow(columns.get(col), kind, n) for col, kind in spec]
    return pa.Table.from_arrays(arrays, schema=schema_of(name))


def schema_of(name: str) -> pa.Schema:
    """The Arrow schema of one raw table."""
    return pa.schema([(col, _ARROW[kind]) for col, kind in TABLES[name]])


def empty_table(name: str) -> pa.Table:
    """A zero-row chunk of `name`."""
    return schema_of(name).empty_table()


class RawWriter:
    """Appends chunks to the raw DuckDB file; creates the four schemas and every table up front.

    Creating every table first means a table with no rows still exists with its columns, as a connector that has
    synced nothing yet still has its table.
    """

    def __init__(self, path: Path, *, create: bool) -> None:
        self.path = Path(path)
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for stale in (self.path, self.path.with_name(self.path.name + ".wal")):
                stale.unlink(missing_ok=True)
        self.con = duckdb.connect(str(self.path))
        self.con.execute("SET threads = 2")
        self.con.execute("SET memory_limit = '256MB'")
        self.con.execute("SET preserve_insertion_order = true")
        if create:
            ddl = [f"CREATE SCHEMA IF NOT EXISTS {schema};" for schema in sorted({n.split(".")[0] for n in TABLES})]
            for name, spec in TABLES.items():
                cols = ", ".join(f'"{col}" {kind}' for col, kind in spec)
                ddl.append(f"CREATE TABLE {_quoted(name)} ({cols});")
            self.con.execute("\n".join(ddl))
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)

    def write(self, name: str, table: pa.Table) -> None:
        """Insert one chunk (already in the table's schema)."""
        if table.num_rows == 0:
            return
        if table.schema != schema_of(name):
            table = table.cast(schema_of(name))
        cols = ", ".join(f'"{c}"' for c, _ in TABLES[name])
        self.con.register("_chunk", table)
        try:
            self.con.execute(f"INSERT INTO {_quoted(name)} ({cols}) SELECT {cols} FROM _chunk")
        finally:
            self.con.unregister("_chunk")
        self.rows[name] += table.num_rows

    def write_all(self, tables: Mapping[str, pa.Table]) -> None:
        """Insert several tables' chunks."""
        for name in TABLES:
            if name in tables:
                self.write(name, tables[name])

    def close(self) -> None:
        """Checkpoint and close, so the file is complete for the next reader."""
        self.con.execute("CHECKPOINT")
        self.con.close()


def _quoted(name: str) -> str:
    schema, table = name.split(".")
    return f'{schema}."{table}"'


class BackgroundWriter:
    """Feeds a RawWriter from a thread, so DuckDB ingests one chunk while numpy builds the next.

    DuckDB releases the GIL while it copies Arrow data in, so on two cores writing and generating overlap. The
    queue is short (one chunk), which bounds memory; chunks are written in submission order, so the file's row
    order, and with it every checksum, does not depend on timing.
    """

    def __init__(self, writer: RawWriter, depth: int = 1) -> None:
        self.writer = writer
        self.queue: queue.Queue[Mapping[str, pa.Table] | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="raw-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is None:
                try:
                    self.writer.write_all(item)
                except BaseException as exc:  # re-raised in the submitting thread
                    self.error = exc

    def submit(self, tables: Mapping[str, pa.Table]) -> None:
        """Queue one chunk's tables (blocks while a chunk is already waiting)."""
        if self.error is not None:
            raise self.error
        self.queue.put(tables)

    def finish(self) -> None:
        """Wait for every queued chunk to be written; raise the writer's error if it had one."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
