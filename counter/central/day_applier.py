"""Central's side of the cash: shifts opened and closed at counters, reprints,
office days signed off and their deposits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from counter.models import Conflict, Customer, CustomerCredit, DayClosing, Deposit, InboxEvent, Payment, Refund, Shift
from counter.central.outcome import Outcome, Rejected, whole
from counter.central.plan_applier import _counter, _payload, _user_id, _uuid


def _moment(p: dict, name: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(p[name])
    except (KeyError, TypeError, ValueError):
        raise Rejected(f"{name} tidak sah") from None


def _day(p: dict) -> dt.date:
    try:
        return dt.date.fromisoformat(p["business_date"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("business_date tidak sah") from None


def apply_shift_opened(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    session = batch.session
    shift_id = _uuid(p.get("shift_id"), "shift_id")
    if session.get(Shift, shift_id) is not None:
        return Outcome("duplicate", "shift ini sudah tercatat")
    counter_id, office_id = _counter(batch, event)
    session.add(Shift(id=shift_id, office_id=office_id, counter_id=counter_id,
                      user_id=_user_id(session, p.get("cashier"), office_id), business_date=_day(p),
                      opened_at=_moment(p, "opened_at"), opening_float=whole(p, "opening_float"), status="open"))
    return Outcome("applied")


def apply_shift_closed(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    batch.write()  # the shift may have been opened earlier in this batch
    office_id = _counter(batch, event)[1]
    shift = batch.session.get(Shift, _uuid(p.get("shift_id"), "shift_id"), with_for_update=True)
    if shift is None or shift.office_id != office_id:
        raise Rejected("shift yang ditutup tidak dikenal di pusat")
    if shift.status == "closed":
        return Outcome("duplicate", "shift ini sudah ditutup")
    counts = p.get("counts")
    if not isinstance(counts, dict):
        raise Rejected("hitungan kas tidak sah")
    shift.closed_at = _moment(p, "closed_at")
    shift.closed_by = _user_id(batch.session, p.get("closed_by"), office_id)
    shift.counts, shift.counted = counts, whole(p, "counted")
    shift.expected_cash, shift.variance_reason = whole(p, "expected_cash"), str(p.get("variance_reason", ""))[:200]
    shift.status = "closed"
    return Outcome("applied")


def apply_reprint(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    batch.write()
    payment = batch.session.get(Payment, _uuid(p.get("payment_id"), "payment_id"), with_for_update=True)
    if payment is None or payment.office_id != _counter(batch, event)[1]:
        raise Rejected("struk yang dicetak ulang tidak dikenal di pusat")
    copies = whole(p, "copies")
    if copies <= payment.reprint_count:
        return Outcome("duplicate", "salinan ini sudah tercatat")
    payment.reprint_count = copies
    return Outcome("applied")


def _office_day(batch, event: InboxEvent, model) -> tuple[dict, int, dt.date, bool]:  # noqa: ANN001
    """The payload, office and day of a once-per-office-day record, and whether central has one already."""
    p = _payload(event)
    office_id = _counter(batch, event)[1]
    day = _day(p)
    taken = batch.session.scalar(select(model.id).where(model.office_id == office_id,
                                                        model.business_date == day)) is not None
    return p, office_id, day, taken


def apply_day_closed(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p, office_id, day, taken = _office_day(batch, event, DayClosing)
    if taken:
        return Outcome("duplicate", "hari ini sudah ditutup")
    covered = p.get("covered")
    if not isinstance(covered, dict) or not isinstance(covered.get("receipts"), dict):
        raise Rejected("cakupan tutup hari tidak sah")
    batch.session.add(DayClosing(
        id=_uuid(p.get("closing_id"), "closing_id"), office_id=office_id, business_date=day,
        closed_at=_moment(p, "closed_at"), closed_by=_user_id(batch.session, p.get("closed_by"), office_id),
        override_reason=str(p.get("override_reason", ""))[:200], covered=covered, count=whole(p, "count"),
        total=whole(p, "total"), cash_total=whole(p, "cash_total"), change_seq=batch.change()))
    return Outcome("applied")


def apply_deposit(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    office_id, day = _counter(batch, event)[1], _day(p)
    deposit_id = _uuid(p.get("deposit_id"), "deposit_id")
    seq = whole(p, "seq", 1) if "seq" in p else 1  # 1: the day's deposit; 2, 3, ...: for late cash
    taken = set(batch.session.scalars(select(Deposit.seq).where(Deposit.office_id == office_id,
                                                                Deposit.business_date == day)))
    if batch.session.get(Deposit, deposit_id) is not None or (seq == 1 and 1 in taken):
        return Outcome("duplicate", "setoran ini sudah tercatat")
    if seq > 1:  # two supplementary deposits made at two counters: both are money in the bank
        seq = max(taken | {seq - 1}) + 1 if seq in taken else seq
    batch.session.add(Deposit(
        id=deposit_id, office_id=office_id, business_date=day, seq=seq,
        amount=whole(p, "amount"), bank=str(p.get("bank", ""))[:60], reference=str(p.get("reference", ""))[:64],
        recorded_at=_moment(p, "recorded_at"),
        recorded_by=_user_id(batch.session, p.get("recorded_by"), office_id)))
    return Outcome("applied")


def apply_refund(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    """Cash a counter paid back from a drawer for a conflict's credit: the money
    has left the drawer, so it is recorded whatever central says of the conflict;
    a conflict no longer open becomes a new one for the supervisor."""
    p = _payload(event)
    counter_id, office_id = _counter(batch, event)
    refund_id = _uuid(p.get("refund_id"), "refund_id")
    if batch.session.get(Refund, refund_id) is not None:
        return Outcome("duplicate", "pengembalian ini sudah tercatat")
    amount, conflict_id = whole(p, "amount", 1), whole(p, "conflict_id", 1)
    conflict = batch.session.get(Conflict, conflict_id, with_for_update=True)
    customer = batch.session.get(Customer, conflict.customer_id) if conflict else None
    if customer is None or customer.office_id != office_id:
        raise Rejected(f"konflik {conflict_id} tidak dikenal")
    approver = _user_id(batch.session, p.get("approved_by"), office_id)
    batch.session.add(Refund(
        id=refund_id, office_id=office_id, counter_id=counter_id,
        cashier_id=_user_id(batch.session, p.get("cashier"), office_id), conflict_id=conflict_id,
        customer_id=customer.id, amount=amount, business_date=_day(p), paid_at=_moment(p, "paid_at"),
        approved_by=approver, slip_no=str(p.get("slip_no") or "")[:64]))
    now = dt.datetime.now(dt.timezone.utc)
    if conflict.status != "open" or conflict.kind != "bill_already_paid" or amount > conflict.amount:
        batch.session.add(Conflict(payment_id=conflict.payment_id, customer_id=customer.id, kind="refund_not_open",
                                   amount=amount, detail={"conflict": conflict_id, "refund": str(refund_id),
                                                          "status": conflict.status},
                                   status="open", created_at=now))
        return Outcome("conflict", f"konflik {conflict_id} sudah {conflict.status} atau jumlahnya lain")
    conflict.status, conflict.resolved_at, conflict.resolved_by = "refunded", now, approver
    conflict.detail = {**conflict.detail, "resolution": "refund", "refund": str(refund_id)}
    batch.session.add(CustomerCredit(customer_id=customer.id, payment_id=conflict.payment_id, amount=-amount,
                                     reason=f"dikembalikan tunai (konflik {conflict_id})", created_at=now))
    return Outcome("applied")
