"""Correcting a customer's phone number and household size (Ctrl+E): the two
fields the cashier may change at the counter. `customer_details.update_details`
runs on the worker; a refusal is said in red and the dialog stays."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from counter.errors import CounterError
from counter.services.billing import CustomerDetail
from counter.services.context import Desk
from counter.services.customer_details import MAX_HOUSEHOLD, DetailsChanged, update_details
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("CustomerDialog", "Simpan [Enter]")


class CustomerDialog(FormDialog):
    saved = Signal(object)  # DetailsChanged

    def __init__(self, app, desk: Desk, runner: TaskRunner, customer: CustomerDetail,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(480, parent)
        self.app, self.desk, self.runner, self.customer = app, desk, runner, customer
        self.setWindowTitle(self.tr("Ubah data pelanggan"))
        title = QLabel(f"<b>{customer.number}</b> &nbsp; {customer.name}")
        title.setFont(font(14))
        self.phone = QLineEdit(customer.phone)
        self.phone.setFont(font(14))
        self.phone.setMaxLength(24)
        self.phone.setPlaceholderText("0812 3456 7890")
        self.phone.setAccessibleName(self.tr("Nomor telepon"))
        self.household = QSpinBox()
        self.household.setFont(font(14))
        self.household.setRange(1, MAX_HOUSEHOLD)
        self.household.setValue(max(1, customer.household_size))
        self.household.setSuffix(self.tr(" jiwa"))
        self.household.setAccessibleName(self.tr("Jumlah jiwa"))
        form = QFormLayout()
        form.addRow(self.tr("&Telepon"), self.phone)
        form.addRow(self.tr("&Jumlah jiwa"), self.household)
        for label in (form.labelForField(self.phone), form.labelForField(self.household)):
            label.setFont(font(12))
        note = QLabel(self.tr("Perubahan dicatat di jejak audit dan dikirim ke pusat. Jumlah jiwa dipakai untuk "
                              "menilai pemakaian air per orang."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")
        self.cancel_button = cancel_button(self.tr("Batal [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm)
        self.phone.returnPressed.connect(self.confirm)
        self.household.lineEdit().returnPressed.connect(self.confirm)
        self._lay_out(title, form, note, self.error, button_row(self.cancel_button, self.ok_button))
        self.phone.setFocus()

    def confirm(self) -> None:
        if self.submitting:
            return
        self.set_busy(True)
        app, desk, number = self.app, self.desk, self.customer.number
        phone, size = self.phone.text(), self.household.value()
        self.runner.run(lambda: update_details(app.uow(), desk, number, phone=phone, household_size=size),
                        self._saved, self.refused)

    def _saved(self, done: DetailsChanged) -> None:
        self.set_busy(False)
        self.saved.emit(done)
        self.accept()

    def refused(self, error: CounterError | str) -> None:
        self.set_busy(False)
        self._show_error(str(error), self.phone)

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.phone, self.household, self.ok_button, self.cancel_button),
                       self.tr("Menyimpan ...") if busy else self.tr(OK_TEXT))
        if not busy:
            self.phone.setFocus(Qt.FocusReason.OtherFocusReason)
