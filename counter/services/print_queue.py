"""Printing receipts through a queue in the local store.

The payment commits first; its receipt is queued in the same breath and printed
afterwards, off the desk's thread. A printer that is off, out of paper or
unplugged leaves the job queued as failed, with the reason for the cashier, to
be retried or sent to PDF: a payment is never rolled back for a printer.
A printed job's `last_error` holds a warning from the printer, if any
("Kertas printer hampir habis").

`logo` is the utility's logo file (`[receipt] logo`), or None; `settings` the
rest of `[receipt]` (the head office and call centre printed at the foot).

The original is made once (printed, or written as a PDF); everything after it
is a copy, "SALINAN ke-N", counted on the payment and audited (`reprint`).
A PDF's name says its copy and its page (`KPG-...-0001-salinan-2-A6.pdf`; the
80 mm roll, the default, unmarked) and never replaces a file already there.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update

from counter.config import ReceiptSettings
from counter.errors import CounterError, InvalidInput, NotFound, quoted
from counter.models import Payment, PrintJob
from counter.services import audit
from counter.services.approval import authorise
from counter.printing.receipt import Receipt
from counter.services.context import Desk, utc_now
from counter.services.outbox import queue_event
from counter.services.receipts import build_receipt
from counter.store.files import reason, write_whole
from counter.store.uow import UnitOfWork


@dataclass(frozen=True)
class JobView:
    id: int
    receipt_no: str
    copy_number: int
    status: str
    attempts: int
    last_error: str
    pdf_path: str


def _view(job: PrintJob) -> JobView:
    return JobView(job.id, job.receipt_no, job.copy_number, job.status, job.attempts, job.last_error, job.pdf_path)


def queue_receipt(uow: UnitOfWork, receipt_no: str) -> int:
    """Queue the original receipt of a committed payment."""
    with uow.writing():
        if uow.session.scalar(select(Payment.id).where(Payment.receipt_no == receipt_no)) is None:
            raise NotFound(f"Struk {quoted(receipt_no)} tidak ditemukan.")
        job = PrintJob(receipt_no=receipt_no, created_at=utc_now())
        uow.session.add(job)
        uow.commit()
        return job.id


MADE = ("printed", "pdf")  # a job's receipt is on paper or in a file


def original_job(uow: UnitOfWork, receipt_no: str) -> int | None:
    """The job that makes the original receipt, while none has been printed or
    written (its queued or failed job, else a new one); None once one was: what
    follows is a copy (`reprint`)."""
    with uow.writing():
        number = uow.session.scalar(select(Payment.receipt_no).where(Payment.receipt_no == receipt_no.strip()))
        if number is None:
            raise NotFound(f"Struk {quoted(receipt_no)} tidak ditemukan.")
        originals = uow.session.scalars(select(PrintJob).where(
            PrintJob.receipt_no == number, PrintJob.copy_number == 0).order_by(PrintJob.id)).all()
        if any(job.status in MADE for job in originals):
            return None
        if originals:
            return originals[-1].id
        job = PrintJob(receipt_no=number, created_at=utc_now())
        uow.session.add(job)
        uow.commit()
        return job.id


def reprint(uow: UnitOfWork, desk: Desk, receipt_no: str) -> int:
    """Queue a copy ("SALINAN ke-N"); the count is kept on the payment and audited."""
    authorise(desk, "reprint")
    with uow.writing():
        payment = uow.session.scalars(select(Payment).where(Payment.receipt_no == receipt_no.strip())).first()
        if payment is None:
            raise NotFound(f"Struk {quoted(receipt_no)} tidak ditemukan.")
        payment.reprint_count += 1
        now = desk.now()
        job = PrintJob(receipt_no=payment.receipt_no, copy_number=payment.reprint_count,
                       copy_printed_by=desk.username, created_at=now)
        uow.session.add(job)
        queue_event(uow.session, desk, "receipt.reprinted", {
            "payment_id": str(payment.id), "receipt_no": payment.receipt_no, "copies": payment.reprint_count}, now)
        audit.append(uow.session, "reprint", payment.receipt_no, {"copy": payment.reprint_count}, **audit.by(desk))
        uow.commit()
        return job.id


def receipt_of(uow: UnitOfWork, job_id: int, zone, settings: ReceiptSettings | None = None,  # noqa: ANN001
               ) -> tuple[JobView, Receipt]:
    """The job and the receipt it prints (a copy says which, when and by whom);
    `settings` ([receipt]): the head office and call centre at its foot."""
    with uow:
        job = uow.session.get(PrintJob, job_id)
        if job is None:
            raise NotFound(f"Antrean cetak {job_id} tidak ada.")
        receipt = build_receipt(uow.session, job.receipt_no, zone, settings)
        if job.copy_number:
            receipt = dataclasses.replace(receipt, copy_number=job.copy_number,
                                          copy_printed_at=job.created_at.astimezone(zone),
                                          copy_printed_by=job.copy_printed_by)
        return _view(job), receipt


def _finish(uow: UnitOfWork, job_id: int, **values: object) -> None:
    with uow.writing():
        uow.session.execute(update(PrintJob).where(PrintJob.id == job_id).values(**values))
        uow.commit()


def print_job(uow: UnitOfWork, job_id: int, zone, printer: dict, folder: Path,  # noqa: ANN001
              logo: str | Path | None = None, *, settings: ReceiptSettings | None = None) -> JobView:
    """Print one job on the configured printer (or, with none, to PDF in `folder`).
    A printer failure (not connected, out of paper, ...) is recorded on the job, not raised."""
    from counter.printing.escpos_receipt import receipt_bytes
    from counter.printing.printers import send, with_drawer_kick

    job, receipt = receipt_of(uow, job_id, zone, settings)
    if printer.get("kind", "none") == "none":
        return job_to_pdf(uow, job_id, zone, folder, logo=logo, settings=settings)
    try:
        data = receipt_bytes(receipt, paper=printer.get("paper", "80mm"), logo=logo)
        warning = send(with_drawer_kick(data, receipt, printer), printer)  # a cash original opens the drawer
    except CounterError as error:
        _finish(uow, job_id, status="failed", attempts=job.attempts + 1, last_error=str(error)[:400])
    else:
        _finish(uow, job_id, status="printed", attempts=job.attempts + 1, last_error=warning, done_at=utc_now())
    return jobs(uow, job_id)[0]


def job_to_pdf(uow: UnitOfWork, job_id: int, zone, folder: Path, page: str = "80mm",  # noqa: ANN001
               logo: str | Path | None = None, *, settings: ReceiptSettings | None = None) -> JobView:
    from counter.printing.pdf_receipt import receipt_pdf

    if page not in ("80mm", "A6"):
        raise InvalidInput("Ukuran PDF harus 80mm atau A6.")
    job, receipt = receipt_of(uow, job_id, zone, settings)
    path = folder / pdf_name(job, page)
    try:
        content = receipt_pdf(receipt, page=page, logo=logo)
        folder.mkdir(parents=True, exist_ok=True)
        path = free_path(path)
        write_whole(path, content)
    except (OSError, CounterError) as error:  # a folder that cannot be written, a bad logo: the job says why
        if isinstance(error, OSError):
            error = f"PDF tidak dapat ditulis ke {path}: {reason(error)}"
        _finish(uow, job_id, status="failed", attempts=job.attempts + 1, last_error=str(error)[:400])
    else:
        _finish(uow, job_id, status="pdf", pdf_path=str(path), last_error="", done_at=utc_now())
    return jobs(uow, job_id)[0]


def pdf_name(job: JobView, page: str) -> str:
    """`NUMBER[-salinan-N][-A6].pdf`: the copy and the page in the name (the 80 mm roll unmarked)."""
    copy = f"-salinan-{job.copy_number}" if job.copy_number else ""
    return f"{job.receipt_no}{copy}{'' if page == '80mm' else '-' + page}.pdf"


def free_path(path: Path) -> Path:
    """`path`, or with `_2`, `_3`, ... before `.pdf` when a file is there already
    (a store restored from a backup counts its copies again): none is replaced."""
    found, taken = path, 1
    while found.exists():
        taken += 1
        found = path.with_name(f"{path.stem}_{taken}{path.suffix}")
    return found


def retry(uow: UnitOfWork, job_id: int) -> None:
    with uow.writing():
        job = uow.session.get(PrintJob, job_id)
        if job is None or job.status != "failed":
            raise InvalidInput(f"Antrean cetak {job_id} tidak sedang gagal.")
        job.status = "queued"
        uow.commit()


def jobs(uow: UnitOfWork, job_id: int | None = None) -> list[JobView]:
    """The print queue, oldest first (or the one job `job_id`)."""
    with uow:
        query = select(PrintJob).order_by(PrintJob.created_at, PrintJob.id)
        if job_id is not None:
            query = query.where(PrintJob.id == job_id)
        return [_view(j) for j in uow.session.scalars(query)]

