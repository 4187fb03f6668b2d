"""Payment channels at central (banks, marketplaces, the post office,
aggregators): registering them, checking their signed requests, and the
host-to-host inquiry / payment / reversal they call (docs/channels.md).

A channel pays what the inquiry offered: the customer's oldest open bills, with
fines as of central's today, to the Rupiah. Its own reference is the
idempotency key: the same request again gets the same answer, other content
under a used reference is refused. Every refusal is a `ChannelError` with a
documented code, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, bindparam, exists, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.central.store import queue_publish
from counter.errors import InvalidInput, NotFound
from counter.models import (
    Bill, Channel, ChannelPayment, ChannelPaymentLine, ChannelSettlement, Customer, InstalmentPlan, Office,
    TariffGroup,
)
from counter.rules.fines import FineSchemes, fine_for
from counter.rules.stamp_duty import StampDutyRule, stamp_duty
from counter.rules.text import key
from counter.services.billing import fine_schemes, stamp_rule
from counter.services.plan_state import customer_standing

REPLAY_WINDOW_S = 300  # a signed request older or newer than this (by central's clock) is refused
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,23}$")
REFERENCE = re.compile(r"^[A-Za-z0-9_./:-]{1,64}$")
MAX_PERIODS = 120
RULES_FOR_S = 30.0  # a day's fine scheme and stamp duty rule, once read, serve that day's requests this long


class ChannelError(Exception):
    """A refused channel request: `code` (docs/channels.md) and the HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400, **detail: object) -> None:
        super().__init__(message)
        self.code, self.status, self.detail = code, status, detail

    def answer(self) -> dict:
        return {"code": self.code, "message": str(self), **self.detail}


@dataclass(frozen=True)
class Caller:
    """A channel as central knows it from a correctly signed request."""

    id: int
    code: str
    offices: frozenset[str]  # empty: every office


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---- registering ------------------------------------------------------------------------


def add_channel(engine: Engine, code: str, name: str, offices: list[str] | None = None) -> dict:
    """Register a channel; the answer holds its signing key, shown this once."""
    code = (code or "").strip().upper()
    if not CODE.match(code):
        raise InvalidInput("Kode kanal 2-24 huruf besar, angka, '-' atau '_' (mis. BANK-NTT).")
    name = " ".join((name or "").split())
    if not 0 < len(name) <= 120:
        raise InvalidInput("Sebutkan nama kanal (--name), paling panjang 120 huruf.")
    offices = sorted({o.strip().upper() for o in offices or [] if o.strip()})
    with Session(engine) as session, session.begin():
        known = set(session.scalars(select(Office.code).where(Office.code.in_(offices))))
        if set(offices) - known:
            raise NotFound(f"Kantor tidak dikenal di pusat: {', '.join(sorted(set(offices) - known))}.")
        if session.scalar(select(Channel.id).where(Channel.code == code)) is not None:
            raise InvalidInput(f"Kanal {code} sudah terdaftar; cabut dulu lalu daftarkan dengan kode lain.")
        secret = secrets.token_hex(32)
        session.add(Channel(code=code, name=name, secret=secret, offices=offices, created_at=utc_now()))
    return {"code": code, "name": name, "offices": offices, "secret": secret}


def revoke_channel(engine: Engine, code: str) -> str:
    with Session(engine) as session, session.begin():
        channel = session.scalars(select(Channel).where(Channel.code == (code or "").strip().upper())).first()
        if channel is None:
            raise NotFound(f"Kanal {code!r} tidak terdaftar.")
        if channel.revoked_at is None:
            channel.revoked_at = utc_now()
        return channel.code


def list_channels(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        return [{"code": c.code, "name": c.name, "offices": list(c.offices),
                 "state": "dicabut" if c.revoked_at else "aktif", "created_at": c.created_at}
                for c in session.scalars(select(Channel).order_by(Channel.code))]


# ---- signed requests --------------------------------------------------------------------


def signature(secret: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    """HMAC-SHA256, hex, over `timestamp`, method, path and the body's bytes, one per line."""
    message = f"{timestamp}\n{method.upper()}\n{path}\n".encode() + body
    return hmac.new(bytes.fromhex(secret), message, hashlib.sha256).hexdigest()


def signed_headers(code: str, secret: str, path: str, body: bytes, timestamp: int | None = None) -> dict:
    """The headers a channel sends with a POST of `body` to `path` (its client side)."""
    stamp = str(int(utc_now().timestamp()) if timestamp is None else timestamp)
    return {"X-Channel": code, "X-Timestamp": stamp, "X-Signature": signature(secret, stamp, "POST", path, body),
            "Content-Type": "application/json"}


@contextmanager
def _connected(bind: Engine | Connection) -> Iterator[Connection]:
    """`bind` itself if it is a connection (in the caller's transaction), else one of the engine's."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as connection:
            yield connection


def _session(bind: Engine | Connection) -> Session:
    """A session of its own on an engine; on a connection, one that joins the
    connection's transaction: the caller commits it, a failure rolls it back."""
    return Session(bind, join_transaction_mode="rollback_only")


_CHANNEL = select(Channel.id, Channel.code, Channel.secret, Channel.offices, Channel.revoked_at).where(
    Channel.code == bindparam("code"))  # built once: every request reads it


def authenticate(bind: Engine | Connection, code: str | None, timestamp: str | None, given: str | None,
                 method: str, path: str, body: bytes, now: dt.datetime | None = None) -> Caller:
    """The channel that signed this request, or ChannelError (401). The channel is
    read on every request, never cached: a revoked one is refused at once."""
    if not (code and timestamp and given):
        raise ChannelError("SIGNATURE_MISSING", "Permintaan tanpa X-Channel, X-Timestamp dan X-Signature.", 401)
    with _connected(bind) as connection:
        row = connection.execute(_CHANNEL, {"code": code[:24].upper()}).first()
    if row is None:
        raise ChannelError("CHANNEL_UNKNOWN", "Kanal tidak terdaftar di pusat.", 401)
    if row.revoked_at is not None:
        raise ChannelError("CHANNEL_REVOKED", "Kanal ini sudah dicabut.", 401)
    try:
        moment = int(timestamp)
    except ValueError:
        raise ChannelError("SIGNATURE_INVALID", "X-Timestamp harus detik Unix.", 401) from None
    expected = signature(row.secret, timestamp, method, path, body).encode()
    if not hmac.compare_digest(expected, given.lower().encode("utf-8", "replace")):  # bytes: any header text
        raise ChannelError("SIGNATURE_INVALID", "Tanda tangan permintaan tidak cocok.", 401)
    skew = moment - (now or utc_now()).timestamp()
    if abs(skew) > REPLAY_WINDOW_S:
        raise ChannelError("TIMESTAMP_STALE", f"X-Timestamp di luar jendela {REPLAY_WINDOW_S} detik "
                           f"(selisih {int(skew)} detik dengan jam pusat).", 401)
    return Caller(row.id, row.code, frozenset(row.offices or ()))


# ---- what a customer owes ---------------------------------------------------------------


def _body(raw: object, *names: str) -> dict:
    if not isinstance(raw, dict):
        raise ChannelError("BODY_INVALID", "Isi permintaan harus objek JSON.")
    unknown = set(raw) - set(names)
    if unknown:
        raise ChannelError("BODY_INVALID", f"Nama tidak dikenal: {', '.join(sorted(map(str, unknown)))[:200]}.")
    return raw


def _customer_number(body: dict) -> str:
    number = body.get("customer")
    if not isinstance(number, str) or not 0 < len(number) <= 40 or not key(number):
        raise ChannelError("BODY_INVALID", "'customer' harus nomor sambungan (teks).")
    return key(number)


@dataclass
class Owed:
    customer: object  # the customer's row
    office: str
    on: dt.date
    bills: list[dict]  # open bills, oldest first, with today's fine
    subtotal: int
    stamp_duty: int
    rule: StampDutyRule  # the day's, for the duty on part of the bills

    @property
    def total(self) -> int:
        return self.subtotal + self.stamp_duty

    def answer(self) -> dict:
        c = self.customer
        return {"customer": {"number": c.number, "name": c.name, "address": c.address, "office": self.office},
                "date": self.on.isoformat(), "bills": self.bills, "subtotal": self.subtotal,
                "stamp_duty": self.stamp_duty, "total": self.total}


_rules: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> {day: (read at, schemes, rule)}
_rules_lock = threading.Lock()


def _rules_on(session: Session, on: dt.date) -> tuple[FineSchemes, StampDutyRule]:
    """The fine schemes (general and the tariff groups' own) and stamp duty rule in
    force on `on`, read again once the last reading of that day's (in this
    process, of this database) is RULES_FOR_S old."""
    engine, now = session.get_bind().engine, time.monotonic()
    with _rules_lock:
        known = _rules.get(engine, {}).get(on)
    if known is not None and now - known[0] < RULES_FOR_S:
        return known[1], known[2]
    schemes, rule = fine_schemes(session, on), stamp_rule(session, on)
    with _rules_lock:
        days = {day: k for day, k in _rules.get(engine, {}).items() if now - k[0] < RULES_FOR_S}
        days[on] = (now, schemes, rule)
        _rules[engine] = days
    return schemes, rule


# The statements every inquiry and payment makes, built once: SQLAlchemy then
# finds them compiled without working out their cache keys again each time.
_bill, _payment = Bill.__table__, ChannelPayment.__table__
_CUSTOMER = (
    select(Customer.id, Customer.number, Customer.name, Customer.address, Customer.fine_exempt, Customer.office_id,
           Customer.tariff_group_id, Office.code.label("office"), TariffGroup.fine_exempt.label("group_exempt"),
           exists().where(InstalmentPlan.customer_id == Customer.id, InstalmentPlan.status == "active")
           .label("has_plan"))
    .join(Office, Office.id == Customer.office_id).join(TariffGroup, TariffGroup.id == Customer.tariff_group_id)
    .where(Customer.number_key == bindparam("number")))
_OPEN_BILLS = (select(_bill.c.id, _bill.c.period, _bill.c.due_date, _bill.c.water_charge, _bill.c.standing_charge,
                      _bill.c.meter_fee, _bill.c.admin_fee)
               .where(_bill.c.customer_id == bindparam("customer"), _bill.c.status == "unpaid")
               .order_by(_bill.c.period))
_OPEN_BILLS_LOCKED = _OPEN_BILLS.with_for_update()
_BY_REFERENCE = select(_payment).where(_payment.c.channel_id == bindparam("channel"),
                                       _payment.c.reference == bindparam("reference"))
_ADD_PAYMENT = insert(_payment)
_ADD_LINES = insert(ChannelPaymentLine.__table__)
_MARK_PAID = (update(_bill).where(_bill.c.id.in_(bindparam("ids", expanding=True)))
              .values(status="paid", payment_id=bindparam("payment")))
_LINE_AMOUNTS = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine", "amount")
# On PostgreSQL the four writes of a payment go as one statement: one round
# trip instead of four, most of a payment's time under load.
_RECORD_PAYMENT = text("""
WITH p AS (
    INSERT INTO channel_payment (id, channel_id, reference, request_hash, office_id, customer_id, paid_at,
                                 business_date, subtotal, stamp_duty, total, status, reversed_at, source)
    VALUES (:id, :channel_id, :reference, :request_hash, :office_id, :customer_id, :paid_at, :business_date,
            :subtotal, :stamp_duty, :total, :status, :reversed_at, :source)
    RETURNING id),
l AS (
    INSERT INTO channel_payment_line (payment_id, seq, bill_id, period, water_charge, standing_charge, meter_fee,
                                      admin_fee, fine, amount)
    SELECT p.id, x.* FROM p, unnest(CAST(:seq AS int[]), CAST(:bill_id AS bigint[]), CAST(:period AS int[]),
        CAST(:water_charge AS bigint[]), CAST(:standing_charge AS bigint[]), CAST(:meter_fee AS bigint[]),
        CAST(:admin_fee AS bigint[]), CAST(:fine AS bigint[]), CAST(:amount AS bigint[])) AS x),
b AS (
    UPDATE bill SET status = 'paid', payment_id = (SELECT id FROM p) WHERE id = ANY(CAST(:bill_id AS bigint[]))
    RETURNING id)
INSERT INTO publish_queue (bill_id) SELECT id FROM b ON CONFLICT DO NOTHING""")


def _record_payment(session: Session, payment: dict, bills: list[dict]) -> None:
    """The payment, its lines, its bills marked paid and queued for the counters.
    A reference used meanwhile raises IntegrityError (see `pay`)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_RECORD_PAYMENT, {
            **payment, "seq": list(range(1, len(bills) + 1)),
            **{c: [b[c] for b in bills] for c in ("bill_id", "period", *_LINE_AMOUNTS)}})
        return
    connection.execute(_ADD_PAYMENT, payment)
    connection.execute(_ADD_LINES, [{"payment_id": payment["id"], "seq": n, "bill_id": b["bill_id"],
                                     "period": b["period"], **{c: b[c] for c in _LINE_AMOUNTS}}
                                    for n, b in enumerate(bills, 1)])
    bill_ids = [b["bill_id"] for b in bills]
    connection.execute(_MARK_PAID, {"ids": bill_ids, "payment": payment["id"]})
    queue_publish(session, bill_ids)


def customer_owed(session: Session, channel: Caller, number: str, on: dt.date, lock: bool = False) -> Owed:
    """The customer's open bills as a channel may pay them on `on`; with `lock`,
    the bills stay locked until the transaction ends (no one else pays them)."""
    connection = session.connection()
    row = connection.execute(_CUSTOMER, {"number": number}).first()
    if row is None:
        raise ChannelError("CUSTOMER_UNKNOWN", f"Pelanggan {number} tidak dikenal.", 404)
    if channel.offices and row.office not in channel.offices:
        raise ChannelError("OFFICE_NOT_SERVED", f"Pelanggan {row.number} bukan pelanggan kantor yang dilayani "
                           "kanal ini.", 403)
    found = connection.execute(_OPEN_BILLS_LOCKED if lock else _OPEN_BILLS, {"customer": row.id}).all()
    plan = customer_standing(session, row.id, on) if found and row.has_plan else None
    outside = plan.held_bill_ids.union(plan.settled_bill_ids) if plan else frozenset()
    schemes, rule = _rules_on(session, on)
    scheme = schemes.of(row.tariff_group_id)
    exempt = row.fine_exempt or row.group_exempt
    bills = []
    for b in found:
        if b.id in outside:
            continue
        principal = b.water_charge + b.standing_charge + b.meter_fee + b.admin_fee
        fine = fine_for(principal, b.due_date, on, scheme, exempt=exempt)
        bills.append({"period": b.period, "water_charge": b.water_charge, "standing_charge": b.standing_charge,
                      "meter_fee": b.meter_fee, "admin_fee": b.admin_fee, "fine": fine,
                      "amount": principal + fine, "due_date": b.due_date.isoformat(), "bill_id": b.id})
    subtotal = sum(b["amount"] for b in bills)
    return Owed(row, row.office, on, bills, subtotal, stamp_duty(subtotal, rule), rule)


def _public(bills: list[dict]) -> list[dict]:
    return [{k: v for k, v in b.items() if k != "bill_id"} for b in bills]


def inquiry(bind: Engine | Connection, channel: Caller, raw: object, zone: ZoneInfo) -> dict:
    """The customer's name and open bills, oldest first, with fines as of today
    and the total to pay. `bind`, here as in `pay` and `reverse`: an engine, or
    a connection whose transaction the caller commits (the API's, which checked
    the request's signature in it)."""
    number = _customer_number(_body(raw, "customer"))
    with _session(bind) as session:
        owed = customer_owed(session, channel, number, utc_now().astimezone(zone).date())
    answer = owed.answer()
    answer["bills"] = _public(owed.bills)
    return answer


# ---- payment ----------------------------------------------------------------------------


def _payment_request(raw: object) -> tuple[str, str, list[int], int, str]:
    """reference, customer key, periods, amount and the request's fingerprint."""
    body = _body(raw, "reference", "customer", "periods", "amount")
    reference = body.get("reference")
    if not isinstance(reference, str) or not REFERENCE.match(reference):
        raise ChannelError("BODY_INVALID", "'reference' harus 1-64 huruf, angka atau _ . / : -.")
    number = _customer_number(body)
    periods = body.get("periods")
    if (not isinstance(periods, list) or not 0 < len(periods) <= MAX_PERIODS
            or not all(isinstance(p, int) and not isinstance(p, bool) and 190001 <= p <= 999912 for p in periods)
            or len(set(periods)) != len(periods)):
        raise ChannelError("BODY_INVALID", "'periods' harus daftar bulan rekening (yyyymm) tanpa ulangan.")
    amount = body.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount < 2**62:
        raise ChannelError("BODY_INVALID", "'amount' harus Rupiah bulat positif.")
    fingerprint = hashlib.sha256(json.dumps([number, sorted(periods), amount]).encode()).hexdigest()
    return reference, number, sorted(periods), amount, fingerprint


def _paid_answer(session: Session, payment) -> dict:  # noqa: ANN001 - a ChannelPayment or its row
    """What central answered for a payment, the same every time it is asked."""
    number = session.scalar(select(Customer.number).where(Customer.id == payment.customer_id))
    periods = list(session.scalars(select(ChannelPaymentLine.period).where(
        ChannelPaymentLine.payment_id == payment.id).order_by(ChannelPaymentLine.seq)))
    return {"status": "paid" if payment.status == "completed" else payment.status,
            "reference": payment.reference, "payment_id": str(payment.id), "customer": number,
            "periods": periods, "subtotal": payment.subtotal, "stamp_duty": payment.stamp_duty,
            "total": payment.total, "paid_at": payment.paid_at.isoformat(),
            "business_date": payment.business_date.isoformat()}


def _known(session: Session, channel: Caller, reference: str, fingerprint: str) -> dict | None:
    payment = session.connection().execute(_BY_REFERENCE, {"channel": channel.id, "reference": reference}).first()
    if payment is None:
        return None
    if payment.request_hash != fingerprint:
        raise ChannelError("REFERENCE_REUSED", f"Referensi {reference} sudah dipakai untuk pembayaran lain.", 409)
    return _paid_answer(session, payment)


def pay(bind: Engine | Connection, channel: Caller, raw: object, zone: ZoneInfo, *, source: str = "api",
        on: dt.date | None = None) -> dict:
    """Pay the oldest open bills the channel names, for exactly central's amount.
    `on` (a settlement file's day) prices fines as of that day instead of today."""
    request = _payment_request(raw)
    try:
        return _pay(bind, channel, request, zone, source, on)
    except IntegrityError:  # the same reference, committed meanwhile by an overlapping request
        with _session(bind) as session:
            known = _known(session, channel, request[0], request[4])
        if known is None:
            raise
        return known


def _pay(bind: Engine | Connection, channel: Caller, request: tuple, zone: ZoneInfo, source: str,
         on: dt.date | None) -> dict:
    reference, number, periods, amount, fingerprint = request
    now = utc_now()
    on = on or now.astimezone(zone).date()
    with _session(bind) as session, session.begin():
        # A retry finds its bills paid (or, after a reversal, its reference
        # taken): both lead to `_known`, so a first request pays without asking.
        owed = customer_owed(session, channel, number, on, lock=True)
        offered = [b["period"] for b in owed.bills]
        bills = owed.bills[:len(periods)]
        subtotal = sum(b["amount"] for b in bills)
        duty = stamp_duty(subtotal, owed.rule)
        if not offered or periods != offered[:len(periods)] or amount != subtotal + duty:
            # an overlapping request with this reference may have paid while we waited for the bills
            known = _known(session, channel, reference, fingerprint)
            if known is not None:
                return known
        if not offered:
            raise ChannelError("NOTHING_TO_PAY", f"Pelanggan {owed.customer.number} tidak punya tagihan terbuka.",
                               409)
        if periods != offered[:len(periods)]:
            raise ChannelError("BILLS_NOT_OFFERED", "Bulan yang dibayar harus rekening terbuka tertua lebih dulu, "
                               "seperti jawaban inquiry.", 409, offered=offered)
        if amount != subtotal + duty:
            raise ChannelError("AMOUNT_MISMATCH", f"Jumlah {amount} tidak sama dengan tagihan pusat "
                               f"{subtotal + duty}.", 409, central_amount=subtotal + duty)
        payment_id = uuid7()
        _record_payment(session, dict(
            id=payment_id, channel_id=channel.id, reference=reference, request_hash=fingerprint,
            office_id=owed.customer.office_id,
            customer_id=owed.customer.id, paid_at=now, business_date=on, subtotal=subtotal, stamp_duty=duty,
            total=subtotal + duty, status="completed", reversed_at=None, source=source), bills)
    return {"status": "paid", "reference": reference, "payment_id": str(payment_id),
            "customer": owed.customer.number, "periods": periods, "subtotal": subtotal, "stamp_duty": duty,
            "total": subtotal + duty, "paid_at": now.isoformat(), "business_date": on.isoformat()}


# ---- reversal ---------------------------------------------------------------------------


def reverse(bind: Engine | Connection, channel: Caller, raw: object, zone: ZoneInfo) -> dict:
    """Undo a payment of this channel made today, before its day is settled."""
    reference = _body(raw, "reference").get("reference")
    if not isinstance(reference, str) or not REFERENCE.match(reference):
        raise ChannelError("BODY_INVALID", "'reference' harus 1-64 huruf, angka atau _ . / : -.")
    now = utc_now()
    with _session(bind) as session, session.begin():
        payment = session.scalars(select(ChannelPayment).where(
            ChannelPayment.channel_id == channel.id, ChannelPayment.reference == reference)
            .with_for_update()).first()
        if payment is None:
            raise ChannelError("PAYMENT_UNKNOWN", f"Tidak ada pembayaran kanal ini dengan referensi {reference}.",
                               404)
        if payment.status == "reversed":
            return _paid_answer(session, payment)
        if payment.business_date != now.astimezone(zone).date():
            raise ChannelError("REVERSAL_TOO_LATE", "Pembatalan hanya pada hari yang sama dengan pembayaran.", 409)
        if session.get(ChannelSettlement, (channel.id, payment.business_date)) is not None:
            raise ChannelError("ALREADY_SETTLED", "Hari pembayaran ini sudah direkonsiliasi (settlement).", 409)
        bill_ids = list(session.scalars(select(ChannelPaymentLine.bill_id).where(
            ChannelPaymentLine.payment_id == payment.id)))
        session.execute(update(Bill.__table__).where(Bill.__table__.c.id.in_(bill_ids),
                                                     Bill.__table__.c.payment_id == payment.id)
                        .values(status="unpaid", payment_id=None))
        queue_publish(session, bill_ids)
        payment.status, payment.reversed_at = "reversed", now
        session.flush()
        return _paid_answer(session, payment)
