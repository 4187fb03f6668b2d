"""The refund slip (bukti pengembalian uang) of a refund paid from a drawer:
built from the store, and printed like a receipt: on the configured thermal
printer, or as a PDF in the receipts' folder when the counter has none.

The first print is the original; every later one is a copy ("SALINAN ke-N"),
counted on the refund and audited, so a second paper never reads as a second
refund. A printer failure is reported, never undoes the refund: the slip is
printed again with `counter refund print`, still as the original until one has
come out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import InvalidInput, NotFound, quoted
from counter.models import Counter, Customer, Office, Refund, User
from counter.printing.refund_slip import RefundSlip
from counter.rules.money import ascii_digits, in_words
from counter.rules.period import label
from counter.services import documents
from counter.services.approval import authorise
from counter.services.context import Desk
from counter.services.plan_papers import address_of, city_of
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class SlipPrinted:
    """Where a slip went: status "printed" (with the printer's warning, if
    any), "pdf" (its path), or "failed" (why)."""

    slip_no: str
    copy_number: int  # 0: the original
    status: str
    pdf_path: str = ""
    message: str = ""


def find_refund(session: Session, ref: str | int) -> Refund:
    """A refund by its slip number, or by the number of the conflict it settled."""
    text = str(ref).strip()
    if not text:
        raise InvalidInput("Sebutkan nomor bukti pengembalian atau nomor konflik.")
    if ascii_digits(text):
        found = session.scalars(select(Refund).where(Refund.conflict_id == int(text))).first()
    else:
        found = session.scalars(select(Refund).where(Refund.slip_no.in_({text, text.upper()}))).first()
    if found is None:
        raise NotFound(f"Pengembalian uang {quoted(text)} tidak ditemukan di loket ini.")
    return found


def build_slip(session: Session, ref: str | int, zone: ZoneInfo) -> RefundSlip:
    """The original slip of the refund `ref` (slip number or conflict number)."""
    refund = find_refund(session, ref)
    office = session.get(Office, refund.office_id)
    customer = session.get(Customer, refund.customer_id)
    detail = refund.detail or {}
    period = detail.get("period")
    return RefundSlip(
        utility_name=office.utility_name or office.name, office_name=office.name, office_address=office.address,
        city=city_of(office), counter_code=session.get(Counter, refund.counter_id).code,
        cashier_name=session.get(User, refund.cashier_id).full_name, paid_at=refund.paid_at.astimezone(zone),
        slip_no=refund.slip_no, customer_number=customer.number, customer_name=customer.name,
        customer_address=address_of(customer), conflict_id=refund.conflict_id,
        months=label(period) if isinstance(period, int) and period else "",
        receipt_no=detail.get("receipt_no") or "", first_paid=detail.get("first_paid") or "",
        amount=refund.amount, amount_in_words=in_words(refund.amount),
        approver_name=session.get(User, refund.approved_by).full_name)


def slip_to_print(uow: UnitOfWork, desk: Desk, ref: str | int) -> RefundSlip:
    """The slip to print now: the original until one has come out, then a copy
    ("SALINAN ke-N", counted on the refund and audited)."""
    authorise(desk, "reprint")
    with uow.writing():
        refund = find_refund(uow.session, ref)
        slip = documents.to_print(uow.session, desk, refund, build_slip(uow.session, refund.slip_no, desk.zone),
                                  "refund.reprinted", refund.slip_no)
        uow.commit()
        return slip


def pdf_name(slip: RefundSlip) -> str:
    """`pengembalian-0001-BPU-KPG-L01-XI-2025.pdf` (`-salinan-N` for a copy): a slip number has slashes."""
    return documents.pdf_name("pengembalian", slip.slip_no, slip.copy_number)


def deliver(uow: UnitOfWork, slip: RefundSlip, printer: dict, folder: Path,
            logo: str | Path | None = None, *, to_pdf: bool = False) -> SlipPrinted:
    """Print the slip on the configured printer, or (with none, or `to_pdf`) write
    it as a PDF in `folder`. A failure is returned, not raised: the refund stands."""
    from counter.printing.refund_slip import slip_bytes
    from counter.printing.refund_slip_pdf import slip_pdf

    went = documents.deliver(printer, Path(folder) / pdf_name(slip), lambda: slip_pdf(slip, logo=logo),
                             lambda paper: slip_bytes(slip, paper=paper, logo=logo), to_pdf=to_pdf)
    if went.status != "failed" and not slip.copy_number:
        documents.printed(uow, Refund, Refund.slip_no, slip.slip_no)
    return SlipPrinted(slip.slip_no, slip.copy_number, went.status, went.pdf_path, went.message)


def said(done: SlipPrinted) -> str:
    """Where the slip went, for the cashier."""
    return documents.said(f"Bukti pengembalian {done.slip_no}", done, f"counter refund print {done.slip_no}")
