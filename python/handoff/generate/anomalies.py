"""Planted data defects: re-synced duplicates, soft deletes, malformed rows — each a small, counted share.

Staging must account for every raw row (staged, quarantined, superseded, deleted), so every defect planted here is
counted in `GenerationSummary.anomalies` and the tests reconcile the counts against the file. Each defect is
present even in the tiny preset: the first chunk always gets at least `min_anomalies` of each kind.
(Merged records and late-arriving rows are planted where they arise: crm.py, hubspot.py and the load-time draws.)
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from handoff.generate import vocab
from handoff.generate.clock import DAY, HOUR, SECOND, YEAR_2099
from handoff.generate.config import GeneratorConfig
from handoff.generate.ids import fixed_width_strings, uuid_bytes
from handoff.generate.writer import EVENT_COLUMN, LOAD_COLUMN

# tables that get re-synced duplicates, with their key column
RESYNC_TABLES: dict[str, str] = {
    "salesforce.account": "id",
    "salesforce.contact": "id",
    "salesforce.lead": "id",
    "salesforce.opportunity": "id",
    "salesforce.task": "id",
    "salesforce.event": "id",
    "salesforce.campaign_member": "id",
    "hubspot.contact": "id",
    "hubspot.email_event": "id",
    "hubspot.contact_form_submission": "conversion_id",
    "segment.pages": "id",
    "segment.tracks": "id",
    "segment.identifies": "id",
}
SOFT_DELETE_TABLES: tuple[str, ...] = (
    "salesforce.contact",
    "salesforce.task",
    "salesforce.event",
    "salesforce.campaign_member",
)
# field a re-sync may carry an update in (the later version is the truth)
UPDATED_FIELD: dict[str, str] = {
    "salesforce.lead": "title",
    "salesforce.contact": "title",
    "salesforce.account": "number_of_employees",
}


def anomaly_count(rng: np.random.Generator, n: int, rate: float, minimum: int) -> int:
    """How many of `n` rows get a defect: binomial, but at least `minimum` (so small runs still show each case)."""
    if n == 0:
        return 0
    return int(min(n, max(minimum, rng.binomial(n, rate))))


class Planter:
    """Plants anomalies into one chunk's tables and keeps the counts."""

    def __init__(self, config: GeneratorConfig, rng: np.random.Generator, snapshot: int, first_chunk: bool):
        self.config = config
        self.rng = rng
        self.snapshot = snapshot
        self.minimum = config.min_anomalies if first_chunk else 0
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def _count(self, n: int, rate: float) -> int:
        return anomaly_count(self.rng, n, rate, self.minimum)

    def _pick(self, mask: np.ndarray, rate: float) -> np.ndarray:
        candidates = np.flatnonzero(mask)
        k = self._count(len(candidates), rate)
        return np.sort(self.rng.choice(candidates, size=k, replace=False)) if k else np.zeros(0, dtype=np.int64)

    def count(self, kind: str, table: str, n: int) -> None:
        """Record `n` planted anomalies of `kind` in `table`."""
        if n:
            self.counts[kind][table] += n

    # --- soft deletes -----------------------------------------------------------------------------------------
    def soft_delete(self, name: str, table: pa.Table) -> pa.Table:
        """Mark a share of live rows `is_deleted = true`, loaded when the delete happened."""
        if table.num_rows == 0:
            return table
        live = ~table["is_deleted"].to_numpy(zero_copy_only=False)
        pick = self._pick(live, self.config.delete_rate)
        if len(pick) == 0:
            return table
        mask = np.zeros(table.num_rows, dtype=bool)
        mask[pick] = True
        load = LOAD_COLUMN[name]
        synced = table[load].to_numpy().astype("datetime64[us]").astype(np.int64)
        later = np.minimum(
            synced[pick] + (self.rng.uniform(1, 60, size=len(pick)) * DAY).astype(np.int64), self.snapshot - SECOND
        )
        synced[pick] = np.maximum(later, synced[pick])
        table = _set(table, "is_deleted", pc.or_(table["is_deleted"], pa.array(mask)))
        table = _set(table, load, pa.array(synced, type=pa.int64()).cast(pa.timestamp("us")))
        self.count("soft_deleted", name, len(pick))
        return table

    # --- re-synced duplicates ---------------------------------------------------------------------------------
    def resync(self, name: str, table: pa.Table) -> pa.Table:
        """Append the same rows again with a later load time (and, for some CRM rows, one updated field)."""
        if table.num_rows == 0:
            return table
        key = RESYNC_TABLES[name]
        ok = table[key].is_valid().to_numpy(zero_copy_only=False)
        for flag in ("is_deleted", "_fivetran_deleted"):
            if flag in table.column_names:
                ok &= ~table[flag].to_numpy(zero_copy_only=False)
        load = LOAD_COLUMN[name]
        synced = table[load].to_numpy().astype("datetime64[us]").astype(np.int64)
        ok &= synced < self.snapshot - 3 * HOUR
        pick = self._pick(ok, self.config.duplicate_rate)
        if len(pick) == 0:
            return table
        later = synced[pick] + self.rng.integers(2 * HOUR, 5 * DAY, size=len(pick))
        later = np.where(later >= self.snapshot, synced[pick] + (self.snapshot - synced[pick]) // 2, later)
        copies = table.take(pa.array(pick))
        copies = _set(copies, load, pa.array(later, type=pa.int64()).cast(pa.timestamp("us")))
        if name in UPDATED_FIELD:
            copies = _update_field(copies, UPDATED_FIELD[name], self.rng)
        self.count("resynced_duplicate", name, len(pick))
        return pa.concat_tables([table, copies])

    # --- malformed rows ---------------------------------------------------------------------------------------
    def missing_id(self, name: str, table: pa.Table, key: str = "id") -> pa.Table:
        """Inject copies of a few rows with the key missing."""
        pick = self._pick(np.ones(table.num_rows, dtype=bool), self.config.malformed_rate)
        if len(pick) == 0:
            return table
        copies = table.take(pa.array(pick))
        copies = _set(copies, key, pa.nulls(len(pick), pa.string()))
        self.count("missing_id", name, len(pick))
        return pa.concat_tables([table, copies])

    def malformed_email(
        self,
        name: str,
        table: pa.Table,
        column: str,
        inject: bool = False,
        key: str = "id",
        eligible: np.ndarray | None = None,
    ) -> pa.Table:
        """Break a few addresses (`john.doe@`, `john.doe.acme.com`, `j@a`); injected as new rows for events."""
        values = table[column]
        valid = values.is_valid().to_numpy(zero_copy_only=False)
        if eligible is not None:
            valid &= eligible
        pick = self._pick(valid, self.config.malformed_rate)
        if len(pick) == 0:
            return table
        broken = pa.array(
            [_break(str(v), int(k)) for k, v in enumerate(values.take(pa.array(pick)).to_pylist())], type=pa.string()
        )
        if inject:
            copies = table.take(pa.array(pick))
            copies = _set(copies, column, broken)
            copies = _set(copies, key, fixed_width_strings(uuid_bytes(self.rng, len(pick))))
            table = pa.concat_tables([table, self._fresh_load(name, copies)])
        else:
            mask = np.zeros(table.num_rows, dtype=bool)
            mask[pick] = True
            table = _set(table, column, pc.replace_with_mask(values.combine_chunks(), pa.array(mask), broken))
        self.count("malformed_email", name, len(pick))
        return table

    def future_timestamp(
        self, name: str, table: pa.Table, column: str, key: str | None = "id", eligible: np.ndarray | None = None
    ) -> pa.Table:
        """Rows dated in 2099: injected copies with new ids (events) or mutated in place (key=None)."""
        ok = np.ones(table.num_rows, dtype=bool) if eligible is None else eligible
        pick = self._pick(ok, self.config.malformed_rate)
        if len(pick) == 0:
            return table
        ts = table[column].to_numpy().astype("datetime64[us]").astype(np.int64)
        future = YEAR_2099 + ts[pick] % (300 * DAY)
        if key is None:
            ts[pick] = future
            table = _set(table, column, pa.array(ts, type=pa.int64()).cast(pa.timestamp("us")))
        else:
            copies = table.take(pa.array(pick))
            copies = _set(copies, column, pa.array(future, type=pa.int64()).cast(pa.timestamp("us")))
            copies = _set(copies, key, fixed_width_strings(uuid_bytes(self.rng, len(pick))))
            table = pa.concat_tables([table, copies])
        self.count("future_timestamp", name, len(pick))
        return table

    def unknown_email_type(self, table: pa.Table) -> pa.Table:
        """Inject a few email events whose type is not in HubSpot's documented list."""
        created = table["created"].to_numpy().astype("datetime64[us]").astype(np.int64)
        pick = self._pick(created < self.snapshot, self.config.malformed_rate)
        if len(pick) == 0:
            return table
        copies = table.take(pa.array(pick))
        copies = _set(copies, "type", pa.array([vocab.UNKNOWN_EMAIL_EVENT_TYPE] * len(pick), type=pa.string()))
        copies = _set(copies, "id", fixed_width_strings(uuid_bytes(self.rng, len(pick))))
        self.count("unknown_code", "hubspot.email_event", len(pick))
        return pa.concat_tables([table, self._fresh_load("hubspot.email_event", copies)])

    def _fresh_load(self, name: str, copies: pa.Table) -> pa.Table:
        """Injected malformed copies load promptly, so they never count as late-arriving rows."""
        event = EVENT_COLUMN.get(name)
        if event is None:
            return copies
        ts = copies[event].to_numpy().astype("datetime64[us]").astype(np.int64)
        old = copies[LOAD_COLUMN[name]].to_numpy().astype("datetime64[us]").astype(np.int64)
        fresh = ts + self.rng.integers(10 * 60 * SECOND, 60 * 60 * SECOND, size=len(ts))
        load = np.where(fresh < self.snapshot, fresh, old)
        return _set(copies, LOAD_COLUMN[name], pa.array(load, type=pa.int64()).cast(pa.timestamp("us")))

    def unknown_lead_status(self, lead: pa.Table, history: pa.Table) -> tuple[pa.Table, pa.Table]:
        """Give a few open leads a status no mapping knows, in `lead` and in its active history row."""
        status = lead["status"].to_numpy(zero_copy_only=False)
        ok = (status == vocab.LEAD_STATUS_OPEN) & ~lead["is_deleted"].to_numpy(zero_copy_only=False)
        ok &= lead["id"].is_valid().to_numpy(zero_copy_only=False)
        pick = self._pick(ok, self.config.malformed_rate)
        if len(pick) == 0:
            return lead, history
        ids = set(lead["id"].take(pa.array(pick)).to_pylist())
        codes = [vocab.UNKNOWN_LEAD_STATUSES[k % len(vocab.UNKNOWN_LEAD_STATUSES)] for k in range(len(pick))]
        mask = np.zeros(lead.num_rows, dtype=bool)
        mask[pick] = True
        lead = _set(
            lead,
            "status",
            pc.replace_with_mask(lead["status"].combine_chunks(), pa.array(mask), pa.array(codes, type=pa.string())),
        )
        # keep the same code on every copy of the id (re-syncs come later) and on the active history row
        code_of = dict(zip(lead["id"].take(pa.array(pick)).to_pylist(), codes, strict=True))
        h_ids = history["id"].to_pylist()
        h_active = history["_fivetran_active"].to_numpy(zero_copy_only=False)
        h_status = history["status"].to_pylist()
        for k, hid in enumerate(h_ids):
            if hid in ids and h_active[k]:
                h_status[k] = code_of[hid]
        history = _set(history, "status", pa.array(h_status, type=pa.string()))
        self.count("unknown_code", "salesforce.lead", len(pick))
        return lead, history

    def negative_amount(self, opp: pa.Table, history: pa.Table) -> tuple[pa.Table, pa.Table]:
        """Negate the amount of a few opportunities (every version, so current and history agree)."""
        amount = opp["amount"].to_numpy(zero_copy_only=False)
        pick = self._pick(~np.isnan(amount.astype(float)), self.config.malformed_rate)
        if len(pick) == 0:
            return opp, history
        ids = set(opp["id"].take(pa.array(pick)).to_pylist())

        def negate(t: pa.Table) -> pa.Table:
            hit = np.array([i in ids for i in t["id"].to_pylist()], dtype=bool)
            vals = t["amount"].to_numpy(zero_copy_only=False).astype(float)
            vals[hit] = -np.abs(vals[hit])
            return _set(t, "amount", pa.array(vals, type=pa.float64()))

        self.count("negative_amount", "salesforce.opportunity", len(pick))
        return negate(opp), negate(history)


def _set(table: pa.Table, column: str, values: pa.Array | pa.ChunkedArray) -> pa.Table:
    i = table.schema.get_field_index(column)
    return table.set_column(i, table.schema.field(i), values.cast(table.schema.field(i).type))


def _break(email: str, k: int) -> str:
    local, _, domain = email.partition("@")
    return (f"{local}@", f"{local}.{domain}", f"{local[:1] or 'a'}@{domain[:1] or 'b'}")[k % 3]


def _update_field(copies: pa.Table, column: str, rng: np.random.Generator) -> pa.Table:
    """Half of the re-synced CRM rows carry a real change (a promotion, a new headcount)."""
    change = rng.random(copies.num_rows) < 0.5
    if column == "number_of_employees":
        vals = copies[column].to_numpy(zero_copy_only=False).astype(float)
        vals = np.where(change & ~np.isnan(vals), np.round(vals * 1.1), vals)
        return _set(copies, column, pa.array(vals, mask=np.isnan(vals)))
    vals = copies[column].to_pylist()
    new = [("Sr. " + v.strip() if v else "Manager") if c else v for v, c in zip(vals, change, strict=True)]
    return _set(copies, column, pa.array(new, type=pa.string()))
