"""Paying back a customer's credit in cash from the drawer: a supervisor's act at
a counter, for a conflict central kept as credit (a bill paid twice).

The refund is written here first, in the cashier's open shift, with its event;
central resolves the conflict when the event arrives (local first, like every
act). So the cash that left the drawer is in the shift's expected cash and in
the day's closing, online or not. The refund takes a slip number from the
counter's document sequence ("0001/BPU/KPG-L01/XI/2025") and keeps what was paid
twice (the month, the two payments' receipts) for its slip (`refund_slips`)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from uuid6 import uuid7

from counter.errors import InvalidInput, NotFound, PaymentRefused
from counter.models import Customer, Payment, Refund
from counter.rules.text import key
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.context import Desk
from counter.services.outbox import queue_event
from counter.services.plans import next_document_no
from counter.services.shifts import NoShift, refuse_closed_day, require_shift
from counter.store.uow import UnitOfWork


SLIP_KIND = "BPU"  # bukti pengembalian uang, in the document numbers: 0001/BPU/KPG-L01/XI/2025


@dataclass(frozen=True)
class RefundView:
    refund_id: str
    conflict_id: int
    customer: str
    amount: int
    paid_at: dt.datetime
    approved_by: str
    slip_no: str = ""


def paid_twice(session, conflict: dict) -> dict:  # noqa: ANN001 - a Session
    """What the slip says of the bill paid twice, from central's conflict: the
    month, the receipt of the payment that found it paid (its money became the
    credit), and the receipt that paid it first when this counter took it ("": a
    bank, a channel or another counter)."""
    detail = conflict.get("detail") or {}
    first = ""
    try:
        payment_id = uuid.UUID(str(detail.get("paid_by")))
    except ValueError:
        payment_id = None
    if payment_id is not None:
        first = session.scalar(select(Payment.receipt_no).where(Payment.id == payment_id)) or ""
    period = detail.get("period")
    return {"period": period if isinstance(period, int) and not isinstance(period, bool) else None,
            "receipt_no": str(conflict.get("receipt_no") or ""), "first_paid": first}


def pay_refund(uow: UnitOfWork, desk: Desk, central, conflict_id: int,  # noqa: ANN001 - sync.link.Central
               approval: Approval | None) -> RefundView:
    """Pay back the credit of central's open conflict `conflict_id` from this desk's drawer."""
    authorise(desk, "pay")
    if isinstance(conflict_id, bool) or not isinstance(conflict_id, int) or conflict_id < 1:
        raise InvalidInput("Nomor konflik harus angka bulat.")
    found = [c for c in central.conflicts("open") if c["id"] == conflict_id]
    if not found:
        raise NotFound(f"Konflik {conflict_id} tidak ada atau sudah diselesaikan di pusat.")
    conflict = found[0]
    if conflict["kind"] != "bill_already_paid":
        raise InvalidInput("Hanya kelebihan bayar (rekening dibayar dua kali) yang dikembalikan tunai.")
    amount = int(conflict["amount"])
    with uow:
        session = uow.session
        try:
            require_shift(session, desk)  # the cash leaves that drawer, today's
        except NoShift as error:
            raise NoShift(f"Buka shift dulu: uang yang dikembalikan keluar dari laci kasir ({error})") from None
        refuse_closed_day(session, desk.office_id, desk.today(), "mengembalikan uang")
        if session.scalar(select(Refund.id).where(Refund.conflict_id == conflict_id)) is not None:
            raise PaymentRefused(f"Kelebihan bayar konflik {conflict_id} sudah dikembalikan.")
        customer = session.scalars(select(Customer).where(Customer.number_key == key(conflict["customer"]))).first()
        if customer is None:
            raise NotFound(f"Pelanggan {conflict['customer']} belum ada di data loket ini; sinkronkan dulu.")
        customer_id, number = customer.id, customer.number
        detail = paid_twice(session, conflict)
    supervisor = check_credential(uow, approval, "Mengembalikan uang", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        if session.scalar(select(Refund.id).where(Refund.conflict_id == conflict_id)) is not None:
            raise PaymentRefused(f"Kelebihan bayar konflik {conflict_id} sudah dikembalikan.")
        now, day = desk.now(), desk.today()
        slip_no = next_document_no(session, desk, SLIP_KIND, day)
        row = Refund(id=uuid7(), office_id=desk.office_id, counter_id=desk.counter_id, cashier_id=desk.user_id,
                     conflict_id=conflict_id, customer_id=customer_id, amount=amount, business_date=day,
                     paid_at=now, approved_by=supervisor.id, slip_no=slip_no, detail=detail)
        session.add(row)
        queue_event(session, desk, "refund.paid", {
            "refund_id": str(row.id), "conflict_id": conflict_id, "customer": number, "amount": amount,
            "cashier": desk.username, "paid_at": now.isoformat(), "business_date": day.isoformat(),
            "approved_by": supervisor.username, "slip_no": slip_no}, now)
        audit.append(session, "refund.paid", str(conflict_id), {
            "customer": number, "amount": amount, "approved_by": supervisor.username, "slip_no": slip_no},
            **audit.by(desk))
        uow.commit()
        return RefundView(str(row.id), conflict_id, number, amount, now.astimezone(desk.zone), supervisor.username,
                          slip_no)
