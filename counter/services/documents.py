"""Papers that are not a payment's receipt (a refund slip, a collective
payment's summary) go where receipts go: to the configured thermal printer, or
as a PDF in the receipts' folder when the counter has none (or when asked). A
failure is returned, never raised: the act the paper records has committed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from counter.errors import CounterError
from counter.services import audit
from counter.services.context import Desk, utc_now
from counter.store.files import reason, write_whole
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class Delivered:
    status: str  # "printed" (message: the printer's warning, if any), "pdf" (pdf_path) or "failed" (message: why)
    pdf_path: str = ""
    message: str = ""


def to_print(session: Session, desk: Desk, record, paper, action: str, number: str):  # noqa: ANN001, ANN201
    """`paper` as it prints now: the original until one has come out, then a
    copy ("SALINAN ke-N"), counted on `record` (its `printed_at` and `copies`)
    and audited as `action`; the caller commits."""
    if record.printed_at is None:
        return paper
    record.copies += 1
    now = desk.now()
    audit.append(session, action, number, {"copy": record.copies}, **audit.by(desk))
    return dataclasses.replace(paper, copy_number=record.copies, copy_printed_at=now.astimezone(desk.zone),
                               copy_printed_by=desk.username)


def printed(uow: UnitOfWork, model, number_column, number: str) -> None:  # noqa: ANN001 - a table, its column
    """The original of paper `number` is out: every later print is a copy."""
    with uow.writing():
        uow.session.execute(update(model).where(number_column == number, model.printed_at.is_(None))
                            .values(printed_at=utc_now()))
        uow.commit()


def pdf_name(prefix: str, number: str, copy_number: int) -> str:
    """`pengembalian-0001-BPU-KPG-L01-XI-2025.pdf` (`-salinan-N` for a copy): a document number has slashes."""
    suffix = f"-salinan-{copy_number}" if copy_number else ""
    return f"{prefix}-{number.replace('/', '-')}{suffix}.pdf"


def deliver(printer: dict, path: Path, pdf: Callable[[], bytes], escpos: Callable[[str], bytes], *,
            to_pdf: bool = False) -> Delivered:
    """Print `escpos(paper)` on `printer`, or write `pdf()` to `path` when it has
    none or `to_pdf`."""
    from counter.printing.printers import send

    if to_pdf or str(printer.get("kind", "none")).strip().lower() == "none":
        try:
            content = pdf()
            path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(path, content)
        except OSError as error:
            return Delivered("failed", message=f"PDF tidak dapat ditulis ke {path}: {reason(error)}")
        return Delivered("pdf", str(path))
    try:
        warning = send(escpos(printer.get("paper", "80mm")), printer)
    except CounterError as error:
        return Delivered("failed", message=str(error))
    return Delivered("printed", message=warning)


def said(what: str, done, again: str) -> str:  # noqa: ANN001 - a SlipPrinted, a SummaryPrinted
    """Where a paper went, for the cashier: `what` (its name and number), a copy
    said so, and on failure how to print it again (`again`)."""
    what += f" (SALINAN ke-{done.copy_number})" if done.copy_number else ""
    if done.status == "printed":
        return f"{what} tercetak." + (f" {done.message}" if done.message else "")
    if done.status == "pdf":
        return f"{what}: PDF {done.pdf_path}"
    return f"{what} GAGAL dicetak: {done.message} (cetak lagi: {again})"
