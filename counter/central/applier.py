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
from types import SimpleNamespace

from sqlalchemy import Engine, bindparam, func, insert, select, tuple_, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from counter.models import (
    Bill, Conflict, Counter, Customer, CustomerCredit, InboxEvent, Office, Payment, PaymentLine, TariffGroup,
    User,
)
from counter.rules.payment_methods import PAYMENT_METHODS
from counter.rules.settlement import ROUNDING_UNITS, rounding_for
from counter.rules.fines import fine_for
from counter.rules.stamp_duty import stamp_duty
from counter.rules.text import key
from counter.services.billing import fine_schemes, stamp_rule
from counter.central.store import next_change, publish_queued
from counter.central.day_applier import (
    apply_day_closed, apply_deposit, apply_refund, apply_reprint, apply_shift_closed, apply_shift_opened,
)
from counter.central.charge_applier import charge_conflicts, checked_line as checked_charge
from counter.central.credit_ledger import lock_customers, use_credit
from counter.central.customer_applier import apply_customer_updated
from counter.central.outage_applier import apply_outage_opened, paper_conflicts, paper_fields
from counter.central.outcome import Outcome, Rejected, whole
from counter.central.plan_applier import (
    apply_plan_created, apply_plan_defaulted, apply_programme_saved, apply_void, apply_work_order,
    pay_terms,
)

LINE_COMPONENTS = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine")
TERM_KINDS = ("down_payment", "term")
CLOCK_TOLERANCE = dt.timedelta(days=1)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


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
    if len(p["receipt_no"]) > 40:
        raise Rejected("nomor struk terlalu panjang")
    if p["method"] not in PAYMENT_METHODS:
        raise Rejected(f"nilai 'method' tidak sah: {p['method']!r}")
    if not isinstance(p.get("reference", ""), str):
        raise Rejected(f"nilai 'reference' tidak sah: {p['reference']!r}")
    lines = p.get("lines")
    if not isinstance(lines, list) or not lines:
        raise Rejected("pembayaran tanpa baris rekening")
    for line in lines:
        if not isinstance(line, dict):
            raise Rejected("baris rekening tidak sah")
        line.setdefault("kind", "bill")
        if line["kind"] == "bill":
            whole(line, "period", 190001)
            if sum(whole(line, c) for c in LINE_COMPONENTS) != whole(line, "amount"):
                raise Rejected(f"baris {line['period']}: jumlah tidak sama dengan komponennya")
        elif line["kind"] in TERM_KINDS:
            whole(line, "term_seq"), whole(line, "amount", 1), _text(line, "plan_id")
        elif line["kind"] == "charge":
            checked_charge(line)
        else:
            raise Rejected(f"jenis baris tidak dikenal: {line['kind']!r}")
    subtotal, duty, total = whole(p, "subtotal"), whole(p, "stamp_duty"), whole(p, "total")
    rounding, unit, credit = _settlement(p)
    if subtotal != sum(line["amount"] for line in lines) or total != subtotal + duty + rounding:
        raise Rejected("total tidak sama dengan jumlah baris, meterai dan pembulatan")
    if credit > total:
        raise Rejected("kredit dipakai melebihi total")
    if rounding != (rounding_for(subtotal + duty - credit, unit) if p["method"] == "cash" else 0):
        raise Rejected(f"pembulatan {rounding} tidak sesuai aturan (satuan {unit}, hanya untuk tunai)")
    if whole(p, "tendered") - (total - credit) != whole(p, "change"):
        raise Rejected("kembalian tidak sama dengan uang diterima dikurangi yang harus dibayar")
    return p


def _settlement(p: dict) -> tuple[int, int, int]:
    """The payment's cash rounding (signed), its unit and the credit it used; an
    event from before either was recorded has none."""
    rounding = p.setdefault("rounding", 0)
    if isinstance(rounding, bool) or not isinstance(rounding, int):
        raise Rejected(f"nilai 'rounding' tidak sah: {rounding!r}")
    unit = p.setdefault("rounding_unit", 0)
    if isinstance(unit, bool) or unit not in ROUNDING_UNITS:
        raise Rejected(f"nilai 'rounding_unit' tidak sah: {unit!r}")
    p.setdefault("credit_used", 0)
    return rounding, unit, whole(p, "credit_used")


class Batch:
    """What a batch of events needs from the store, read once, with the bills it
    may touch locked; and what it writes, collected for a few bulk inserts."""

    def __init__(self, session: Session, events: list) -> None:
        self.session = session
        payloads = [e.payload for e in events if e.kind == "payment.created" and isinstance(e.payload, dict)]
        self.counters = {(o, c): (cid, oid) for cid, oid, o, c in session.execute(
            select(Counter.id, Office.id, Office.code, Counter.code).join(Office, Office.id == Counter.office_id))}
        self.cashiers = {name: (uid, office) for name, uid, office in session.execute(
            select(User.username, User.id, User.office_id))}
        numbers = {key(str(p.get("customer", ""))) for p in payloads}
        self.customers = {c.number_key: c for c in session.execute(
            select(Customer.id, Customer.number, Customer.number_key, Customer.fine_exempt, Customer.tariff_group_id,
                   Customer.office_id)
            .where(Customer.number_key.in_(numbers)))}
        self.exempt_groups = set(session.scalars(select(TariffGroup.id).where(TariffGroup.fine_exempt.is_(True))))
        lock_customers(session, {self.customers[key(str(p.get("customer")))].id for p in payloads
                                 if p.get("credit_used") and key(str(p.get("customer", ""))) in self.customers})
        pairs = {(self.customers[key(str(p.get("customer")))].id, line.get("period"))
                 for p in payloads if key(str(p.get("customer", ""))) in self.customers
                 for line in (p.get("lines") if isinstance(p.get("lines"), list) else [])
                 if isinstance(line, dict) and line.get("kind", "bill") == "bill"
                 and isinstance(line.get("period"), int)}
        t = Bill.__table__
        self.bills = {(b.customer_id, b.period): SimpleNamespace(**b) for b in session.execute(
            select(t.c.id, t.c.customer_id, t.c.period, t.c.status, t.c.payment_id, t.c.due_date,
                   (t.c.water_charge + t.c.standing_charge + t.c.meter_fee + t.c.admin_fee).label("principal"))
            .where(tuple_(t.c.customer_id, t.c.period).in_(pairs)).with_for_update()).mappings()} if pairs else {}
        wanted = []
        for p in payloads:
            try:
                wanted.append(uuid.UUID(str(p.get("payment_id"))))
            except ValueError:
                pass
        self.known_payments = set(session.scalars(select(Payment.id).where(Payment.id.in_(wanted)))) if wanted else set()
        numbers = {p.get("receipt_no") for p in payloads if isinstance(p.get("receipt_no"), str)}
        self.receipts = set(session.scalars(select(Payment.receipt_no).where(Payment.receipt_no.in_(numbers))))
        self._rules: dict[dt.date, tuple] = {}
        self.charge_rates: list | None = None  # the catalogue of other charges, read when first needed
        self._change: int | None = None
        self.payments: list[dict] = []
        self.lines: list[dict] = []
        self.paid_bills: list[dict] = []
        self.rows: list[object] = []  # credits and conflicts

    def rules(self, on: dt.date) -> tuple:
        """The fine schemes (general and every group's own) and stamp duty of day
        `on`, read once per batch and day: a group's scheme is then a look-up."""
        if on not in self._rules:
            self._rules[on] = (fine_schemes(self.session, on), stamp_rule(self.session, on))
        return self._rules[on]

    def change(self) -> int:
        """One change number for the whole batch (taken when first needed)."""
        if self._change is None:
            self._change = next_change(self.session)
        return self._change

    def write(self) -> None:
        if self.payments:
            self.session.execute(insert(Payment.__table__), self.payments)
            self.session.execute(insert(PaymentLine.__table__), self.lines)
        if self.paid_bills:
            t = Bill.__table__
            self.session.execute(
                update(t).where(t.c.id == bindparam("bill"))
                .values(status="paid", payment_id=bindparam("payment"), change_seq=bindparam("seq")),
                self.paid_bills)
        self.session.add_all(self.rows)
        self.payments, self.lines, self.paid_bills, self.rows = [], [], [], []
        self.session.flush()


def apply_payment(batch: Batch, event: InboxEvent) -> Outcome:
    p = _checked_payment(event.payload)
    if (p.get("office"), p.get("counter")) != (event.office, event.counter):
        raise Rejected("kantor/loket dalam isi tidak sama dengan pengirim")
    counter = batch.counters.get((event.office, event.counter))
    if counter is None:
        raise Rejected(f"loket {event.office}-{event.counter} tidak dikenal")
    if p["payment_id"] in batch.known_payments:
        return Outcome("duplicate", "pembayaran ini sudah tercatat")
    reused = p["receipt_no"] if p["receipt_no"] in batch.receipts else None
    if reused:  # a restored or rebuilt counter store numbered it again: keep the money, flag it
        p["receipt_no"] = f"{reused}~{p['payment_id'].hex[-6:]}"
    customer = batch.customers.get(key(p["customer"]))
    if customer is None or customer.office_id != counter[1]:  # another office's customer is not one it knows
        raise Rejected(f"pelanggan {p['customer']!r} tidak dikenal")
    cashier, cashier_office = batch.cashiers.get(p["cashier"], (None, None))
    if cashier is None or cashier_office not in (None, counter[1]):
        raise Rejected(f"kasir {p['cashier']!r} tidak dikenal")
    paper = paper_fields(batch, p, counter[1])  # a paper receipt of an outage: its number, who entered it
    bill_lines = [line for line in p["lines"] if line["kind"] == "bill"]
    term_lines = [line for line in p["lines"] if line["kind"] in TERM_KINDS]
    bills = {line["period"]: batch.bills.get((customer.id, line["period"])) for line in bill_lines}
    missing = [period for period, bill in bills.items() if bill is None]
    if missing:
        raise Rejected(f"rekening {missing[0]} pelanggan {customer.number} tidak ada di pusat")

    on = p["business_date"]
    schemes, duty_rule = batch.rules(on)
    scheme = schemes.of(customer.tariff_group_id)
    exempt = customer.fine_exempt or customer.tariff_group_id in batch.exempt_groups
    now = utc_now()
    conflicts: list[Conflict] = []

    def conflict(kind: str, amount: int, **detail: object) -> None:
        conflicts.append(Conflict(payment_id=p["payment_id"], customer_id=customer.id, kind=kind,
                                  amount=amount, detail=detail, status="open", created_at=now))

    surplus = 0
    # before its terms are recorded: a plan this payment completes still gives its programme's discount
    for found in charge_conflicts(batch, customer, [line for line in p["lines"] if line["kind"] == "charge"], on):
        conflict(found["kind"], found["amount"], **found["detail"])
    for found in pay_terms(batch, p["payment_id"], p["receipt_no"], term_lines, on, customer.id):
        conflict(found["kind"], found["amount"], **found["detail"])
        if found["kind"] == "term_already_paid":
            surplus += found["amount"]
    for line in bill_lines:
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
        bill.status, bill.payment_id = "paid", p["payment_id"]
        batch.paid_bills.append({"bill": bill.id, "payment": p["payment_id"], "seq": batch.change()})
    expected_duty = stamp_duty(p["subtotal"], duty_rule)
    if expected_duty != p["stamp_duty"]:
        conflict("amount_mismatch", p["stamp_duty"] - expected_duty, component="stamp_duty")
    if on > now.date() + CLOCK_TOLERANCE:
        conflict("clock", 0, business_date=on.isoformat(), received_at=now.isoformat())
    if reused:
        conflict("receipt_number_reused", 0, receipt_no=reused, recorded_as=p["receipt_no"])
    for kind, detail in paper_conflicts(batch, paper, counter[1]):
        conflict(kind, 0, **detail)
    batch.known_payments.add(p["payment_id"])
    batch.receipts.add(p["receipt_no"])
    batch.payments.append(dict(
        id=p["payment_id"], receipt_no=p["receipt_no"], office_id=counter[1], counter_id=counter[0],
        cashier_id=cashier, customer_id=customer.id, paid_at=p["paid_at"], business_date=on,
        method=p["method"], subtotal=p["subtotal"], stamp_duty=p["stamp_duty"], total=p["total"],
        rounding=p["rounding"], credit_used=p["credit_used"], tendered=p["tendered"], change=p["change"],
        reference=p.get("reference") or "", status="completed",
        taken_offline=bool(p.get("taken_offline", False)), reprint_count=0, **paper,
    ))
    batch.lines.extend(_line_row(p["payment_id"], n, line, bills) for n, line in enumerate(p["lines"], 1))
    if surplus:
        batch.rows.append(CustomerCredit(customer_id=customer.id, payment_id=p["payment_id"], amount=surplus,
                                         reason="rekening sudah lunas di tempat lain", created_at=now))
    if p["credit_used"]:  # taken off the ledger (this payment's surplus too); what it no longer covers is a conflict
        pending = sum(r.amount for r in batch.rows if isinstance(r, CustomerCredit) and r.customer_id == customer.id)
        used, short, balance = use_credit(batch.session, customer.id, p["payment_id"], p["receipt_no"],
                                          p["credit_used"], pending, now, [c for c in conflicts
                                                                            if c.kind == "bill_already_paid"])
        batch.rows.extend([used] if used is not None else [])
        if short:
            conflict("credit_shortfall", short, credit_used=p["credit_used"], balance=balance)
    batch.rows.extend(conflicts)
    if conflicts:
        return Outcome("conflict", "; ".join(sorted({c.kind for c in conflicts})), conflicts)
    return Outcome("applied")


def _line_row(payment_id: uuid.UUID, seq: int, line: dict, bills: dict) -> dict:
    if line["kind"] == "bill":
        return dict(payment_id=payment_id, seq=seq, kind="bill", bill_id=bills[line["period"]].id, plan_id=None,
                    term_seq=None, period=line["period"], amount=line["amount"], charge_code=None, charge_discount=0,
                    **{c: line[c] for c in LINE_COMPONENTS})
    if line["kind"] == "charge":
        return dict(payment_id=payment_id, seq=seq, kind="charge", bill_id=None, plan_id=None, term_seq=None,
                    period=0, amount=line["amount"], charge_code=line["charge_code"],
                    charge_discount=line["discount"], **{c: 0 for c in LINE_COMPONENTS})
    return dict(payment_id=payment_id, seq=seq, kind=line["kind"], bill_id=None, plan_id=uuid.UUID(line["plan_id"]),
                term_seq=line["term_seq"], period=0, amount=line["amount"], charge_code=None, charge_discount=0,
                **{c: 0 for c in LINE_COMPONENTS})


APPLIERS: dict[str, Callable[[Batch, InboxEvent], Outcome]] = {
    "payment.created": apply_payment, "plan.created": apply_plan_created, "plan.defaulted": apply_plan_defaulted,
    "work_order.created": apply_work_order, "programme.saved": apply_programme_saved,
    "payment.voided": apply_void, "shift.opened": apply_shift_opened, "shift.closed": apply_shift_closed,
    "receipt.reprinted": apply_reprint, "day.closed": apply_day_closed, "deposit.recorded": apply_deposit,
    "refund.paid": apply_refund, "customer.updated": apply_customer_updated,
    "outage.opened": apply_outage_opened,
}


def apply_event(batch: Batch, event: InboxEvent) -> Outcome:
    """Apply one event. Everything is checked before anything is changed, so a
    rejected event leaves no trace but its outcome."""
    handler = APPLIERS.get(event.kind)
    if handler is None:
        return Outcome("rejected", f"jenis peristiwa tidak dikenal: {event.kind!r}")
    try:
        return handler(batch, event)
    except Rejected as error:
        return Outcome("rejected", str(error)[:400])


def apply_pending(engine: Engine, limit: int = 500) -> dict[str, int]:
    """Apply up to `limit` pending events in one transaction, then publish the
    bills channels changed; returns counts by outcome (and "published")."""
    counts = _apply_inbox(engine, limit)
    published = publish_queued(engine)
    if published:
        counts["published"] = published
    return counts


def _apply_inbox(engine: Engine, limit: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    inbox = InboxEvent.__table__
    with Session(engine) as session, session.begin():
        events = session.execute(
            select(inbox.c.id, inbox.c.kind, inbox.c.payload, inbox.c.office, inbox.c.counter)
            .where(inbox.c.status == "pending")
            .order_by(inbox.c.received_at, inbox.c.id).limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not events:
            return counts
        now = utc_now()
        try:
            with session.begin_nested():
                outcomes = _apply(session, events)
        except (DataError, IntegrityError):
            # The database refused a value of the batch (beyond a column, a receipt
            # number already taken): one event at a time, so only that one is rejected.
            outcomes = []
            for event in events:
                try:
                    with session.begin_nested():
                        outcomes += _apply(session, [event])
                except (DataError, IntegrityError) as error:
                    outcomes.append({"event": event.id, "status": "rejected",
                                     "reason": f"ditolak basis data: {str(error.orig).strip()}"[:400]})
        for outcome in outcomes:
            counts[outcome["status"]] = counts.get(outcome["status"], 0) + 1
        session.execute(
            update(inbox).where(inbox.c.id == bindparam("event"))
            .values(status=bindparam("status"), reason=bindparam("reason"), processed_at=now),
            outcomes)
    return counts


def _apply(session: Session, events: list) -> list[dict]:
    batch = Batch(session, events)
    outcomes = []
    for event in events:
        outcome = apply_event(batch, event)
        outcomes.append({"event": event.id, "status": outcome.status, "reason": outcome.reason})
    batch.write()
    return outcomes


def pending_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "pending"))
