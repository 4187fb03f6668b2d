"""The central applier: takes counters' events from the inbox, checks them and
applies them to the authoritative tables, and records each event's outcome.

An event is applied at most once: the inbox keys events by the counter's id,
a payment is keyed by its own id, and several appliers share the work with
`FOR UPDATE SKIP LOCKED` (PostgreSQL). A bad event is rejected with a reason
and does not hold up the ones behind it. Money already taken is never refused
for being late or clashing: it is recorded, and any clash becomes a conflict
(and customer credit) for a supervisor.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from counter.models import (
    Bill, Conflict, Counter, Customer, CustomerCredit, InboxEvent, Office, Payment, PaymentLine, User,
)
from counter.rules.fines import fine_for
from counter.rules.stamp_duty import stamp_duty
from counter.rules.text import key
from counter.services.billing import fine_scheme, stamp_rule
from counter.sync.central import next_change

LINE_COMPONENTS = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine")
CLOCK_TOLERANCE = dt.timedelta(days=1)


class Rejected(Exception):
    """The event cannot be applied as it is; the reason is kept for the counter."""


@dataclass
class Outcome:
    status: str  # applied | duplicate | conflict | rejected
    reason: str = ""
    conflicts: list[Conflict] = field(default_factory=list)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _int(data: dict, name: str, minimum: int = 0) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise Rejected(f"nilai {name!r} tidak sah: {value!r}")
    return value


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise Rejected(f"nilai {name!r} tidak sah: {value!r}")
    return value


def _checked_payment(payload: object) -> dict:
    """The payment event's figures, consistent among themselves, or Rejected."""
    if not isinstance(payload, dict):
        raise Rejected("isi peristiwa bukan objek")
    p = dict(payload)
    for name in ("payment_id", "receipt_no", "customer", "cashier", "method", "paid_at", "business_date"):
        _text(p, name)
    try:
        p["payment_id"] = uuid.UUID(p["payment_id"])
        p["paid_at"] = dt.datetime.fromisoformat(p["paid_at"])
        p["business_date"] = dt.date.fromisoformat(p["business_date"])
    except ValueError as error:
        raise Rejected(f"format tidak sah: {error}") from None
    if p["paid_at"].tzinfo is None:
        raise Rejected("waktu bayar tanpa zona waktu")
    lines = p.get("lines")
    if not isinstance(lines, list) or not lines:
        raise Rejected("pembayaran tanpa baris rekening")
    for line in lines:
        if not isinstance(line, dict):
            raise Rejected("baris rekening tidak sah")
        _int(line, "period", 190001)
        if sum(_int(line, c) for c in LINE_COMPONENTS) != _int(line, "amount"):
            raise Rejected(f"baris {line['period']}: jumlah tidak sama dengan komponennya")
    subtotal, duty, total = _int(p, "subtotal"), _int(p, "stamp_duty"), _int(p, "total")
    if subtotal != sum(line["amount"] for line in lines) or total != subtotal + duty:
        raise Rejected("total tidak sama dengan jumlah baris dan meterai")
    if _int(p, "tendered") - total != _int(p, "change"):
        raise Rejected("kembalian tidak sama dengan uang diterima dikurangi total")
    return p


def apply_payment(session: Session, event: InboxEvent) -> Outcome:
    p = _checked_payment(event.payload)
    if (p.get("office"), p.get("counter")) != (event.office, event.counter):
        raise Rejected("kantor/loket dalam isi tidak sama dengan pengirim")
    counter = session.execute(
        select(Counter.id, Office.id).join(Office, Office.id == Counter.office_id)
        .where(Office.code == event.office, Counter.code == event.counter)
    ).first()
    if counter is None:
        raise Rejected(f"loket {event.office}-{event.counter} tidak dikenal")
    if session.get(Payment, p["payment_id"]) is not None:
        return Outcome("duplicate", "pembayaran ini sudah tercatat")
    customer = session.scalars(select(Customer).where(Customer.number_key == key(p["customer"]))).first()
    if customer is None:
        raise Rejected(f"pelanggan {p['customer']!r} tidak dikenal")
    cashier = session.scalar(select(User.id).where(User.username == p["cashier"]))
    if cashier is None:
        raise Rejected(f"kasir {p['cashier']!r} tidak dikenal")
    periods = [line["period"] for line in p["lines"]]
    bills = {b.period: b for b in session.scalars(
        select(Bill).where(Bill.customer_id == customer.id, Bill.period.in_(periods)).with_for_update()
    )}
    missing = [period for period in periods if period not in bills]
    if missing:
        raise Rejected(f"rekening {missing[0]} pelanggan {customer.number} tidak ada di pusat")

    on = p["business_date"]
    scheme = fine_scheme(session, on)
    exempt = customer.fine_exempt or customer.tariff_group.fine_exempt
    now = utc_now()
    conflicts: list[Conflict] = []

    def conflict(kind: str, amount: int, **detail: object) -> None:
        conflicts.append(Conflict(payment_id=p["payment_id"], customer_id=customer.id, kind=kind,
                                  amount=amount, detail=detail, status="open", created_at=now))

    surplus = 0
    for line in p["lines"]:
        bill = bills[line["period"]]
        if bill.status == "paid":  # paid elsewhere meanwhile: the money is kept as credit
            surplus += line["amount"]
            conflict("bill_already_paid", line["amount"], period=bill.period,
                     paid_by=str(bill.payment_id) if bill.payment_id else "channel lain")
            continue
        expected = bill.principal + fine_for(bill.principal, bill.due_date, on, scheme, exempt=exempt)
        if expected != line["amount"]:
            conflict("amount_mismatch", line["amount"] - expected, period=bill.period,
                     counter_amount=line["amount"], central_amount=expected)
        bill.status, bill.payment_id, bill.change_seq = "paid", p["payment_id"], next_change(session)
    expected_duty = stamp_duty(p["subtotal"], stamp_rule(session, on))
    if expected_duty != p["stamp_duty"]:
        conflict("amount_mismatch", p["stamp_duty"] - expected_duty, component="stamp_duty")
    if on > now.date() + CLOCK_TOLERANCE:
        conflict("clock", 0, business_date=on.isoformat(), received_at=now.isoformat())

    session.execute(insert(Payment.__table__), dict(
        id=p["payment_id"], receipt_no=p["receipt_no"], office_id=counter[1], counter_id=counter[0],
        cashier_id=cashier, customer_id=customer.id, paid_at=p["paid_at"], business_date=on,
        method=p["method"], subtotal=p["subtotal"], stamp_duty=p["stamp_duty"], total=p["total"],
        tendered=p["tendered"], change=p["change"], reference=p.get("reference") or "", status="completed",
    ))
    session.execute(insert(PaymentLine.__table__), [
        dict(payment_id=p["payment_id"], seq=n, kind="bill", bill_id=bills[line["period"]].id,
             period=line["period"], amount=line["amount"], **{c: line[c] for c in LINE_COMPONENTS})
        for n, line in enumerate(p["lines"], 1)
    ])
    if surplus:
        session.add(CustomerCredit(customer_id=customer.id, payment_id=p["payment_id"], amount=surplus,
                                   reason="rekening sudah lunas di tempat lain", created_at=now))
    session.add_all(conflicts)
    if conflicts:
        return Outcome("conflict", "; ".join(sorted({c.kind for c in conflicts})), conflicts)
    return Outcome("applied")


APPLIERS: dict[str, Callable[[Session, InboxEvent], Outcome]] = {"payment.created": apply_payment}


def apply_event(session: Session, event: InboxEvent) -> Outcome:
    """Apply one event inside a savepoint: a rejected or failing event leaves no trace
    but its outcome."""
    handler = APPLIERS.get(event.kind)
    if handler is None:
        return Outcome("rejected", f"jenis peristiwa tidak dikenal: {event.kind!r}")
    try:
        with session.begin_nested():
            return handler(session, event)
    except Rejected as error:
        return Outcome("rejected", str(error)[:400])


def apply_pending(engine: Engine, limit: int = 500) -> dict[str, int]:
    """Apply up to `limit` pending events in one transaction; returns counts by outcome."""
    counts: dict[str, int] = {}
    with Session(engine) as session, session.begin():
        events = session.scalars(
            select(InboxEvent).where(InboxEvent.status == "pending")
            .order_by(InboxEvent.received_at, InboxEvent.id).limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        for event in events:
            outcome = apply_event(session, event)
            event.status, event.reason, event.processed_at = outcome.status, outcome.reason, utc_now()
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts


def pending_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "pending"))
