"""The receipt of a committed payment, as plain data for any output."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import NotFound, quoted
from counter.models import (
    Bill, Counter, Customer, InstalmentPlan, Office, Payment, PaymentLine, TariffGroup, User, WorkOrder,
)
from counter.config import ReceiptSettings
from counter.printing.receipt import Receipt, ReceiptLine
from counter.rules.money import in_words
from counter.rules.period import label
from counter.rules.charges import in_force
from counter.rules.payment_methods import METHOD_LABELS
from counter.services.plan_state import OpenTerm

CHECK_LENGTH = 16  # hex digits of the HMAC in the QR code: 64 bits, short enough for a small QR


def check_value(payment: Payment, office: Office) -> str:
    """The receipt's check value, printed in its QR code: a keyed hash (the
    office's key) of its essential fields, so only the utility can make one."""
    essentials = (f"{office.code}|{payment.id}|{payment.receipt_no}|{payment.customer_id}|{payment.total}|"
                  f"{payment.business_date.isoformat()}")
    return hmac.new(bytes.fromhex(office.receipt_key), essentials.encode(), hashlib.sha256).hexdigest()[:CHECK_LENGTH]


def build_receipt(session: Session, receipt_no: str, zone: ZoneInfo, settings: ReceiptSettings | None = None) -> Receipt:
    """The receipt of payment `receipt_no` as it was committed (a copy says so);
    `settings` ([receipt]) gives the head office and call centre it prints."""
    settings = settings or ReceiptSettings()
    payment = session.scalars(select(Payment).where(Payment.receipt_no == receipt_no.strip())).first()
    if payment is None:
        raise NotFound(f"Struk {quoted(receipt_no)} tidak ditemukan.")
    office = session.get(Office, payment.office_id)
    counter = session.get(Counter, payment.counter_id)
    cashier = session.get(User, payment.cashier_id)
    customer = session.get(Customer, payment.customer_id)
    group = session.get(TariffGroup, customer.tariff_group_id)
    bills = {b.id: b for b in session.scalars(select(Bill).where(Bill.id.in_([l.bill_id for l in payment.lines])))}
    plans = {p.id: p for p in session.scalars(
        select(InstalmentPlan).where(InstalmentPlan.id.in_({l.plan_id for l in payment.lines if l.plan_id})))}
    names = _charge_names(session, payment, group.code) if any(l.kind == "charge" for l in payment.lines) else {}
    lines = tuple(_line(line, bills, plans, names) for line in payment.lines)
    # a down payment carries what its plan waived (fines, discounts)
    waived = sum(plans[l.plan_id].waived for l in payment.lines if l.kind == "down_payment")
    address = ", ".join(part for part in (customer.address, customer.village, customer.district) if part)
    return Receipt(
        utility_name=office.utility_name or office.name, office_name=office.name, office_address=office.address,
        counter_code=counter.code, cashier_name=cashier.full_name, paid_at=payment.paid_at.astimezone(zone),
        receipt_no=payment.receipt_no, customer_number=customer.number, customer_name=customer.name,
        customer_address=address, tariff=f"{group.code} {group.name}", lines=lines, waived=waived,
        stamp_duty=payment.stamp_duty, total=payment.total, tendered=payment.tendered, change=payment.change,
        method=METHOD_LABELS.get(payment.method, payment.method), reference=payment.reference,
        total_in_words=in_words(payment.total),
        qr_payload=f"{office.code}|{payment.id}|{check_value(payment, office)}", offline=payment.taken_offline,
        copy_number=0, voided=payment.void_reason if payment.status == "void" else "",
        paper_no=payment.paper_no, paper_date=payment.business_date if payment.paper_no else None,
        rounding=payment.rounding, credit_used=payment.credit_used,
        work_order_no=session.scalar(select(WorkOrder.order_no).where(WorkOrder.payment_id == payment.id)) or "",
        meter_number=customer.meter_no or "", head_office=settings.head_office.strip(),
        call_centre=settings.call_centre.strip(),
    )


def _charge_names(session: Session, payment: Payment, group: str) -> dict[str, str]:
    """The names of the payment's charges, as the catalogue in force that day calls them."""
    from counter.services.charges import rates

    found = rates(session)
    codes = {line.charge_code for line in payment.lines if line.kind == "charge"}
    return {code: rate.name for code in codes
            if (rate := in_force(found, code, group.upper(), payment.business_date)) is not None}


def _line(line: PaymentLine, bills: dict[int, Bill], plans: dict, names: dict[str, str]) -> ReceiptLine:
    if line.kind == "charge":  # its name and amount, and what a relief programme took off
        return ReceiptLine(label=names.get(line.charge_code, line.charge_code), meter_start=0, meter_end=0,
                           usage_m3=0, water_charge=0, standing_charge=0, admin_fee=0, fine=0, amount=line.amount,
                           kind="charge", discount=line.charge_discount)
    if line.plan_id is not None:
        return _plan_line(line, plans[line.plan_id])
    bill = bills[line.bill_id]
    return ReceiptLine(
        label=label(line.period), meter_start=bill.meter_start, meter_end=bill.meter_end, usage_m3=bill.usage_m3,
        water_charge=line.water_charge, standing_charge=line.standing_charge, meter_fee=line.meter_fee,
        admin_fee=line.admin_fee, fine=line.fine, amount=line.amount, kind=line.kind,
    )


def _plan_line(line: PaymentLine, plan: InstalmentPlan) -> ReceiptLine:
    """A plan's down payment or term. A down payment names the months its plan
    covers, what they came to before relief, what was waived and what is left to
    the terms (the plan's total less this down payment), so the lines add up."""
    of = sum(1 for t in plan.terms if t["seq"] > 0)
    term = OpenTerm(plan.id, plan.plan_no, line.term_seq, of, plan.made_on, line.amount)
    down = line.kind == "down_payment"
    return ReceiptLine(
        label=term.label, meter_start=0, meter_end=0, usage_m3=0, water_charge=0, standing_charge=0, admin_fee=0,
        fine=0, amount=line.amount, kind=line.kind, plan_no=plan.plan_no,
        covers=tuple(label(p) for p in sorted(b["period"] for b in plan.bills)) if down else (),
        before_relief=plan.principal + plan.fines if down else 0, waived=plan.waived if down else 0,
        deferred=plan.total - line.amount if down else 0,
        settles=(not down and line.term_seq >= of) or (down and of == 0),
    )


@dataclass(frozen=True)
class Verdict:
    """What a receipt's QR code proves. `genuine`: a proof of payment (the
    utility's code, of a payment that stands). A voided payment's code is the
    utility's, but no proof: not genuine, `voided`, with when and why."""

    genuine: bool
    reason: str  # why not, in the cashier's words; "" when genuine
    receipt_no: str = ""
    customer_number: str = ""
    customer_name: str = ""
    total: int = 0
    business_date: str = ""
    status: str = ""  # the payment's status (completed, void)
    voided: bool = False
    voided_at: str = ""  # ISO 8601 with its offset (UTC), when voided
    void_reason: str = ""


def verify_receipt(session: Session, code: str) -> Verdict:
    """Whether the QR code `code` (`<office>|<payment id>|<check value>`) is of a
    receipt this store knows, with a check value made with its office's key."""
    parts = (code or "").strip().split("|")
    if len(parts) != 3 or len(parts[2]) != CHECK_LENGTH:
        return Verdict(False, "Kode QR bukan kode struk loket ini.")
    office_code, payment_id, given = parts
    try:
        payment = session.get(Payment, uuid.UUID(payment_id))
    except ValueError:
        return Verdict(False, "Kode QR bukan kode struk loket ini.")
    office = session.get(Office, payment.office_id) if payment else None
    if payment is None or office is None or office.code != office_code:
        return Verdict(False, "Pembayaran ini tidak tercatat (di data ini).")
    if not hmac.compare_digest(given.lower(), check_value(payment, office)):
        return Verdict(False, "Nilai cek tidak cocok: struk ini PALSU atau sudah diubah.")
    customer = session.get(Customer, payment.customer_id)
    found = (payment.receipt_no, customer.number, customer.name, payment.total, payment.business_date.isoformat(),
             payment.status)
    if payment.status == "void":
        return Verdict(False, f"Struk ini sudah DIBATALKAN ({payment.void_reason}): bukan bukti pembayaran.",
                       *found, voided=True, voided_at=_utc(payment.voided_at), void_reason=payment.void_reason)
    return Verdict(True, "", *found)


def _utc(moment: dt.datetime | None) -> str:
    """`moment` in ISO 8601 with its offset (a store without zones holds UTC); "" for none."""
    if moment is None:
        return ""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).isoformat()
