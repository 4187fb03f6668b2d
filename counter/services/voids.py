"""Voiding a payment (pembatalan): a supervisor's act, with a reason, on the
day it was taken. The bills it paid return to arrears, the instalment terms it
paid are open again, an unseal work order it earned is cancelled; the payment
itself stays, marked void, with who approved and why."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select, update

from counter.errors import NotFound, PaymentRefused, quoted
from counter.models import Bill, Customer, InstalmentPlan, Payment, PaymentLine, WorkOrder
from counter.rules.money import format_rupiah
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.context import Desk
from counter.services.credit import give_back
from counter.services.outbox import queue_event
from counter.services.plan_state import unrecord_terms
from counter.services.shifts import refuse_closed_day
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class Voided:
    receipt_no: str
    total: int
    bills_reopened: int
    terms_reopened: int
    work_orders_cancelled: int
    customer_number: str = ""  # whose bills are owed again
    charges_voided: int = 0  # other charges it took (nothing to reopen: their money is no longer taken)


def undo_payment(session, payment_id: uuid.UUID, change: int | None = None) -> tuple[int, int, int]:  # noqa: ANN001
    """Reopen what the payment paid (bills, plan terms) and cancel the work orders
    it earned; used at the counter and at central (which gives the rows the
    change number `change`, so counters pull them). Returns the counts."""
    stamp = {} if change is None else {"change_seq": change}
    bills = session.execute(update(Bill.__table__).where(Bill.payment_id == payment_id, Bill.status == "paid")
                            .values(status="unpaid", payment_id=None, **stamp)).rowcount
    plan_ids = set(session.scalars(select(PaymentLine.plan_id).where(PaymentLine.payment_id == payment_id,
                                                                     PaymentLine.plan_id.is_not(None))))
    terms = 0
    for plan_id in plan_ids:
        plan = session.get(InstalmentPlan, plan_id)
        terms += len(unrecord_terms(plan, payment_id))
        if change is not None:
            plan.change_seq = change
    orders = session.execute(update(WorkOrder.__table__).where(WorkOrder.payment_id == payment_id,
                                                               WorkOrder.status == "open")
                             .values(status="cancelled", **stamp)).rowcount
    return bills, terms, orders


def void_payment(uow: UnitOfWork, desk: Desk, receipt_no: str, reason: str, approval: Approval | None) -> Voided:
    authorise(desk, "void")
    reason = one_line(reason, 5, 200, "Tulis alasan pembatalan (5-200 huruf).")
    with uow:
        payment = uow.session.scalars(select(Payment).where(Payment.receipt_no == (receipt_no or "").strip())).first()
        if payment is None:
            raise NotFound(f"Struk {quoted(receipt_no)} tidak ditemukan.")
        if payment.status == "void":
            raise PaymentRefused(f"Struk {payment.receipt_no} sudah dibatalkan.")
        if payment.business_date != desk.today():
            raise PaymentRefused("Pembayaran hanya dapat dibatalkan pada hari yang sama; "
                                 "untuk hari lain ajukan koreksi ke kantor cabang.")
        refuse_closed_day(uow.session, payment.office_id, payment.business_date, "pembatalan")
    supervisor = check_credential(uow, approval, "Pembatalan pembayaran", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        payment = session.scalars(select(Payment).where(Payment.receipt_no == receipt_no.strip())).one()
        if payment.status == "void":
            raise PaymentRefused(f"Struk {payment.receipt_no} sudah dibatalkan.")
        bills, terms, orders = undo_payment(session, payment.id)
        charges = sum(1 for line in payment.lines if line.kind == "charge")
        give_back(session, payment.customer_id, payment.credit_used)  # the credit it used is theirs again
        now = desk.now()
        payment.status, payment.void_reason, payment.voided_at, payment.voided_by = "void", reason, now, supervisor.id
        queue_event(session, desk, "payment.voided", {
            "payment_id": str(payment.id), "receipt_no": payment.receipt_no, "reason": reason,
            "approved_by": supervisor.username, "voided_at": now.isoformat()}, now)
        audit.append(session, "void", payment.receipt_no, {
            "total": payment.total, "reason": reason, "approved_by": supervisor.username,
            "before": "completed", "after": "void"}, **audit.by(desk))
        uow.commit()
        customer = session.get(Customer, payment.customer_id)
        return Voided(payment.receipt_no, payment.total, bills, terms, orders, customer.number, charges)


def describe(voided: Voided) -> str:
    charges = f" {voided.charges_voided} biaya lain ikut dibatalkan." if voided.charges_voided else ""
    orders = f" {voided.work_orders_cancelled} SPK buka segel dibatalkan." if voided.work_orders_cancelled else ""
    owed = " dan ".join(f"{n} {what}" for n, what in ((voided.bills_reopened, "rekening"),
                                                       (voided.terms_reopened, "angsuran")) if n)
    owed = f"{owed} kembali belum dibayar." if owed else "tidak ada rekening yang kembali belum dibayar."
    return f"Struk {voided.receipt_no} ({format_rupiah(voided.total)}) dibatalkan; {owed}" + charges + orders
