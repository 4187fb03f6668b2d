"""Voiding a payment (F7, *Batal struk*): the receipt number (typed or scanned;
this counter's last receipt of today to start with), the reason, then a
supervisor's user name and PIN (the approval dialog). `voids.void_payment`
runs on the worker; the bills it paid return to arrears. A refused PIN is said
in the approval dialog; any other refusal (no such receipt, another day's,
already void) in red here, with everything typed kept."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from counter.errors import ApprovalRefused, CounterError
from counter.services import print_queue, voids
from counter.services.approval import Approval
from counter.services.context import Desk
from counter.services.voids import Voided
from counter.ui.approval_dialog import ApprovalDialog
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = "Batalkan struk [Enter]"
REASON_MIN, REASON_MAX = 5, 200


def last_receipt_of(app, desk: Desk) -> str:  # noqa: ANN001 - on the worker
    """The newest receipt this counter printed today (its first print job), or ""."""
    prefix = f"{desk.office_code}-{desk.counter_code}-{desk.today():%Y%m%d}-"
    numbers = [job.receipt_no for job in print_queue.jobs(app.uow())
               if job.copy_number == 0 and job.receipt_no.startswith(prefix)]
    return max(numbers, default="")


class VoidDialog(FormDialog):
    voided = Signal(object)  # voids.Voided

    def __init__(self, app, desk: Desk, runner: TaskRunner, receipt_no: str = "",  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(620, parent)
        self.app, self.desk, self.runner = app, desk, runner
        self.approval_dialog: ApprovalDialog | None = None
        self.setWindowTitle("Pembatalan pembayaran")

        title = QLabel("Batalkan pembayaran yang diterima <b>hari ini</b>")
        title.setFont(font(14))
        hint = QLabel("Rekening yang dibayar kembali menjadi tunggakan. Perlu alasan dan persetujuan kepala unit. "
                      "Pembayaran hari lain: ajukan koreksi ke kantor cabang.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")

        self.receipt = QLineEdit(receipt_no)
        self.receipt.setFont(font(14))
        self.receipt.setMaxLength(64)
        self.receipt.setPlaceholderText("ketik atau pindai no. struk")
        self.receipt.setAccessibleName("Nomor struk")
        self.receipt.returnPressed.connect(self._next)
        self.reason = QLineEdit()
        self.reason.setFont(font(13))
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText("mis. salah pelanggan, uang palsu, salah bulan")
        self.reason.setAccessibleName("Alasan pembatalan")
        self.reason.returnPressed.connect(self.confirm)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for text, field in (("No. &struk", self.receipt), ("&Alasan", self.reason)):
            caption = QLabel(text)
            caption.setFont(font(12))
            caption.setBuddy(field)
            form.addRow(caption, field)

        self.cancel_button = cancel_button("Tutup [Esc]", self.reject)
        self.ok_button = primary_button(OK_TEXT, self.confirm, colour="#c62828", padding=22)
        self._lay_out(title, hint, form, self.error, button_row(self.cancel_button, self.ok_button))
        (self.reason if receipt_no else self.receipt).setFocus()
        if not receipt_no:  # this counter's last receipt of today, read on the worker
            runner.run(lambda: last_receipt_of(app, desk), self._last_receipt, lambda _error: None,
                       tag="void-last", quiet=True)

    def _last_receipt(self, receipt_no: str) -> None:
        if receipt_no and not self.receipt.text():
            self.receipt.setText(receipt_no)
            self.receipt.selectAll()  # a scan replaces it

    def _next(self) -> None:
        if self.receipt.text().strip():
            self.reason.setFocus()
        else:
            self._show_error("Isi nomor struk yang dibatalkan.", self.receipt)

    def confirm(self) -> None:
        """Enter: check what was typed, then ask the supervisor."""
        if self.submitting or self.approval_dialog is not None:
            return
        receipt_no = self.receipt.text().strip()
        reason = " ".join(self.reason.text().split())
        if not receipt_no:
            self._show_error("Isi nomor struk yang dibatalkan.", self.receipt)
            return
        if not REASON_MIN <= len(reason) <= REASON_MAX:
            self._show_error(f"Tulis alasan pembatalan ({REASON_MIN}-{REASON_MAX} huruf).", self.reason)
            return
        self.error.hide()
        dialog = ApprovalDialog(f"Pembatalan struk {receipt_no}", self)
        dialog.approved.connect(lambda given: self._void(dialog, receipt_no, reason, given))
        dialog.finished.connect(lambda _result: self._approval_closed(dialog))
        self.approval_dialog = dialog
        dialog.open()

    def _void(self, dialog: ApprovalDialog, receipt_no: str, reason: str, given: Approval) -> None:
        self.set_busy(True)
        app, desk = self.app, self.desk
        self.runner.run(lambda: voids.void_payment(app.uow(), desk, receipt_no, reason, given),
                        lambda done: self._done(dialog, done), lambda error: self._refused(dialog, error))

    def _done(self, dialog: ApprovalDialog, done: Voided) -> None:
        self.set_busy(False)
        dialog.set_busy(False)
        dialog.accept()
        self.voided.emit(done)
        self.accept()

    def _refused(self, dialog: ApprovalDialog, error: CounterError) -> None:
        self.set_busy(False)
        if isinstance(error, ApprovalRefused):
            dialog.refused(str(error))  # the supervisor types the PIN again
            return
        dialog.set_busy(False)
        dialog.reject()
        self._show_error(str(error), self.receipt)

    def _approval_closed(self, dialog: ApprovalDialog) -> None:
        if self.approval_dialog is dialog:
            self.approval_dialog = None
        dialog.deleteLater()

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.receipt, self.reason, self.ok_button, self.cancel_button),
                       "Membatalkan ..." if busy else OK_TEXT)


def describe(done: Voided) -> str:
    return voids.describe(done)
