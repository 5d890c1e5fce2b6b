"""One more day of raw data on an existing file: what a nightly incremental load sees.

The day is the one after the file's latest load date. It brings new engagement from a sample of the people already
in the file (today's email send and its opens, clicks and scanner hits; web sessions of known and anonymous
visitors; a few form fills with their identifies and tracks; campaign registrations), events from the previous one
to three days that only arrive today (late), and re-syncs of existing rows (same id, a new load time). Everything
is read from the file itself, so the day depends only on the seed and the starting file, and every load time falls
on the new day. Volumes are the file's own per-day averages (≈ 1 / days spanned of each table).
"""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa

from handoff.generate import vocab
from handoff.generate.clock import DAY, EPOCH, HOUR, MINUTE, SECOND
from handoff.generate.config import GeneratorConfig
from handoff.generate.email import BROWSER_JSON, LOCATION_JSON, UA_LIST, UA_MPP, UA_SCANNER0
from handoff.generate.ids import (
    CHUNK_ID_SPACE,
    fixed_width_strings,
    salesforce_id_list,
    stable_unit,
    take_strings,
    uuid_bytes,
)
from handoff.generate.web import K_BG, K_EPISODE, MIX
from handoff.generate.world import PAGE_CATEGORY, PAGE_PATH, PAGE_TITLE, PAGES_BY_CATEGORY, STREAM
from handoff.generate.writer import ENGAGEMENT_TABLES, EVENT_COLUMN, LOAD_COLUMN, TABLES, RawWriter, make_table

if TYPE_CHECKING:
    from handoff.generate import GenerationSummary

LATE_SHARE = 0.05  # of the day's events, dated 1-3 days earlier and arriving today
RESYNC_SHARE = 0.01  # of the day's rows per engagement table
VALID_EMAIL = r"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"


def append_one_day(path: Path, config: GeneratorConfig) -> GenerationSummary:
    """Append the day after the file's latest load date; returns a GenerationSummary of what was appended."""
    from handoff.generate import GenerationSummary

    started = time.perf_counter()
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: generate it first")
    writer = RawWriter(path, create=False)
    con = writer.con
    loads = [_scalar(con, f'SELECT epoch_us(max("{LOAD_COLUMN[t]}")) FROM {_q(t)}') for t in TABLES]
    max_load = max(v for v in loads if v is not None)
    day = max_load // DAY + 1
    day_start, day_end = day * DAY, (day + 1) * DAY
    first = _scalar(
        con, f"SELECT epoch_us(min(created)) FROM hubspot.email_event WHERE created <= make_timestamp({max_load})"
    )
    span = max(1.0, (max_load - (first or max_load - DAY)) / DAY)
    rng = np.random.default_rng([config.seed, STREAM["append"], int(day)])
    app = _Day(con, rng, config.seed, int(day), day_start, day_end, span)
    tables: dict[str, pa.Table] = {}
    tables.update(app.email())
    tables.update(app.web())
    tables["salesforce.campaign_member"] = app.campaign_members()
    for name, table in tables.items():
        writer.write(name, table)
    resynced = app.resync(writer)
    rows = {name: writer.rows[name] for name in TABLES}
    for name, n in resynced.items():
        rows[name] += n
    writer.close()
    appended_day = date.fromordinal(EPOCH.toordinal() + int(day))
    return GenerationSummary(
        path=path,
        mode="append_day",
        seed=config.seed,
        preset=config.preset,
        start_date=appended_day,
        end_date=appended_day,
        snapshot_at=datetime.combine(date.fromordinal(appended_day.toordinal() + 1), datetime.min.time()),
        rows=rows,
        engagement_events=sum(rows[t] for t in ENGAGEMENT_TABLES),
        anomalies={"late_arriving": app.late, "resynced_duplicate": resynced},
        truth={},
        elapsed_seconds=time.perf_counter() - started,
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The single value of a query."""
    row = con.execute(sql).fetchone()
    return None if row is None else row[0]


def _q(name: str) -> str:
    schema, table = name.split(".")
    return f'{schema}."{table}"'


class _Day:
    """The appended day's generators; each reads what it needs from the file."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        rng: np.random.Generator,
        seed: int,
        day: int,
        day_start: int,
        day_end: int,
        span: float,
    ) -> None:
        self.con, self.rng, self.seed, self.day = con, rng, seed, day
        self.day_start, self.day_end, self.span = day_start, day_end, span
        self.late: dict[str, int] = {}
        self.salt = f"{seed}-{day}"

    def _daily(self, name: str, where: str = "") -> int:
        key = "conversion_id" if name == "hubspot.contact_form_submission" else "id"
        sql = f'SELECT count(*) FROM {_q(name)} WHERE "{key}" IS NOT NULL {where}'
        total = _scalar(self.con, sql)
        return int(self.rng.poisson(total / self.span))

    def _times(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Event times: mostly today (working hours UTC-ish), a share 1-3 days earlier (late arrivals)."""
        late = self.rng.random(n) < LATE_SHARE
        back = np.where(late, self.rng.integers(1, 4, size=n), 0)
        hour = np.clip(self.rng.normal(14.5, 3.5, size=n), 0.2, 23.0)
        ts = self.day_start - back * DAY + (hour * HOUR).astype(np.int64) + self.rng.integers(0, MINUTE, size=n)
        return ts, late

    def _loads(self, ts: np.ndarray, late: np.ndarray) -> np.ndarray:
        """Load times on the new day: shortly after the event, or some time today for late rows."""
        normal = ts + self.rng.integers(10 * MINUTE, 90 * MINUTE, size=len(ts))
        late_load = self.day_start + self.rng.integers(HOUR, 20 * HOUR, size=len(ts))
        return np.clip(np.where(late, late_load, normal), self.day_start, self.day_end - SECOND)

    def _loaded(self, table: str, ts: np.ndarray, late: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Load times of a table's new rows and the indices of those loaded by the day's end (late ones counted)."""
        loads = self._loads(ts, late)
        keep = np.flatnonzero(ts < loads)
        self.late[table] = int((ts[keep] < self.day_start).sum())
        return loads, keep

    # --- email --------------------------------------------------------------------------------------------------
    def email(self) -> dict[str, pa.Table]:
        con, rng = self.con, self.rng
        n_sends = self._daily("hubspot.email_event", "AND type = 'SENT'")
        recipients = [
            r[0]
            for r in con.execute(
                f"""
            WITH alive AS (
                SELECT property_email AS email,
                       row_number() OVER (PARTITION BY id ORDER BY _fivetran_synced DESC) AS rk,
                       _fivetran_deleted
                FROM hubspot.contact
            )
            SELECT DISTINCT email FROM alive
            WHERE rk = 1 AND NOT coalesce(_fivetran_deleted, false) AND regexp_full_match(email, $re)
              AND email NOT IN (SELECT recipient FROM hubspot.email_event WHERE type = 'STATUSCHANGE'
                                AND recipient IS NOT NULL)
            ORDER BY hash(email, '{self.salt}') LIMIT {n_sends}
            """,
                {"re": VALID_EMAIL},
            ).fetchall()
        ]
        scanner_ua = {s.user_agent: k for k, s in enumerate(vocab.SCANNERS)}
        domain_scanner: dict[str, int] = {}
        for dom, ua in con.execute(
            """SELECT DISTINCT split_part(e.recipient, '@', 2), c.user_agent FROM hubspot.email_event e
               JOIN hubspot.email_event_click c USING (id)"""
        ).fetchall():
            if ua in scanner_ua:
                domain_scanner[dom] = scanner_ua[ua]
        campaign_id = int(180_000_000 + 17 * 10_000 + self.day % 10_000)
        utm = f"utm_source=hubspot&utm_medium=email&utm_campaign=nurture-{self.day}"
        rows: list[tuple[int, str, int, str | None, int, int, str | None, str | None, bool, int]] = []
        # (send index, type, created, recipient, ua, duration, url, ip, filtered, sent_time)
        send_time = self.day_start + 14 * HOUR + rng.integers(0, 40 * MINUTE, size=len(recipients))
        for s, email in enumerate(recipients):
            t0 = int(send_time[s])
            rows.append((s, "SENT", t0, email, -1, 0, None, None, False, t0))
            delivered = t0 + int(rng.integers(SECOND, 90 * SECOND))
            rows.append((s, "DELIVERED", delivered, email, -1, 0, None, None, False, t0))
            sc = domain_scanner.get(email.split("@")[1], -1)
            if sc >= 0:
                scanner = vocab.SCANNERS[sc]
                prefix = scanner.ip_prefixes[0]
                ip = prefix + ".".join(str(int(x)) for x in rng.integers(1, 255, size=4 - prefix.count(".")))
                flag = bool(rng.random() < scanner.hubspot_flag_rate)
                rows.append(
                    (
                        s,
                        "OPEN",
                        delivered + int(rng.integers(SECOND, 5 * SECOND)),
                        email,
                        UA_SCANNER0 + sc,
                        0,
                        None,
                        ip,
                        flag,
                        t0,
                    )
                )
                for j in range(3):
                    url = f"{vocab.OUR_SITE}/blog?{utm}&utm_content=link-{j + 1}"
                    rows.append(
                        (
                            s,
                            "CLICK",
                            delivered + int(rng.integers(SECOND, 5 * SECOND)),
                            email,
                            UA_SCANNER0 + sc,
                            0,
                            url,
                            ip,
                            flag,
                            t0,
                        )
                    )
            if stable_unit(self.seed, email, "mpp") < 0.28:
                rows.append(
                    (
                        s,
                        "OPEN",
                        delivered + int(rng.integers(MINUTE, 20 * MINUTE)),
                        email,
                        UA_MPP,
                        0,
                        None,
                        vocab.APPLE_MPP_IP_PREFIX + "7.9",
                        False,
                        t0,
                    )
                )
            if rng.random() < 0.15 + 0.45 * stable_unit(self.seed, email, "open"):
                opened = delivered + int(np.exp(rng.normal(np.log(2 * HOUR), 1.0)))
                home = "73." + ".".join(str(int(x)) for x in rng.integers(1, 255, size=3))
                rows.append((s, "OPEN", opened, email, 0, int(rng.integers(1000, 40000)), None, home, False, t0))
                if rng.random() < 0.1:
                    url = f"{vocab.OUR_SITE}/pricing?{utm}&utm_content=link-2"
                    rows.append(
                        (
                            s,
                            "CLICK",
                            opened + int(rng.integers(3 * SECOND, 5 * MINUTE)),
                            email,
                            len(UA_LIST) - 1,
                            0,
                            url,
                            home,
                            False,
                            t0,
                        )
                    )
        # opens trickling in for earlier sends, some of which only arrive today (late)
        earlier = con.execute(
            f"""SELECT id, recipient, epoch_us(created), email_campaign_id FROM hubspot.email_event
                WHERE type = 'SENT' AND id IS NOT NULL
                  AND created >= make_timestamp({self.day_start - 4 * DAY})
                  AND created < make_timestamp({self.day_start})
                ORDER BY hash(id, '{self.salt}') LIMIT {max(1, n_sends // 4)}"""
        ).fetchall()
        ts_all, late_all = self._times(len(earlier))
        trickle: list[tuple[str, str, int, int, bool]] = []
        for (sid, rcpt, created, _camp), ts, late in zip(earlier, ts_all, late_all, strict=True):
            event_ts = max(int(ts), int(created) + MINUTE)
            if not late:
                event_ts = max(event_ts, self.day_start + MINUTE)
            trickle.append((sid, rcpt, int(created), event_ts, bool(late and event_ts < self.day_start)))
        return self._email_tables(rows, trickle, campaign_id, len(recipients))

    def _email_tables(
        self, rows: list[tuple], trickle: list[tuple[str, str, int, int, bool]], campaign_id: int, n_sends: int
    ) -> dict[str, pa.Table]:
        rng = self.rng
        sent_ids = uuid_bytes(rng, max(n_sends, 1))
        n = len(rows) + len(trickle)
        ids = uuid_bytes(rng, n)
        types, created, recipient, sent_by, sent_created, campaign, flags = [], [], [], [], [], [], []
        for k, (s, typ, ts, email, _ua, _dur, _url, _ip, flag, t0) in enumerate(rows):
            if typ == "SENT":
                ids[k] = sent_ids[s]
            types.append(typ)
            created.append(ts)
            recipient.append(email)
            sent_by.append(None if typ == "SENT" else bytes(sent_ids[s]).decode())
            sent_created.append(-(2**63) if typ == "SENT" else t0)
            campaign.append(campaign_id)
            flags.append(flag)
        late = np.zeros(n, dtype=bool)
        for k, (sid, rcpt, t_sent, ts, is_late) in enumerate(trickle):
            types.append("OPEN")
            created.append(ts)
            recipient.append(rcpt)
            sent_by.append(sid)
            sent_created.append(t_sent)
            campaign.append(None)
            flags.append(False)
            late[len(rows) + k] = is_late
        created_arr = np.array(created, dtype=np.int64)
        loads = self._loads(created_arr, late)
        loads = np.maximum(loads, np.minimum(created_arr + MINUTE, self.day_end - SECOND))
        keep = created_arr < loads
        self.late["hubspot.email_event"] = int((keep & (created_arr < self.day_start)).sum())
        idx = np.flatnonzero(keep)
        id_strings = fixed_width_strings(ids[idx])
        main = make_table(
            "hubspot.email_event",
            {
                "id": id_strings,
                "type": np.array(types, dtype=object)[idx],
                "recipient": np.array(recipient, dtype=object)[idx],
                "created": created_arr[idx],
                "email_campaign_id": pa.array(np.array(campaign, dtype=object)[idx].tolist(), type=pa.int64()),
                "sent_by_id": np.array(sent_by, dtype=object)[idx],
                "sent_by_created": np.array(sent_created, dtype=np.int64)[idx],
                "filtered_event": np.array(flags, dtype=bool)[idx],
                "portal_id": np.full(len(idx), vocab.HUBSPOT_PORTAL_ID, dtype=np.int64),
                "app_id": np.full(len(idx), vocab.HUBSPOT_APP_ID, dtype=np.int64),
                "_fivetran_synced": loads[idx],
            },
            len(idx),
        )
        kept = set(idx.tolist())
        opens, clicks = [], []
        for k, (_s, typ, _ts, _email, ua, dur, url, ip, _f, _t0) in enumerate(rows):
            if k not in kept:
                continue
            if typ == "OPEN":
                opens.append((k, ua, ip, dur))
            elif typ == "CLICK":
                clicks.append((k, ua, ip, url))
        for k in range(len(rows), n):
            if k in kept:
                opens.append((k, 0, None, int(rng.integers(1000, 30000))))
        id_text = {k: bytes(ids[k]).decode() for k in kept}
        open_table = make_table(
            "hubspot.email_event_open",
            {
                "id": np.array([id_text[k] for k, *_ in opens], dtype=object),
                "user_agent": take_strings(UA_LIST, np.array([max(o[1], 0) for o in opens], dtype=np.int64)),
                "ip_address": np.array([o[2] for o in opens], dtype=object),
                "browser": take_strings(BROWSER_JSON, np.array([max(o[1], 0) for o in opens], dtype=np.int64)),
                "location": np.full(len(opens), LOCATION_JSON[0], dtype=object),
                "duration": np.array([o[3] for o in opens], dtype=np.int64),
                "_fivetran_synced": np.array([loads[k] for k, *_ in opens], dtype=np.int64),
            },
            len(opens),
        )
        click_table = make_table(
            "hubspot.email_event_click",
            {
                "id": np.array([id_text[k] for k, *_ in clicks], dtype=object),
                "url": np.array([c[3] for c in clicks], dtype=object),
                "user_agent": take_strings(UA_LIST, np.array([c[1] for c in clicks], dtype=np.int64)),
                "ip_address": np.array([c[2] for c in clicks], dtype=object),
                "browser": take_strings(BROWSER_JSON, np.array([c[1] for c in clicks], dtype=np.int64)),
                "location": np.full(len(clicks), LOCATION_JSON[0], dtype=object),
                "referer": None,
                "_fivetran_synced": np.array([loads[k] for k, *_ in clicks], dtype=np.int64),
            },
            len(clicks),
        )
        when = date.fromordinal(EPOCH.toordinal() + self.day)
        campaign_row = make_table(
            "hubspot.email_campaign",
            {
                "id": np.array([campaign_id], dtype=np.int64),
                "name": np.array([f"Nurture - {when:%Y-%m-%d}"], dtype=object),
                "subject": np.array(["Still looking at your revenue data?"], dtype=object),
                "type": np.array(["AUTOMATED_EMAIL"], dtype=object),
                "app_name": np.array(["Automation"], dtype=object),
                "app_id": np.array([vocab.HUBSPOT_APP_ID], dtype=np.int64),
                "_fivetran_synced": np.array([self.day_start + HOUR], dtype=np.int64),
            },
            1,
        )
        return {
            "hubspot.email_event": main,
            "hubspot.email_event_open": open_table,
            "hubspot.email_event_click": click_table,
            "hubspot.email_campaign": campaign_row,
        }

    # --- web and forms ------------------------------------------------------------------------------------------
    def web(self) -> dict[str, pa.Table]:
        con, rng = self.con, self.rng
        n_pages = self._daily("segment.pages")
        n_sessions = max(1, int(n_pages / 1.9))
        visitors = con.execute(
            f"""SELECT anonymous_id, arg_max(user_id, "timestamp"), arg_max(context_ip, "timestamp"),
                       arg_max(context_user_agent, "timestamp"), arg_max(context_company_domain, "timestamp")
                FROM segment.pages
                WHERE anonymous_id IS NOT NULL AND "timestamp" < make_timestamp({self.day_start})
                  AND "timestamp" >= make_timestamp({self.day_start - 120 * DAY})
                  AND context_user_agent NOT LIKE '%bot%' AND context_user_agent NOT LIKE '%Bot%'
                GROUP BY anonymous_id ORDER BY hash(anonymous_id, '{self.salt}') LIMIT {n_sessions}"""
        ).fetchall()
        page_rows: list[tuple] = []
        cum = np.cumsum(MIX, axis=1)
        for anon, user, ip, ua, dom in visitors:
            kind = K_EPISODE if rng.random() < 0.1 else K_BG
            ts, late = self._times(1)
            t = int(ts[0])
            for p in range(1 + int(rng.poisson(0.9))):
                cat = min(int((rng.random() > cum[kind]).sum()), len(cum[kind]) - 1)
                options = PAGES_BY_CATEGORY[cat]
                page = int(options[int(rng.integers(0, len(options)))])
                page_rows.append((anon, user, t, page, ip, ua, dom, bool(late[0]), p == 0))
                t += int(rng.integers(8 * SECOND, 4 * MINUTE))
        submitters = con.execute(
            f"""SELECT i.anonymous_id, i.user_id, i.email, i.name, i.title, i.company, c.id
                FROM segment.identifies i JOIN hubspot.contact c ON c.property_email = lower(i.email)
                WHERE i.anonymous_id IS NOT NULL AND NOT coalesce(c._fivetran_deleted, false)
                ORDER BY hash(i.id, '{self.salt}') LIMIT {self._daily("hubspot.contact_form_submission")}"""
        ).fetchall()
        forms = con.execute(
            "SELECT guid, name FROM hubspot.form WHERE NOT coalesce(_fivetran_deleted, false) ORDER BY name"
        ).fetchall()
        form_page = {f[0]: p for f in vocab.FORMS for p in [PAGE_PATH.tolist().index(f[2])]}
        return self._web_tables(page_rows, submitters, forms, form_page)

    def _web_tables(
        self, page_rows: list[tuple], submitters: list[tuple], forms: list[tuple], form_page: dict[str, int]
    ) -> dict[str, pa.Table]:
        rng = self.rng
        track_rows: list[tuple] = []
        ident_rows: list[tuple] = []
        sub_rows: list[tuple] = []
        for anon, user, email, name, title, company, contact_id in submitters:
            guid, form_name = forms[int(rng.integers(0, len(forms)))]
            page = form_page.get(form_name, 0)
            ts, late = self._times(1)
            t = int(ts[0])
            page_rows.append(
                (anon, user, t - int(rng.integers(30, 300)) * SECOND, page, None, None, None, bool(late[0]), True)
            )
            ident_rows.append((anon, user, email, name, title, company, t, bool(late[0])))
            event = {
                "demo_request": "demo",
                "contact_sales": "contact_sales",
                "trial_signup": "trial",
                "newsletter": "newsletter",
                "job_application": "job",
                "partner_inquiry": "partner",
                "content_download": "content",
                "webinar_registration": "webinar",
            }
            signal = next((f[1] for f in vocab.FORMS if f[0] == form_name), "content_download")
            track_rows.append((anon, user, event[signal], t + SECOND, bool(late[0])))
            sub_rows.append((contact_id, guid, t, page, bool(late[0])))
        for anon, user, t, page, _ip, _ua, _dom, late, _landing in list(page_rows):
            path = PAGE_PATH[page]
            if path == "/pricing/calculator" and rng.random() < 0.6:
                track_rows.append((anon, user, "pricing_calc", t + 20 * SECOND, late))
            elif PAGE_CATEGORY[page] == vocab.PAGE_CATEGORIES.index("docs") and rng.random() < 0.25:
                track_rows.append((anon, user, "docs_search", t + 30 * SECOND, late))
        out: dict[str, pa.Table] = {}
        ts = np.array([r[2] for r in page_rows], dtype=np.int64)
        late = np.array([r[7] for r in page_rows], dtype=bool)
        loads = self._loads(ts, late)
        keep = np.flatnonzero(ts < loads)
        self.late["segment.pages"] = int((ts[keep] < self.day_start).sum())
        pr = [page_rows[k] for k in keep]
        received = np.minimum(ts[keep] + rng.integers(20_000, 900_000, size=len(keep)), loads[keep])
        out["segment.pages"] = make_table(
            "segment.pages",
            {
                "id": fixed_width_strings(uuid_bytes(rng, len(pr))),
                "anonymous_id": np.array([r[0] for r in pr], dtype=object),
                "user_id": np.array([r[1] for r in pr], dtype=object),
                "timestamp": ts[keep],
                "received_at": received,
                "sent_at": np.minimum(ts[keep] + 5_000, received),
                "url": take_strings(
                    [vocab.OUR_SITE + p for p in PAGE_PATH], np.array([r[3] for r in pr], dtype=np.int64)
                ),
                "path": take_strings(PAGE_PATH, np.array([r[3] for r in pr], dtype=np.int64)),
                "title": take_strings(PAGE_TITLE, np.array([r[3] for r in pr], dtype=np.int64)),
                "referrer": np.array(["https://www.google.com/" if r[8] else None for r in pr], dtype=object),
                "search": np.full(len(pr), "", dtype=object),
                "context_ip": np.array([r[4] for r in pr], dtype=object),
                "context_user_agent": np.array([r[5] or vocab.BROWSER_USER_AGENTS[0] for r in pr], dtype=object),
                "context_company_domain": np.array([r[6] for r in pr], dtype=object),
                "uuid_ts": loads[keep],
            },
            len(pr),
        )
        events = vocab.TRACK_EVENTS
        t_ts = np.array([r[3] for r in track_rows], dtype=np.int64)
        t_late = np.array([r[4] for r in track_rows], dtype=bool)
        t_loads, t_keep = self._loaded("segment.tracks", t_ts, t_late)
        tr = [track_rows[k] for k in t_keep]
        out["segment.tracks"] = make_table(
            "segment.tracks",
            {
                "id": fixed_width_strings(uuid_bytes(rng, len(tr))),
                "anonymous_id": np.array([r[0] for r in tr], dtype=object),
                "user_id": np.array([r[1] for r in tr], dtype=object),
                "event": np.array([events[r[2]][0] for r in tr], dtype=object),
                "event_text": np.array([events[r[2]][1] for r in tr], dtype=object),
                "timestamp": t_ts[t_keep],
                "received_at": np.minimum(t_ts[t_keep] + 300_000, t_loads[t_keep]),
                "context_user_agent": np.full(len(tr), vocab.BROWSER_USER_AGENTS[0], dtype=object),
                "uuid_ts": t_loads[t_keep],
            },
            len(tr),
        )
        i_ts = np.array([r[6] for r in ident_rows], dtype=np.int64)
        i_late = np.array([r[7] for r in ident_rows], dtype=bool)
        i_loads, i_keep = self._loaded("segment.identifies", i_ts, i_late)
        ir = [ident_rows[k] for k in i_keep]
        out["segment.identifies"] = make_table(
            "segment.identifies",
            {
                "id": fixed_width_strings(uuid_bytes(rng, len(ir))),
                "anonymous_id": np.array([r[0] for r in ir], dtype=object),
                "user_id": np.array([r[1] for r in ir], dtype=object),
                "email": np.array([r[2] for r in ir], dtype=object),
                "name": np.array([r[3] for r in ir], dtype=object),
                "title": np.array([r[4] for r in ir], dtype=object),
                "company": np.array([r[5] for r in ir], dtype=object),
                "timestamp": i_ts[i_keep],
                "received_at": np.minimum(i_ts[i_keep] + 300_000, i_loads[i_keep]),
                "uuid_ts": i_loads[i_keep],
            },
            len(ir),
        )
        s_ts = np.array([r[2] for r in sub_rows], dtype=np.int64)
        s_late = np.array([r[4] for r in sub_rows], dtype=bool)
        s_loads, s_keep = self._loaded("hubspot.contact_form_submission", s_ts, s_late)
        sr = [sub_rows[k] for k in s_keep]
        pages = np.array([r[3] for r in sr], dtype=np.int64)
        out["hubspot.contact_form_submission"] = make_table(
            "hubspot.contact_form_submission",
            {
                "conversion_id": fixed_width_strings(uuid_bytes(rng, len(sr))),
                "contact_id": np.array([r[0] for r in sr], dtype=np.int64),
                "form_id": np.array([r[1] for r in sr], dtype=object),
                "timestamp": s_ts[s_keep],
                "page_url": take_strings([vocab.OUR_SITE + p for p in PAGE_PATH], pages),
                "page_id": take_strings([str(30_000_000_000 + i * 101) for i in range(len(PAGE_PATH))], pages),
                "title": take_strings(PAGE_TITLE, pages),
                "portal_id": np.full(len(sr), vocab.HUBSPOT_PORTAL_ID, dtype=np.int64),
                "_fivetran_synced": s_loads[s_keep],
            },
            len(sr),
        )
        return out

    # --- Salesforce ---------------------------------------------------------------------------------------------
    def campaign_members(self) -> pa.Table:
        """Registrations for the newest webinar campaign by existing leads."""
        con, _rng = self.con, self.rng
        n = self._daily("salesforce.campaign_member")
        campaign = con.execute(
            "SELECT id FROM salesforce.campaign WHERE type = 'Webinar' ORDER BY end_date DESC, id LIMIT 1"
        ).fetchone()
        leads = [
            r[0]
            for r in con.execute(
                f"""SELECT DISTINCT id FROM salesforce.lead WHERE id IS NOT NULL AND NOT is_deleted AND NOT is_converted
                ORDER BY hash(id, '{self.salt}') LIMIT {n}"""
            ).fetchall()
        ]
        if campaign is None or not leads:
            return make_table("salesforce.campaign_member", {}, 0)
        ts, late = self._times(len(leads))
        loads = self._loads(ts, late)
        keep = np.flatnonzero(ts < loads)
        seq = (20_000 + self.day % 10_000) * CHUNK_ID_SPACE + np.arange(len(keep), dtype=np.int64)
        return make_table(
            "salesforce.campaign_member",
            {
                "id": np.asarray(salesforce_id_list("campaign_member", seq), dtype=object),
                "campaign_id": np.full(len(keep), campaign[0], dtype=object),
                "lead_id": np.array(leads, dtype=object)[keep],
                "contact_id": None,
                "status": np.full(len(keep), "Registered", dtype=object),
                "has_responded": np.zeros(len(keep), dtype=bool),
                "first_responded_date": None,
                "created_date": ts[keep],
                "is_deleted": np.zeros(len(keep), dtype=bool),
                "_fivetran_synced": loads[keep],
            },
            len(keep),
        )

    # --- re-syncs -----------------------------------------------------------------------------------------------
    def resync(self, writer: RawWriter) -> dict[str, int]:
        """Re-deliver a few existing rows (their latest version) with a load time on the new day."""
        counts: dict[str, int] = {}
        plan = {
            "hubspot.email_event": None,
            "segment.pages": None,
            "salesforce.lead": 3,
            "salesforce.contact": 3,
            "salesforce.opportunity": 2,
            "salesforce.task": 3,
        }
        for name, fixed in plan.items():
            load = LOAD_COLUMN[name]
            event = EVENT_COLUMN.get(name)
            n = fixed if fixed is not None else max(1, int(self._daily(name) * RESYNC_SHARE))
            cols = ", ".join(f'"{c}"' for c, _ in TABLES[name])
            recent = f'AND "{event}" < make_timestamp({self.day_start})' if event else ""
            alive = "AND NOT is_deleted" if "is_deleted" in {c for c, _ in TABLES[name]} else ""
            new_load = (
                f"make_timestamp({self.day_start} + (hash(id, '{self.salt}', 'load') % {20 * HOUR})::BIGINT + {HOUR})"
            )
            before = _scalar(writer.con, f"SELECT count(*) FROM {_q(name)}")
            writer.con.execute(
                f"""INSERT INTO {_q(name)} ({cols})
                    WITH latest AS (
                        SELECT *, row_number() OVER (PARTITION BY id ORDER BY "{load}" DESC) AS rk FROM {_q(name)}
                        WHERE id IS NOT NULL {alive} {recent}
                          AND "{load}" >= make_timestamp({self.day_start - 30 * DAY})
                    )
                    SELECT {cols.replace(f'"{load}"', f'{new_load} AS "{load}"')} FROM latest WHERE rk = 1
                    ORDER BY hash(id, '{self.salt}') LIMIT {n}"""
            )
            after = _scalar(writer.con, f"SELECT count(*) FROM {_q(name)}")
            counts[name] = int(after - before)
        return counts
