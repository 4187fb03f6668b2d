"""Paying back a customer's credit in cash from the drawer: a supervisor's act at
a counter, for a conflict central kept as credit (a bill paid twice).

The refund is written here first, in the cashier's open shift, with its event;
central resolves the conflict when the event arrives (local first, like every
act). So the cash that left the drawer is in the shift's expected cash and in
the day's closing, online or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from uuid6 import uuid7

from counter.errors import InvalidInput, NotFound, PaymentRefused
from counter.models import Customer, Refund
from counter.rules.text import key
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.context import Desk
from counter.services.outbox import queue_event
from counter.services.shifts import NoShift, refuse_closed_day, require_shift
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class RefundView:
    refund_id: str
    conflict_id: int
    customer: str
    amount: int
    paid_at: dt.datetime
    approved_by: str


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
    supervisor = check_credential(uow, approval, "Mengembalikan uang", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        if session.scalar(select(Refund.id).where(Refund.conflict_id == conflict_id)) is not None:
            raise PaymentRefused(f"Kelebihan bayar konflik {conflict_id} sudah dikembalikan.")
        now, day = desk.now(), desk.today()
        row = Refund(id=uuid7(), office_id=desk.office_id, counter_id=desk.counter_id, cashier_id=desk.user_id,
                     conflict_id=conflict_id, customer_id=customer_id, amount=amount, business_date=day,
                     paid_at=now, approved_by=supervisor.id)
        session.add(row)
        queue_event(session, desk, "refund.paid", {
            "refund_id": str(row.id), "conflict_id": conflict_id, "customer": number, "amount": amount,
            "cashier": desk.username, "paid_at": now.isoformat(), "business_date": day.isoformat(),
            "approved_by": supervisor.username}, now)
        audit.append(session, "refund.paid", str(conflict_id), {
            "customer": number, "amount": amount, "approved_by": supervisor.username}, **audit.by(desk))
        uow.commit()
        return RefundView(str(row.id), conflict_id, number, amount, now.astimezone(desk.zone), supervisor.username)
