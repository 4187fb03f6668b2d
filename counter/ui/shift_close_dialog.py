"""Closing the cashier's shift (F12): the drawer counted by denomination, with
the expected cash, the count and the variance updated as the cashier types;
a variance beyond the limit asks for a reason. `shifts.close_shift` runs on the
worker; then the Z-report is printed (or saved) and the desk asks for a new shift.

Notes in one column, coins in the other, each row with its amount and each
column with its subtotal. A blind count (Alt+H, remembered on this computer:
`closing/blind_count` in the desk's QSettings) hides what the drawer should
hold and the variance until the count is entered (Ctrl+Enter); the count is
then fixed and shown against it, and Ctrl+Enter again closes the shift."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from counter.errors import CounterError
from counter.rules.cash import DENOMINATIONS, MAX_PIECES, counted_total
from counter.rules.money import format_rupiah
from counter.services import shifts
from counter.services.context import Desk
from counter.printing.day_figures import ShiftFigures
from counter.ui.approval_dialog import approve_then
from counter.ui.pay_dialog import method_label
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import (
    GOOD, MONEY_ALIGN, MUTED, SHORTFALL, FormDialog, button_row, cancel_button, desk_settings, font, primary_button,
)

OK_TEXT = QT_TRANSLATE_NOOP("ShiftCloseDialog", "Tutup shift [Ctrl+Enter]")
ENTER_COUNT_TEXT = QT_TRANSLATE_NOOP("ShiftCloseDialog", "Masukkan hitungan [Ctrl+Enter]")
BLIND_KEY = "closing/blind_count"  # the desk's QSettings: count blind on this computer


class ShiftCloseDialog(FormDialog):
    closed = Signal(object)  # ShiftFigures

    def __init__(self, app, desk: Desk, runner: TaskRunner, shift: ShiftFigures, variance_limit: int,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(780, parent)
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
        self.amounts: dict[str, QLabel] = {}  # each row's pieces x value
        rows = {False: 0, True: 0}  # notes in the left columns, coins in the right ones
        for denomination in DENOMINATIONS:
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
            caption.setMinimumWidth(caption.sizeHint().width())  # never cut: the amount gives way
            amount = QLabel()
            amount.setAlignment(MONEY_ALIGN)
            amount.setMinimumWidth(96)
            amount.setStyleSheet(f"color: {MUTED};")
            self.amounts[denomination.key] = amount
            row, column = rows[denomination.coin], 4 if denomination.coin else 0
            rows[denomination.coin] += 1
            grid.addWidget(caption, row, column)
            grid.addWidget(box, row, column + 1)
            grid.addWidget(amount, row, column + 2)
        self.notes_total, self.coins_total = QLabel(), QLabel()
        for label, column in ((self.notes_total, 0), (self.coins_total, 4)):
            label.setFont(font(12, bold=True))
            label.setAlignment(MONEY_ALIGN)
            grid.addWidget(label, max(rows.values()), column, 1, 3)
        grid.setColumnMinimumWidth(3, 24)  # between the notes and the coins
        grid.setColumnStretch(7, 1)

        self.blind = QCheckBox(self.tr("&Hitung buta: jumlah seharusnya ditampilkan setelah hitungan dimasukkan"))
        self.blind.setToolTip(self.tr("Hitung laci tanpa melihat jumlah yang seharusnya; Ctrl+Enter memasukkan "
                                      "hitungan, lalu jumlah seharusnya dan selisihnya tampil. Diingat di komputer ini."))
        self.blind.setChecked(str(desk_settings().value(BLIND_KEY, "false")).lower() == "true")
        self.blind.toggled.connect(self._blind_toggled)
        self.revealed = False  # a blind count entered: what the drawer should hold shows, the count is fixed

        self.expected = QLabel()
        self.counted = QLabel()
        self.variance = QLabel()
        for label in (self.expected, self.counted, self.variance):
            label.setFont(font(13, bold=True))
            label.setWordWrap(True)
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
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm)
        self.keys = [QShortcut(QKeySequence(keys), self, self.confirm) for keys in ("Ctrl+Return", "Ctrl+Enter")]
        self._lay_out(title, summary, self.blind, grid, self.expected, self.counted, self.variance, self.reason,
                      self.error, button_row(self.cancel_button, self.ok_button))
        self.expected_text = self.expected.text()
        self._update()
        first = self.pieces[DENOMINATIONS[0].key]
        first.setFocus()
        first.selectAll()  # typing replaces the 0

    def counts(self) -> dict[str, int]:
        return {key: box.value() for key, box in self.pieces.items()}

    def counted_total(self) -> int:
        return counted_total(self.counts())

    @property
    def hidden(self) -> bool:
        """A blind count not yet entered: what the drawer should hold stays hidden."""
        return self.blind.isChecked() and not self.revealed

    def _blind_toggled(self, on: bool) -> None:
        desk_settings().setValue(BLIND_KEY, "true" if on else "false")
        self._update()
        first = self.pieces[DENOMINATIONS[0].key]
        first.setFocus()
        first.selectAll()  # typing replaces the 0

    def _update(self) -> None:
        counts = self.counts()
        for denomination in DENOMINATIONS:
            self.amounts[denomination.key].setText(format_rupiah(counts[denomination.key] * denomination.value))
        notes = sum(counts[d.key] * d.value for d in DENOMINATIONS if not d.coin)
        coins = sum(counts[d.key] * d.value for d in DENOMINATIONS if d.coin)
        self.notes_total.setText(self.tr("Uang kertas: {amount}").format(amount=format_rupiah(notes)))
        self.coins_total.setText(self.tr("Koin: {amount}").format(amount=format_rupiah(coins)))
        counted = self.counted_total()
        variance = counted - self.shift.expected_cash
        self.counted.setText(self.tr("Dihitung: {amount}").format(amount=format_rupiah(counted)))
        if self.hidden:
            self.expected.setText(self.tr("Seharusnya di laci: tampil setelah hitungan dimasukkan (Ctrl+Enter)"))
            self.expected.setStyleSheet(f"color: {MUTED};")
            self.variance.hide()
            self.reason.setVisible(bool(self.reason.text()))
            self.ok_button.setText(self.tr(ENTER_COUNT_TEXT))
            return
        self.expected.setText(self.expected_text)
        self.expected.setStyleSheet("")
        self.variance.show()
        if not self.submitting:
            self.ok_button.setText(self.tr(OK_TEXT))
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
        if self.hidden:  # the blind count entered: fixed, and shown against what the drawer should hold
            self.revealed = True
            self.blind.setEnabled(False)
            for box in self.pieces.values():
                box.setReadOnly(True)
            self._update()
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
        self.blind.setEnabled(not busy and not self.revealed)
