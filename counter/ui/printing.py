"""The desk's receipt printer: print after each payment, show how it went,
retry or save to PDF when it failed, F8 for a copy.

All queue and printer work runs on the database worker (a printer that does
not answer must never freeze the desk). The payment is committed before any
of this starts: a printer failure is shown in the status bar, never undoes it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

from counter import application
from counter.errors import CounterError
from counter.services import print_queue
from counter.services.context import Desk
from counter.services.print_queue import JobView
from counter.ui.sync import LEVEL_COLOURS
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED

log = logging.getLogger(__name__)

# the status bar's words (source texts; shown through DeskPrinter.tr in the desk's language)
LABEL_IDLE = QT_TRANSLATE_NOOP("DeskPrinter", "Printer: belum mencetak")
LABEL_PRINTING = QT_TRANSLATE_NOOP("DeskPrinter", "Printer: mencetak ...")
LABEL_READY = QT_TRANSLATE_NOOP("DeskPrinter", "Printer: siap")
LABEL_FAILED = QT_TRANSLATE_NOOP("DeskPrinter", "Printer: GAGAL – {reason}")
LABEL_PDF = QT_TRANSLATE_NOOP("DeskPrinter", "Printer: struk disimpan ke PDF")
LABEL_NOTHING = QT_TRANSLATE_NOOP("DeskPrinter", "Printer: belum ada struk untuk dicetak ulang")
LABEL_NO_PRINTER = QT_TRANSLATE_NOOP("DeskPrinter", "Tanpa printer: struk disimpan sebagai PDF")
STATES = {LABEL_READY: "ready", LABEL_PDF: "pdf", LABEL_FAILED: "failed", LABEL_NO_PRINTER: "ready"}  # label -> state
# what the banner adds once a receipt is done: where it went, the copy F8 made
NEWS_PRINTED = QT_TRANSLATE_NOOP("DeskPrinter", "Struk {receipt} tercetak.")
NEWS_COPY_PRINTED = QT_TRANSLATE_NOOP("DeskPrinter", "Salinan ke-{n} struk {receipt} tercetak.")
NEWS_PDF = QT_TRANSLATE_NOOP("DeskPrinter", "Struk {receipt} tidak dicetak, disimpan sebagai PDF: {path}")
NEWS_COPY_PDF = QT_TRANSLATE_NOOP("DeskPrinter", "Salinan ke-{n} struk {receipt} tidak dicetak, disimpan sebagai PDF: {path}")


REASON_CHARS = 60  # the status bar shows the first sentence; the tooltip has it all


def short_reason(error: str) -> str:
    """`Printer tidak tersambung (127.0.0.1:9100).` out of the printer's long message."""
    first = error.strip().split(". ", 1)[0].rstrip(".")
    if len(first) > REASON_CHARS:
        first = first[: REASON_CHARS - 1].rstrip() + "…"
    return first


class DeskPrinter(QObject):
    """The status bar's printer line and its two actions."""

    settled = Signal()  # a printer task is over, printed or not
    news = Signal(str)  # where a receipt or a copy went (a line for the desk's banner)

    def __init__(self, app, desk: Desk, runner: TaskRunner, bar: QStatusBar,  # noqa: ANN001 - bootstrap.App
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.desk = desk
        self.runner = runner
        self.last_receipt_no: str | None = None
        self.failed: list[JobView] = []  # jobs of this desk whose printing failed, oldest first
        self.last_job: JobView | None = None
        self.pending = 0  # printer tasks on their way
        self.shown = LABEL_IDLE  # the label's source text, whatever the language

        self.label = QLabel()
        self.retry_button = QPushButton(self.tr("Cetak ulang [F8]"))
        self.pdf_button = QPushButton(self.tr("Simpan PDF"))
        for button in (self.retry_button, self.pdf_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search keeps the keyboard
            button.hide()
        self.retry_button.clicked.connect(self.retry_failed)
        self.pdf_button.clicked.connect(self.save_pdf)
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.retry_button)
        bar.addPermanentWidget(self.pdf_button)
        self._show(LABEL_IDLE, None)

    # ---- settings -----------------------------------------------------------

    def _target(self) -> tuple:
        """(zone, printer, folder, logo), as application.print_receipt uses them."""
        return application.receipt_target(self.app.config)

    # ---- actions ------------------------------------------------------------

    def print_receipt(self, receipt_no: str) -> None:
        """After a committed payment: queue its receipt and print it."""
        self.last_receipt_no = receipt_no
        app = self.app

        def work() -> list[JobView]:  # on the worker: as the command line prints after paying
            return [application.print_receipt(app, receipt_no)]

        self._submit(work)

    def retry_failed(self) -> None:
        """Print the failed receipts again (they stay queued as failed if it fails again)."""
        if not self.failed:
            return
        app = self.app
        ids = [job.id for job in self.failed]
        zone, printer, folder, logo = self._target()

        def work() -> list[JobView]:  # on the worker
            done = []
            for job_id in ids:
                print_queue.retry(app.uow(), job_id)
                done.append(print_queue.print_job(app.uow(), job_id, zone, printer, folder, logo,
                                                  settings=app.config.receipt))
            return done

        self._submit(work)

    def save_pdf(self) -> None:
        """Save the failed receipts as PDF in the receipts folder."""
        if not self.failed:
            return
        app = self.app
        ids = [job.id for job in self.failed]
        zone, _printer, folder, logo = self._target()

        def work() -> list[JobView]:  # on the worker
            return [print_queue.job_to_pdf(app.uow(), job_id, zone, folder, logo=logo,
                                           settings=app.config.receipt) for job_id in ids]

        self._submit(work)

    def reprint_last(self) -> None:
        """F8 with nothing failed: print a copy ("SALINAN") of the last receipt."""
        if self.last_receipt_no is None:
            self._show(LABEL_NOTHING, None)
            return
        app, desk, receipt_no = self.app, self.desk, self.last_receipt_no
        zone, printer, folder, logo = self._target()

        def work() -> list[JobView]:  # on the worker
            job_id = print_queue.reprint(app.uow(), desk, receipt_no)
            return [print_queue.print_job(app.uow(), job_id, zone, printer, folder, logo,
                                          settings=app.config.receipt)]

        self._submit(work)

    def f8(self) -> None:
        """F8: retry what failed, or else a copy of the last receipt."""
        if self.pending:
            return  # one printer task at a time from the keyboard
        if self.failed:
            self.retry_failed()
        else:
            self.reprint_last()

    # ---- results --------------------------------------------------------------

    def _submit(self, work) -> None:  # noqa: ANN001
        if self.runner.closed:
            return
        self.pending += 1
        self.retry_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self._show(LABEL_PRINTING, None, tooltip="")
        self.runner.run(work, self._done, self._error)

    def _done(self, views: list[JobView]) -> None:
        self.pending -= 1
        touched = {v.id for v in views}
        self.failed = [j for j in self.failed if j.id not in touched] + [v for v in views if v.status == "failed"]
        if views:
            self.last_job = views[-1]
        self._refresh(views)
        self.settled.emit()

    def _error(self, error: CounterError) -> None:
        """The queue itself could not be used (the payment stays committed)."""
        self.pending -= 1
        log.warning("printing the receipt failed: %s", error)
        self._refresh([], str(error))
        self.settled.emit()

    def _refresh(self, views: list[JobView], error: str | None = None) -> None:
        self.retry_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        failing = bool(self.failed)
        self.retry_button.setVisible(failing)
        self.pdf_button.setVisible(failing)
        if error is not None:
            self._show(LABEL_FAILED, "offline", tooltip=error, reason=short_reason(error))
        elif failing:
            latest = self.failed[-1]
            more = self.tr(" ({n} struk)").format(n=len(self.failed)) if len(self.failed) > 1 else ""
            tip = "\n".join(f"{j.receipt_no}: {j.last_error}" for j in self.failed)
            self._show(LABEL_FAILED, "offline", more=more, reason=short_reason(latest.last_error),
                       tooltip=tip + "\n" + self.tr("Pembayaran tetap tersimpan. F8: cetak ulang; atau simpan sebagai PDF."))
        elif views and all(v.status == "pdf" for v in views) and self.app.config.printer.kind != "none":
            self._show(LABEL_PDF, "degraded", tooltip="\n".join(v.pdf_path for v in views))
        elif views and all(v.status == "pdf" for v in views):  # no printer: say where the receipt went
            self._show(LABEL_NO_PRINTER, "degraded", tooltip="\n".join(v.pdf_path for v in views))
        elif views:
            self._show(LABEL_READY, "online", tooltip="\n".join(self._news(v) for v in views))
        for view in views:
            if view.status != "failed":
                self.news.emit(self._news(view))

    def _news(self, view: JobView) -> str:
        """`Struk X tercetak.`, or where its PDF went; a copy says which copy."""
        copy = view.copy_number > 0
        if view.status == "pdf":
            return self.tr(NEWS_COPY_PDF if copy else NEWS_PDF).format(
                n=view.copy_number, receipt=view.receipt_no, path=view.pdf_path)
        return self.tr(NEWS_COPY_PRINTED if copy else NEWS_PRINTED).format(n=view.copy_number, receipt=view.receipt_no)

    def _show(self, label: str, level: str | None, tooltip: str | None = None, reason: str = "",
              more: str = "") -> None:
        """Show `label` (one of the LABEL_ source texts) in the desk's language."""
        self.shown = label
        text = self.tr(label).format(reason=reason) if label == LABEL_FAILED else self.tr(label)
        text += more
        self.label.setText(text)
        self.label.setAccessibleName(text)
        if tooltip is not None:
            self.label.setToolTip(tooltip)
        if level is None:
            self.label.setStyleSheet(f"color: {MUTED};")
            return
        background, colour, border = LEVEL_COLOURS[level]
        self.label.setStyleSheet(
            f"QLabel {{ background: {background}; color: {colour}; border: 1px solid {border};"
            " border-radius: 3px; padding: 1px 8px; font-weight: bold; }"
        )

    @property
    def state(self) -> str:
        """idle | printing | ready | failed | pdf, for tests and the cashier's help."""
        if self.pending:
            return "printing"
        if self.failed:
            return "failed"
        return STATES.get(self.shown, "idle")
