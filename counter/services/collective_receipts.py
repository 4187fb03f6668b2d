"""The summary receipt of a collective payment: built from the store (its member
payments as they stand: a payment voided since is marked), and printed where
receipts go (`services.documents`).

The first print is the original; every later one is a copy ("SALINAN ke-N"),
counted on the collective record and audited. Each member's own receipt is an
ordinary receipt (print queue, `counter receipt print`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from counter.errors import InvalidInput, NotFound, quoted
from counter.models import CollectiveMember, CollectivePayment, Counter, Customer, Office, Payment, PaymentLine, User
from counter.printing.collective_receipt import CollectiveLine, CollectiveReceipt
from counter.rules.money import in_words
from counter.rules.payment_methods import METHOD_LABELS
from counter.rules.period import span_label
from counter.services import documents
from counter.services.approval import authorise
from counter.services.context import Desk
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class SummaryPrinted:
    """Where a summary went: status "printed", "pdf" (its path) or "failed" (why)."""

    collective_no: str
    copy_number: int  # 0: the original
    status: str
    pdf_path: str = ""
    message: str = ""


def find_collective(session: Session, ref: str) -> CollectivePayment:
    """A collective payment by its number, or by the receipt number of one of its payments."""
    text = str(ref or "").strip()
    if not text:
        raise InvalidInput("Sebutkan nomor bukti pembayaran kolektif (mis. 0001/KOL/KPG-L01/XI/2025).")
    member = select(CollectiveMember.collective_id).join(Payment, Payment.id == CollectiveMember.payment_id).where(
        Payment.receipt_no == text)
    found = session.scalars(select(CollectivePayment).where(or_(
        CollectivePayment.collective_no.in_({text, text.upper()}), CollectivePayment.id.in_(member)))).first()
    if found is None:
        raise NotFound(f"Pembayaran kolektif {quoted(text)} tidak ditemukan di loket ini.")
    return found


def build_summary(session: Session, ref: str, zone: ZoneInfo) -> CollectiveReceipt:
    """The original summary of collective payment `ref`."""
    record = find_collective(session, ref)
    office = session.get(Office, record.office_id)
    ids = [m.payment_id for m in record.members]
    payments = {p.id: p for p in session.scalars(select(Payment).where(Payment.id.in_(ids)))}
    customers = {c.id: c for c in session.scalars(select(Customer).where(
        Customer.id.in_({p.customer_id for p in payments.values()})))}
    months: dict = {}
    for payment_id, period in session.execute(select(PaymentLine.payment_id, PaymentLine.period).where(
            PaymentLine.payment_id.in_(ids), PaymentLine.kind == "bill")):
        months.setdefault(payment_id, []).append(period)
    lines = []
    for payment_id in ids:
        payment, periods = payments[payment_id], months.get(payment_id, [])
        customer = customers[payment.customer_id]
        lines.append(CollectiveLine(customer.number, customer.name, f"{len(periods)} bln: {span_label(periods)}",
                                    payment.receipt_no, payment.total, payment.status == "void"))
    return CollectiveReceipt(
        utility_name=office.utility_name or office.name, office_name=office.name, office_address=office.address,
        counter_code=session.get(Counter, record.counter_id).code,
        cashier_name=session.get(User, record.cashier_id).full_name, paid_at=record.paid_at.astimezone(zone),
        collective_no=record.collective_no, label=record.label, lines=tuple(lines), total=record.total,
        tendered=record.tendered, change=record.change, method=METHOD_LABELS.get(record.method, record.method),
        reference=record.reference, total_in_words=in_words(record.total),
        offline=any(p.taken_offline for p in payments.values()))


def summary_to_print(uow: UnitOfWork, desk: Desk, ref: str) -> CollectiveReceipt:
    """The summary to print now: the original until one has come out, then a
    copy ("SALINAN ke-N", counted on the record and audited)."""
    authorise(desk, "reprint")
    with uow.writing():
        record = find_collective(uow.session, ref)
        summary = documents.to_print(uow.session, desk, record,
                                     build_summary(uow.session, record.collective_no, desk.zone),
                                     "collective.reprinted", record.collective_no)
        uow.commit()
        return summary


def pdf_name(summary: CollectiveReceipt) -> str:
    """`kolektif-0001-KOL-KPG-L01-XI-2025.pdf` (`-salinan-N` for a copy): the number has slashes."""
    return documents.pdf_name("kolektif", summary.collective_no, summary.copy_number)


def deliver(uow: UnitOfWork, summary: CollectiveReceipt, printer: dict, folder: Path,
            logo: str | Path | None = None, *, to_pdf: bool = False, page: str = "80mm") -> SummaryPrinted:
    """Print the summary on the configured printer, or (with none, or `to_pdf`)
    write it as a PDF in `folder`. A failure is returned, not raised."""
    from counter.printing.collective_receipt import summary_bytes
    from counter.printing.collective_receipt_pdf import summary_pdf

    went = documents.deliver(printer, Path(folder) / pdf_name(summary),
                             lambda: summary_pdf(summary, page=page, logo=logo),
                             lambda paper: summary_bytes(summary, paper=paper, logo=logo), to_pdf=to_pdf)
    if went.status != "failed" and not summary.copy_number:
        documents.printed(uow, CollectivePayment, CollectivePayment.collective_no, summary.collective_no)
    return SummaryPrinted(summary.collective_no, summary.copy_number, went.status, went.pdf_path, went.message)


def said(done: SummaryPrinted) -> str:
    """Where the summary went, for the cashier."""
    return documents.said(f"Bukti kolektif {done.collective_no}", done,
                          f"counter collective print {done.collective_no}")
