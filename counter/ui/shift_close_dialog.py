"""Closing the cashier's shift (F12): the drawer counted by denomination, with
the expected cash, the count and the variance updated as the cashier types;
a variance beyond the limit asks for a reason. `shifts.close_shift` runs on the
worker; then the Z-report is printed (or saved) and the desk asks for a new shift."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from counter.errors import CounterError
from counter.rules.cash import DENOMINATIONS, MAX_PIECES, counted_total
from counter.rules.money import format_rupiah
from counter.services import shifts
from counter.services.context import Desk
from counter.printing.day_figures import ShiftFigures
from counter.ui.approval_dialog import approve_then
from counter.ui.pay_dialog import method_label
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import GOOD, MUTED, SHORTFALL, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("ShiftCloseDialog", "Tutup shift [Ctrl+Enter]")


class ShiftCloseDialog(FormDialog):
    closed = Signal(object)  # ShiftFigures

    def __init__(self, app, desk: Desk, runner: TaskRunner, shift: ShiftFigures, variance_limit: int,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(620, parent)
        self.app, self.desk, self.runner, self.shift, self.limit = app, desk, runner, shift, variance_limit
        self.approval_dialog = None  # asked when the shift is another cashier's
        self.setWindowTitle(self.tr("Tutup shift"))

        title = QLabel(self.tr("Tutup shift <b>{who}</b> di loket {counter}, {date}").format(
            who=shift.cashier_name or shift.cashier, counter=shift.counter_code, date=f"{shift.business_date:%d-%m-%Y}"))
        title.setFont(font(14))
        taken = ", ".join(f"{method_label(t.label)} {t.count}× {format_rupiah(t.amount)}"
                          for t in shift.by_method) or self.tr("belum ada")
        summary = QLabel(self.tr("{n} struk ({taken}); {voids} batal.", "", shift.payments).format(
            n=shift.payments, taken=taken, voids=shift.voids))
        summary.setWordWrap(True)
        summary.setStyleSheet(f"color: {MUTED};")

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.pieces: dict[str, QSpinBox] = {}
        half = (len(DENOMINATIONS) + 1) // 2
        for i, denomination in enumerate(DENOMINATIONS):
            box = QSpinBox()
            box.setRange(0, MAX_PIECES)
            box.setFont(font(12))
            name = (self.tr("Koin {amount}") if denomination.coin else self.tr("Uang kertas {amount}")).format(
                amount=format_rupiah(denomination.value))  # denomination.label, in the desk's language
            box.setAccessibleName(name)
            box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            box.valueChanged.connect(self._update)
            self.pieces[denomination.key] = box
            caption = QLabel(name)
            caption.setBuddy(box)
            row, column = i % half, (i // half) * 2
            grid.addWidget(caption, row, column)
            grid.addWidget(box, row, column + 1)

        self.expected = QLabel()
        self.counted = QLabel()
        self.variance = QLabel()
        for label in (self.expected, self.counted, self.variance):
            label.setFont(font(13, bold=True))
        self.expected.setText(self.tr("Seharusnya di laci: {amount}").format(amount=format_rupiah(shift.expected_cash)))
        self.expected.setToolTip(self.tr("Modal awal {float} + tunai diterima {cash} - kembalian {change}").format(
            float=format_rupiah(shift.opening_float), cash=format_rupiah(shift.cash_taken),
            change=format_rupiah(shift.change_given)) + (self.tr(" - pengembalian uang {refunds}").format(
                refunds=format_rupiah(shift.refunds_paid)) if shift.refunds_paid else ""))
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Alasan selisih (wajib bila selisih lebih dari {limit})").format(
            limit=format_rupiah(variance_limit)))
        self.reason.setAccessibleName(self.tr("Alasan selisih"))

        self.cancel_button = cancel_button(self.tr("Batal [Esc]"), self.reject)
        self.ok_button = primary_button(OK_TEXT, self.confirm)
        self.keys = [QShortcut(QKeySequence(keys), self, self.confirm) for keys in ("Ctrl+Return", "Ctrl+Enter")]
        self._lay_out(title, summary, grid, self.expected, self.counted, self.variance, self.reason, self.error,
                      button_row(self.cancel_button, self.ok_button))
        self._update()
        self.pieces[DENOMINATIONS[0].key].setFocus()

    def counts(self) -> dict[str, int]:
        return {key: box.value() for key, box in self.pieces.items()}

    def counted_total(self) -> int:
        return counted_total(self.counts())

    def _update(self) -> None:
        counted = self.counted_total()
        variance = counted - self.shift.expected_cash
        self.counted.setText(self.tr("Dihitung: {amount}").format(amount=format_rupiah(counted)))
        if variance == 0:
            text, colour = self.tr("Selisih: PAS"), GOOD
        else:
            word = self.tr("KURANG") if variance < 0 else self.tr("LEBIH")
            text, colour = self.tr("Selisih: {word} {amount}").format(word=word, amount=format_rupiah(abs(variance))), SHORTFALL
        self.variance.setText(text)
        self.variance.setStyleSheet(f"color: {colour};")
        self.reason.setVisible(abs(variance) > self.limit or bool(self.reason.text()))

    def confirm(self) -> None:
        if self.submitting or self.approval_dialog is not None:
            return
        variance = self.counted_total() - self.shift.expected_cash
        if abs(variance) > self.limit and len(" ".join(self.reason.text().split())) < 5:
            self.reason.show()
            self._show_error(self.tr("Selisih melebihi {limit}: tulis alasannya (minimal 5 huruf).").format(
                limit=format_rupiah(self.limit)), self.reason)
            return
        app, desk, counts, reason, limit = self.app, self.desk, self.counts(), self.reason.text(), self.limit
        if self.shift.cashier != desk.username:  # left open by another cashier: a supervisor closes it
            self.error.hide()
            approve_then(
                self, self.runner, self.tr("Tutup shift {who}").format(who=self.shift.cashier),
                lambda given: shifts.close_shift(app.uow(), desk, counts, reason, limit, given),
                self._closed, self.refused)
            return
        self.set_busy(True)
        self.runner.run(lambda: shifts.close_shift(app.uow(), desk, counts, reason, limit), self._closed, self.refused)

    def _closed(self, shift: ShiftFigures) -> None:
        self.set_busy(False)
        self.closed.emit(shift)
        self.accept()

    def refused(self, error: CounterError | str) -> None:
        self.set_busy(False)
        self._show_error(str(error), self.reason)

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (*self.pieces.values(), self.reason, self.ok_button, self.cancel_button),
                       self.tr("Menyimpan ...") if busy else self.tr(OK_TEXT))
