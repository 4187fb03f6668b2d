"""What central does for a counter, one function per request. The HTTP API
(`central.api`) and the embedded demo central (`central.embedded`) both call
these, so a counter meets the same rules either way.

Every function takes the `Caller` that central derived from the device key,
never from what the counter sent: a counter sees and writes only its own
office. Answers are plain JSON values (rows encoded by `models.replication`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, func, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter.central.credit_ledger import credit_payments
from counter.central.store import reading
from counter.errors import InvalidInput, NotFound
from counter.models import (
    AuditRecord, Bill, Conflict, Counter, Customer, CustomerCredit, DayClosing, InboxEvent, InstalmentPlan, Office,
    Payment, User,
)
from counter.models.replication import AUDIT_FIELDS, BY_NAME, REPLICATED, decode_row, encode_row
from counter.rules.audit_chain import GENESIS, digest
from counter.rules.text import key

MAX_EVENTS = 500  # per push request
MAX_PAGE = 5_000  # rows per pull answer
MAX_IDS = 1_000  # ids per outcome question
MAX_PAYLOAD = 64 * 1024  # characters of one event's JSON payload
MAX_AUDIT = 1_000  # audit records per request
KIND_LENGTH = 40
BIGINT = 2**63  # PostgreSQL's BIGINT holds -BIGINT .. BIGINT - 1


@dataclass(frozen=True)
class Caller:
    """A counter as central knows it from its device key."""

    office_id: int
    office_code: str
    counter_id: int
    counter_code: str


class ChainRefused(InvalidInput):
    """An audit record that does not continue central's copy of the chain."""


def caller_for(engine: Engine, office_code: str, counter_code: str) -> Caller:
    """The caller for a counter named by its codes (the embedded central, tools)."""
    with Session(engine) as session:
        row = session.execute(
            select(Office.id, Office.code, Counter.id, Counter.code).join(Counter, Counter.office_id == Office.id)
            .where(Office.code == office_code, Counter.code == counter_code)).first()
    if row is None:
        raise NotFound(f"Loket {office_code}-{counter_code} tidak terdaftar di pusat.")
    return Caller(*row)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _whole(value: object) -> bool:
    """A whole number (not a truth value) a BIGINT column holds."""
    return isinstance(value, int) and not isinstance(value, bool) and -BIGINT <= value < BIGINT


def _aware(value: object) -> dt.datetime:
    """An ISO 8601 time with its zone that UTC can express, or ValueError."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        raise ValueError("not an aware time")
    try:
        moment.astimezone(dt.timezone.utc)
    except OverflowError:
        raise ValueError("beyond UTC's range") from None
    return moment


# ---- push -------------------------------------------------------------------------------


def _event_row(caller: Caller, event: object, now: dt.datetime) -> dict:
    """An inbox row for one pushed event, or InvalidInput saying what is wrong with it.
    Office and counter come from the caller; the status is always pending."""
    if not isinstance(event, dict):
        raise InvalidInput("peristiwa bukan objek")
    try:
        event_id = uuid.UUID(str(event.get("id")))
    except ValueError:
        raise InvalidInput(f"id peristiwa tidak sah: {str(event.get('id'))[:60]!r}") from None
    kind, payload, created = event.get("kind"), event.get("payload"), event.get("created_at")
    if not isinstance(kind, str) or not 0 < len(kind) <= KIND_LENGTH or not kind.isprintable():
        raise InvalidInput("jenis peristiwa tidak sah")
    if not isinstance(payload, dict):
        raise InvalidInput("isi peristiwa bukan objek")
    if len(str(payload)) > MAX_PAYLOAD:
        raise InvalidInput("isi peristiwa terlalu besar")
    try:
        created_at = _aware(created)
    except ValueError:
        raise InvalidInput("waktu peristiwa tidak sah (ISO 8601 dengan zona waktu)") from None
    return dict(id=event_id, office=caller.office_code, counter=caller.counter_code, kind=kind, payload=payload,
                created_at=created_at, received_at=now, status="pending", reason="", processed_at=None)


def receive_events(engine: Engine, caller: Caller, events: list) -> dict:
    """Put a counter's events in the inbox, once each (a resend of an id central
    has is a no-op). Answers which were received and why others were refused."""
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise InvalidInput(f"Kirim 1-{MAX_EVENTS} peristiwa sekaligus.")
    now = utc_now()
    rows, refused = [], {}
    for event in events:
        try:
            rows.append(_event_row(caller, event, now))
        except InvalidInput as error:
            refused[str(event.get("id") if isinstance(event, dict) else "?")[:60]] = str(error)
    if rows:
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(InboxEvent.__table__).on_conflict_do_nothing(index_elements=["id"])
        with engine.begin() as connection:
            connection.execute(statement, rows)
    return {"received": [str(r["id"]) for r in rows], "refused": refused}


def outcomes(engine: Engine, caller: Caller, ids: list) -> list[dict]:
    """Central's verdicts on this counter's events that have one."""
    if not isinstance(ids, list) or len(ids) > MAX_IDS:
        raise InvalidInput(f"Tanyakan 0-{MAX_IDS} peristiwa sekaligus.")
    try:
        wanted = [uuid.UUID(str(i)) for i in ids]
    except ValueError:
        raise InvalidInput("id peristiwa tidak sah") from None
    if not wanted:
        return []
    t = InboxEvent.__table__
    with reading(engine) as connection:
        rows = connection.execute(select(t.c.id, t.c.status, t.c.reason).where(
            t.c.id.in_(wanted), t.c.status != "pending",
            t.c.office == caller.office_code, t.c.counter == caller.counter_code)).all()
    return [{"id": str(i), "status": s, "reason": r} for i, s, r in rows]


# ---- pull -------------------------------------------------------------------------------


def _mine(table, office_id: int):  # noqa: ANN001, ANN202
    """The rows of a replicated table one office's counters may have (None: all)."""
    if table.name == "office":
        return table.c.id == office_id
    if table.name in ("counter", "app_user", "customer", "instalment_plan", "day_closing", "outage"):
        return table.c.office_id == office_id
    if table.name in ("bill", "work_order"):
        return table.c.customer_id.in_(select(Customer.id).where(Customer.office_id == office_id))
    return None


def _mark(value: object, table) -> tuple[int, object, int | None] | None:  # noqa: ANN001
    """A pull mark as the counter sent it: {"seq", "id", "up_to"}."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidInput("tanda tarik tidak sah")
    seq, row, up_to = value.get("seq"), value.get("id"), value.get("up_to")
    if not _whole(seq) or not (up_to is None or _whole(up_to)):
        raise InvalidInput("tanda tarik tidak sah")
    try:
        row = uuid.UUID(str(row)) if table.c.id.type.python_type is uuid.UUID else int(row)
    except (ValueError, TypeError):
        raise InvalidInput("tanda tarik tidak sah") from None
    if not isinstance(row, uuid.UUID) and not _whole(row):
        raise InvalidInput("tanda tarik tidak sah")
    return seq, row, up_to


def _latest(connection) -> dict[str, int]:  # noqa: ANN001
    """Each replicated table's last change number, in one round trip."""
    parts = [select(func.coalesce(func.max(m.__table__.c.change_seq), -1)).scalar_subquery().label(m.__tablename__)
             for m in REPLICATED]
    return dict(connection.execute(select(*parts)).mappings().one())


def last_receipts(connection, caller: Caller, days: object) -> dict[str, int]:  # noqa: ANN001
    """The highest receipt number central has from the caller's counter on each
    of `days` (ISO dates, at most 3): a counter restored from a backup or rebuilt
    continues after them instead of numbering again."""
    if not isinstance(days, list) or len(days) > 3:
        raise InvalidInput("tanggal struk tidak sah")
    try:
        wanted = [dt.date.fromisoformat(str(d)) for d in days]
    except ValueError:
        raise InvalidInput("tanggal struk tidak sah") from None
    found: dict[str, int] = {}
    for number, day in connection.execute(select(Payment.receipt_no, Payment.business_date).where(
            Payment.counter_id == caller.counter_id, Payment.business_date.in_(wanted))):
        tail = number.split("~", 1)[0].rsplit("-", 1)[-1]
        if tail.isdigit():
            found[day.isoformat()] = max(found.get(day.isoformat(), 0), int(tail))
    return found


def changes(engine: Engine, caller: Caller, marks: dict, page: int = MAX_PAGE,
            receipts_on: list | None = None) -> dict:
    """The replicated rows changed above each table's mark, in change order, at
    most `page` rows in all. A table without a mark is pulled for the first time:
    everything up to today's last change number (`up_to`), for bills only the
    unpaid ones; the counter sends `up_to` back until that first pull is done.
    With `receipts_on`, also the counter's last receipt numbers on those days."""
    if not isinstance(marks, dict) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise InvalidInput("permintaan tarik tidak sah")
    unknown = set(marks) - set(BY_NAME)
    if unknown:
        raise InvalidInput(f"tabel tidak dikenal: {sorted(unknown)[0][:40]!r}")
    budget, answer, more = page, [], False
    parsed = {model.__tablename__: _mark(marks.get(model.__tablename__), model.__table__) for model in REPLICATED}
    with reading(engine) as connection:
        receipts = last_receipts(connection, caller, receipts_on) if receipts_on is not None else None
        latest = _latest(connection)  # one query: an idle pull reads no table
        for model in REPLICATED:
            table = model.__table__
            mark = parsed[table.name]
            if mark is not None and mark[2] is None and latest[table.name] < mark[0]:
                continue  # nothing changed since the counter's mark (it asks from change seq + 1)
            first = mark is None or mark[2] is not None
            conditions = []
            mine = _mine(table, caller.office_id)
            if mine is not None:
                conditions.append(mine)
            total = None
            if mark is None:
                up_to = connection.scalar(select(func.coalesce(func.max(table.c.change_seq), 0)))
                mark = (-1, uuid.UUID(int=0) if table.c.id.type.python_type is uuid.UUID else -1, up_to)
            seq, after, up_to = mark
            if first:
                conditions.append(table.c.change_seq <= up_to)
                if model is Bill:
                    conditions.append(table.c.status == "unpaid")
                if seq < 0:
                    total = connection.scalar(select(func.count()).select_from(table).where(*conditions))
            rows = connection.execute(
                select(table).where(*conditions, tuple_(table.c.change_seq, table.c.id) > tuple_(seq, after))
                .order_by(table.c.change_seq, table.c.id).limit(budget + 1)).mappings().all()
            done = len(rows) <= budget
            rows = rows[:budget]
            budget -= len(rows)
            if rows or total is not None or not done:
                entry = {"table": table.name, "rows": [encode_row(dict(r)) for r in rows],
                         "up_to": up_to if first else None, "done": done}
                if total is not None:
                    entry["total"] = total
                answer.append(entry)
            if not done or budget == 0:
                more = True
                break
    return {"tables": answer, "more": more, **({"last_receipts": receipts} if receipts is not None else {})}


# ---- one customer ------------------------------------------------------------------------


def customer(engine: Engine, caller: Caller, number: str) -> dict:
    """One customer of the caller's office with their bills, plans, credit and
    open conflicts, read fresh (before the cashier takes their money); with the
    payments whose use of the credit is recorded (credit_ledger.credit_payments)."""
    if not isinstance(number, str) or not 0 < len(number) <= 40:
        raise InvalidInput("nomor sambungan tidak sah")
    with reading(engine) as connection:
        found = connection.execute(select(Customer.__table__).where(
            Customer.number_key == key(number), Customer.office_id == caller.office_id)).mappings().first()
        if found is None:
            return {"customer": None}
        cid = found["id"]
        bills = connection.execute(select(Bill.__table__).where(Bill.customer_id == cid)).mappings().all()
        plans = connection.execute(
            select(InstalmentPlan.__table__).where(InstalmentPlan.customer_id == cid)).mappings().all()
        credit = connection.scalar(select(func.coalesce(func.sum(CustomerCredit.amount), 0))
                                   .where(CustomerCredit.customer_id == cid))
        conflicts = connection.scalar(select(func.count()).select_from(Conflict).where(
            Conflict.customer_id == cid, Conflict.status == "open"))
        used = credit_payments(connection, cid)
    return {"customer": encode_row(dict(found)), "bills": [encode_row(dict(b)) for b in bills],
            "plans": [encode_row(dict(p)) for p in plans],
            "credit": int(credit) + sum(p["credit"] for p in plans), "open_conflicts": int(conflicts),
            "credit_payments": used}


# ---- the audit copy ----------------------------------------------------------------------


def _audit_record(caller: Caller, raw: object) -> dict:
    if not isinstance(raw, dict) or set(raw) != set(AUDIT_FIELDS):
        raise ChainRefused("catatan audit tidak lengkap")
    record = dict(raw)
    if record["chain"] != caller.counter_id:
        raise ChainRefused("rantai audit bukan milik loket ini")
    try:
        record["at"] = _aware(record["at"])
        if not (_whole(record["seq"]) and record["seq"] >= 1 and isinstance(record["action"], str)
                and isinstance(record["subject"], str) and isinstance(record["details"], dict)
                and isinstance(record["prev_hash"], str) and isinstance(record["hash"], str)
                and all(record[n] is None or _whole(record[n]) for n in ("user_id", "counter_id"))
                and len(record["action"]) <= 40 and len(record["subject"]) <= 80
                and "\x00" not in record["action"] + record["subject"]):
            raise ValueError
    except (TypeError, ValueError):
        raise ChainRefused(f"catatan audit {record.get('seq')!r} tidak sah") from None
    if record["hash"] != digest(record["prev_hash"], record["chain"], record["seq"], record["at"],
                                record["user_id"], record["counter_id"], record["action"], record["subject"],
                                record["details"]):
        raise ChainRefused(f"catatan audit {record['seq']}: hash tidak cocok dengan isinya")
    return record


def append_audit(engine: Engine, caller: Caller, records: list) -> dict:
    """Append the caller's audit records to central's copy: strictly in sequence,
    each linked to the hash central already holds. A record central has already
    is skipped if identical and refused if not (a chain rewritten at the counter)."""
    if not isinstance(records, list) or len(records) > MAX_AUDIT:
        raise InvalidInput(f"Kirim 0-{MAX_AUDIT} catatan audit sekaligus.")
    checked = [_audit_record(caller, r) for r in records]
    t = AuditRecord.__table__
    with Session(engine) as session, session.begin():
        # one writer per chain at a time: the head read below must stay the head
        session.execute(select(Counter.id).where(Counter.id == caller.counter_id).with_for_update())
        head = session.execute(select(t.c.seq, t.c.hash).where(t.c.chain == caller.counter_id)
                               .order_by(t.c.seq.desc()).limit(1)).first()
        seq, last = head if head else (0, GENESIS)
        held = {r.seq: r.hash for r in session.execute(select(t.c.seq, t.c.hash).where(
            t.c.chain == caller.counter_id, t.c.seq.in_([r["seq"] for r in checked if r["seq"] <= seq])))}
        fresh = []
        for record in checked:
            if record["seq"] <= seq:
                if held.get(record["seq"]) != record["hash"]:
                    raise ChainRefused(f"catatan audit {record['seq']} berbeda dengan salinan di pusat")
                continue
            if record["seq"] != seq + 1 or record["prev_hash"] != last:
                raise ChainRefused(f"catatan audit {record['seq']} tidak menyambung ke catatan {seq} di pusat")
            fresh.append(record)
            seq, last = record["seq"], record["hash"]
        if fresh:
            session.execute(t.insert(), fresh)
    return {"head": seq, "hash": last}


def audit_head(engine: Engine, caller: Caller) -> dict:
    t = AuditRecord.__table__
    with reading(engine) as connection:
        head = connection.execute(select(t.c.seq, t.c.hash).where(t.c.chain == caller.counter_id)
                                  .order_by(t.c.seq.desc()).limit(1)).first()
    return {"head": head[0] if head else 0, "hash": head[1] if head else GENESIS}


def audit_verify(engine: Engine, caller: Caller) -> dict:
    """Central's check of its copy of the caller's chain."""
    from counter.services.audit import verify

    checked, broken = verify(engine, caller.counter_id)
    return {"checked": checked, "broken": [{"chain": b.chain, "seq": b.seq, "reason": b.reason} for b in broken]}


# ---- the office day, conflicts, receipts ------------------------------------------------


def _zone(name: object) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"zona waktu tidak dikenal: {str(name)[:40]!r}") from None


FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(9998, 12, 31)  # business days central reports on


def _closing(caller: Caller, day: dt.date, closing: object) -> DayClosing:
    """A sign-off the counter sent with its question, checked as far as the report reads it."""
    if not isinstance(closing, dict):
        raise InvalidInput("penutupan hari tidak sah")
    try:
        values = decode_row(DayClosing.__table__, closing)
        if "closed_at" in values:
            _aware(closing["closed_at"])
    except (TypeError, ValueError, AttributeError):
        raise InvalidInput("penutupan hari tidak sah") from None
    made = DayClosing(**values)
    if made.office_id != caller.office_id or made.business_date != day:
        raise InvalidInput("penutupan hari bukan untuk kantor dan tanggal ini")
    covered = made.covered
    receipts = covered.get("receipts", {}) if isinstance(covered, dict) else None
    voids = covered.get("voids", []) if isinstance(covered, dict) else None
    if not (isinstance(made.closed_at, dt.datetime) and _whole(made.closed_by)
            and isinstance(made.override_reason or "", str)
            and isinstance(receipts, dict) and all(_whole(v) for v in receipts.values())
            and isinstance(voids, list) and all(isinstance(v, str) for v in voids)):
        raise InvalidInput("penutupan hari tidak sah")
    return made


def day_figures(engine: Engine, caller: Caller, day: dt.date, zone: str, closing: dict | None = None) -> dict:
    """The caller's office day as central knows it (services.day_report); a
    sign-off made at the counter that central has not received yet counts."""
    from counter.printing.day_figures import figures_to_json
    from counter.services.day_report import consolidate

    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(f"tanggal di luar jangkauan: {day.isoformat()}")
    made = None if closing is None else _closing(caller, day, closing)
    with Session(engine) as session:
        if made is not None:
            signer = session.execute(select(User.office_id).where(User.id == made.closed_by)).first()
            if signer is None or signer.office_id not in (None, caller.office_id):
                raise InvalidInput("penutupan hari tidak sah: penutupnya bukan pengguna kantor ini")
        return figures_to_json(consolidate(session, caller.office_code, day, _zone(zone), utc_now(), closing=made))


def conflicts(engine: Engine, caller: Caller | None, status: str = "open") -> list[dict]:
    """Conflicts of the caller's office (every office for central's operator),
    by status ("all": every status)."""
    from counter.central.conflicts import RESOLUTIONS, list_conflicts

    if status not in ("all", "open", *RESOLUTIONS.values()):
        raise InvalidInput(f"status konflik tidak dikenal: {str(status)[:16]!r}")
    found = list_conflicts(engine, status=None if status == "all" else status,
                           office_id=caller.office_id if caller else None)
    return [{**asdict(c), "created_at": c.created_at.isoformat()} for c in found]


def resolve(engine: Engine, caller: Caller | None, conflict_id: int, resolution: str, approval,  # noqa: ANN001
            note: str = "") -> None:
    from counter.central.conflicts import resolve_conflict

    if not _whole(conflict_id):
        raise NotFound(f"Konflik {str(conflict_id)[:40]} tidak ada.")
    if "\x00" in f"{approval.username}{approval.secret}{note}":
        raise InvalidInput("nama pengguna, PIN atau catatan tidak sah")
    resolve_conflict(engine, conflict_id, resolution, approval, note,
                     office_id=caller.office_id if caller else None)


def verify_receipt(engine: Engine, caller: Caller | None, code: str) -> dict:
    """Whether a receipt's QR code is genuine, by central's records of the
    caller's office (a receipt of another office is not one of ours):
    services.receipts.Verdict's fields."""
    from counter.services.receipts import Verdict, verify_receipt as verify

    if not isinstance(code, str) or len(code) > 200:
        raise InvalidInput("kode QR tidak sah")
    if caller is not None and code.split("|", 1)[0] != caller.office_code:
        return asdict(Verdict(False, "Kode QR bukan struk kantor ini."))
    with Session(engine) as session:
        return asdict(verify(session, code))
