"""Opening the cashier's shift: the float in the drawer (modal awal), typed with
thousands separators. `shifts.open_shift` runs on the worker; a refusal (an
admin takes no money, another shift still open at this counter) is said in red
and the dialog stays. Esc goes on to the desk without a shift."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from counter.errors import CounterError
from counter.rules.money import format_rupiah
from counter.services import shifts
from counter.services.context import Desk
from counter.services.shifts import ShiftView
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, FormDialog, RupiahEdit, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("ShiftDialog", "Buka shift [Enter]")


def shift_text(shift: ShiftView | None) -> str:
    """For the status bar: `Shift: modal Rp 500.000` or `Shift: belum dibuka`."""
    if shift is None:
        return QCoreApplication.translate("ShiftDialog", "Shift: belum dibuka")
    return QCoreApplication.translate("ShiftDialog", "Shift: modal {amount}").format(amount=format_rupiah(shift.opening_float))


class ShiftDialog(FormDialog):
    opened = Signal(object)  # ShiftView

    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(520, parent)
        self.app, self.desk, self.runner = app, desk, runner
        self.setWindowTitle(self.tr("Buka shift"))

        who = desk.full_name or desk.username
        title = QLabel(self.tr("Selamat bekerja, <b>{who}</b>.").format(who=who))
        title.setFont(font(15))
        question = QLabel(self.tr("Berapa <b>modal awal</b> (uang kembalian) di laci loket {counter} hari ini, {date}?").format(
            counter=desk.counter_code, date=f"{desk.today():%d-%m-%Y}"))
        question.setWordWrap(True)
        question.setFont(font(12))
        caption = QLabel(self.tr("&Modal awal (Rp)"))
        caption.setFont(font(12))
        self.amount = RupiahEdit()
        self.amount.setFont(font(20, bold=True))
        self.amount.setPlaceholderText("0")
        self.amount.setAccessibleName(self.tr("Modal awal"))
        self.amount.returnPressed.connect(self.confirm)
        caption.setBuddy(self.amount)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.amount, 1)
        note = QLabel(self.tr("Esc: lanjut tanpa membuka shift (misalnya admin, yang tidak menerima uang)."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")

        self.cancel_button = cancel_button(self.tr("Nanti saja [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm)
        self._lay_out(title, question, row, note, self.error, button_row(self.cancel_button, self.ok_button))
        self.amount.setFocus()

    def confirm(self) -> None:
        if self.submitting:
            return
        if not self.amount.text().strip():
            self._show_error(self.tr("Isi modal awal (0 bila laci kosong)."), self.amount)
            return
        try:
            amount = self.amount.value()
        except CounterError as error:
            self._show_error(str(error), self.amount)
            return
        self.set_busy(True)
        app, desk = self.app, self.desk
        self.runner.run(lambda: shifts.open_shift(app.uow(), desk, amount), self._opened, self.refused)

    def _opened(self, shift: ShiftView) -> None:
        self.set_busy(False)
        self.opened.emit(shift)
        self.accept()

    def refused(self, error: CounterError | str) -> None:
        self.set_busy(False)
        self._show_error(str(error), self.amount)

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.amount, self.ok_button, self.cancel_button),
                       self.tr("Menyimpan ...") if busy else self.tr(OK_TEXT))
        if not busy:
            self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
