"""Ctrl+G: a collective payment (kolektif): a housing complex, a company or a
family pays many connections with one tender.

All keyboard: a connection number typed or scanned + Enter adds it as a row
(its name, months and amount, read on the worker after a refresh from central);
Alt+G picks a saved group and Enter loads it whole; ↓ goes into the rows and
Delete takes one out. One total (cash rounded per connection's payment, as each
is paid), the method (Alt+C), the cash with its change; Enter on an empty number
field goes to the cash, Enter there pays (`application.pay_collective_then_print`).
A refusal is said in red in the dialog; nothing is written, and the rows are
read again so the new amounts show."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QTableWidget, QTableWidgetItem, QWidget,
)

from counter import application
from counter.errors import BillSelectionError, CounterError, InvalidInput, PaymentRefused
from counter.rules.money import format_rupiah
from counter.rules.settlement import settle
from counter.services.collective import MAX_MEMBERS, Member, MemberOwed, member_owed
from counter.services.context import Desk
from counter.services.payment_groups import list_groups, show_group
from counter.ui.pay_dialog import cash_field, method_box
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import (
    GOOD, MONEY_ALIGN, MUTED, SHORTFALL, FormDialog, MoneyLabel, button_row, cancel_button, font,
    months_label, primary_button,
)

OK_TEXT = QT_TRANSLATE_NOOP("CollectiveDialog", "BAYAR SEMUA [Enter]")
HEADERS = (QT_TRANSLATE_NOOP("CollectiveDialog", "No. sambungan"), QT_TRANSLATE_NOOP("CollectiveDialog", "Nama"),
           QT_TRANSLATE_NOOP("CollectiveDialog", "Bulan"), QT_TRANSLATE_NOOP("CollectiveDialog", "Jumlah"))
WIDTHS = (140, 240, 250, 120)
CHANGED = QColor("#fff3cd")  # a row whose amount changed when it was read again
FAILED = QColor("#fde2e4")  # a row that can no longer be paid (its reason as the tooltip)


def owed_now(app, central, desk: Desk, policy, number: str) -> MemberOwed:  # noqa: ANN001
    """On the worker: the connection's bills from central first (while it answers), then what it owes."""
    application.refresh_customer_from(app, central, number)
    with app.uow() as uow:
        return member_owed(uow.session, number, desk.today(), "cash", policy)


class NumberField(QLineEdit):
    """The connection number; ↓ goes into the rows."""

    def __init__(self, on_down, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._on_down = on_down

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        super().keyPressEvent(event)


class RowsTable(QTableWidget):
    """The connections to pay: Delete takes the current one out, ↑ from the first
    row goes back to the number field, Enter goes on to the cash."""

    remove = Signal(int)
    up_and_out = Signal()
    done = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.remove.emit(self.currentRow())
        elif key == Qt.Key.Key_Up and self.currentRow() <= 0:
            self.up_and_out.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done.emit()
        else:
            super().keyPressEvent(event)


class GroupBox(QComboBox):
    """The saved groups; Enter loads the chosen one (↑/↓ only choose)."""

    load = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.view().isVisible():
            self.load.emit()
            return
        super().keyPressEvent(event)


class CollectiveDialog(FormDialog):
    paid = Signal(object)  # application.Collected

    def __init__(self, app, desk: Desk, runner: TaskRunner, central=None,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(900, parent)
        self.app, self.desk, self.runner, self.central = app, desk, runner, central
        self.policy = application.payment_policy(app.config)
        self.rows: list[MemberOwed] = []
        self.pending = 0  # connections typed, still being read on the worker
        self.payer = ""  # who pays: the loaded group's name
        self.setWindowTitle(self.tr("Pembayaran kolektif"))
        title = QLabel(self.tr("<b>Pembayaran kolektif</b>: banyak sambungan, satu kali bayar; tiap sambungan "
                               "mendapat struknya sendiri"))
        title.setFont(font(13))
        title.setWordWrap(True)

        self.group = GroupBox()
        self.group.setFont(font(12))
        self.group.addItem(self.tr("(tanpa grup)"), "")
        self.group.setAccessibleName(self.tr("Grup tersimpan"))
        self.group.load.connect(self.load_group)
        group_caption = QLabel(self.tr("&Grup tersimpan:"))
        group_caption.setBuddy(self.group)
        self.number = NumberField(self._into_rows)
        self.number.setFont(font(14))
        self.number.setMaxLength(40)
        self.number.setPlaceholderText(self.tr("ketik atau pindai no. sambungan, Enter"))
        self.number.setAccessibleName(self.tr("Nomor sambungan"))
        self.number.returnPressed.connect(self._number_entered)
        number_caption = QLabel(self.tr("No. &sambungan:"))
        number_caption.setBuddy(self.number)
        pick = QHBoxLayout()
        pick.addWidget(number_caption)
        pick.addWidget(self.number, 1)
        pick.addSpacing(16)
        pick.addWidget(group_caption)
        pick.addWidget(self.group, 1)

        self.table = RowsTable(0, len(HEADERS))
        self.table.setFont(font(12))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(28)
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(220)
        self.table.setAccessibleName(self.tr("Sambungan yang dibayar"))
        self.table.remove.connect(self.remove_row)
        self.table.up_and_out.connect(self.number.setFocus)
        self.table.done.connect(self._focus_input)
        hint = QLabel(self.tr("Enter: tambah sambungan  |  ↓ lalu Delete: hapus baris  |  Alt+G: grup, Enter: muat  "
                              "|  Enter di kolom kosong: ke uang diterima  |  Esc: tutup"))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")

        self.count_label = QLabel()
        self.count_label.setFont(font(12))
        self.total_caption = QLabel(self.tr("TOTAL"))
        self.total_caption.setFont(font(14, bold=True))
        self.total_label = MoneyLabel(26)
        self.total_label.setAccessibleName(self.tr("Total kolektif"))
        self.rounding_note = QLabel()
        self.rounding_note.setAlignment(MONEY_ALIGN)
        self.rounding_note.setStyleSheet(f"color: {MUTED};")
        self.method = method_box()
        self.method.currentIndexChanged.connect(self._method_changed)
        self.tendered = cash_field(20)
        self.tendered.textChanged.connect(self._update_change)
        self.tendered.returnPressed.connect(self.confirm)
        self.reference = QLineEdit()
        self.reference.setFont(font(13))
        self.reference.setMaxLength(64)
        self.reference.setPlaceholderText(self.tr("no. transaksi / kode persetujuan"))
        self.reference.returnPressed.connect(self.confirm)
        self.change_caption = QLabel(self.tr("KEMBALIAN"))
        self.change_caption.setFont(font(14, bold=True))
        self.change = MoneyLabel(28)
        self.change.setAccessibleName(self.tr("Kembalian"))
        self.print_each = QCheckBox(self.tr("Cetak juga s&truk tiap sambungan"))

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setColumnStretch(1, 1)
        self._captions: dict[QWidget, QLabel] = {}
        for row, (caption, field) in enumerate(((self.total_caption, self.total_label), (None, self.rounding_note),
                                                (self.tr("&Cara bayar"), self.method),
                                                (self.tr("&Uang diterima"), self.tendered),
                                                (self.tr("No. &referensi"), self.reference),
                                                (self.change_caption, self.change))):
            if caption is not None:
                label = caption if isinstance(caption, QLabel) else QLabel(caption)
                label.setFont(label.font() if isinstance(caption, QLabel) else font(12))
                label.setBuddy(field)
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._captions[field] = label
            grid.addWidget(field, row, 1)
        totals = QHBoxLayout()
        totals.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignTop)
        totals.addLayout(grid, 2)

        self.cancel_button = cancel_button(self.tr("Tutup [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm, 14, 48, padding=22)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        self._lay_out(title, pick, self.table, hint, totals, self.error,
                      button_row(self.cancel_button, self.ok_button, lead=self.print_each))
        self._method_changed()
        self._show_rows()
        self.number.setFocus()
        runner.run(lambda: list_groups(app.uow()), self._show_groups, lambda e: None, quiet=True)

    # ---- the figures -----------------------------------------------------------------------

    @property
    def method_key(self) -> str:
        return self.method.currentData()

    def due(self, row: MemberOwed) -> int:
        """What the row's own payment takes by the chosen method (cash rounded as one receipt)."""
        return settle(row.total, 0, self.method_key, self.policy.cash_rounding).due

    @property
    def total(self) -> int:
        return sum(self.due(row) for row in self.rows)

    def _input(self) -> QLineEdit:
        return self.tendered if self.method_key == "cash" else self.reference

    def _method_changed(self) -> None:
        cash = self.method_key == "cash"
        for field, visible in ((self.tendered, cash), (self.reference, not cash), (self.change, cash)):
            field.setVisible(visible)
            self._captions[field].setVisible(visible)
        self._show_total()

    def _show_total(self) -> None:
        total = self.total
        self.total_label.set_amount(total)
        rounding = total - sum(row.total for row in self.rows)
        self.rounding_note.setText(self.tr("termasuk pembulatan tunai {amount} (per struk)").format(
            amount=format_rupiah(rounding)) if rounding else "")
        self.count_label.setText(self.tr("{n} sambungan").format(n=len(self.rows))
                                 + (f"<br><b>{self.payer}</b>" if self.payer else ""))
        self._update_change()

    def _update_change(self) -> None:
        if self.method_key != "cash":
            return
        tendered = self.tendered.value_or_none()
        if tendered is None:
            self.change.setText("-")
            self.change.setStyleSheet(f"color: {MUTED};")
            self.change_caption.setText(self.tr("KEMBALIAN"))
        elif tendered < self.total:
            self.change.set_amount(self.total - tendered)
            self.change.setStyleSheet(f"color: {SHORTFALL};")
            self.change_caption.setText(self.tr("KURANG"))
        else:
            self.change.set_amount(tendered - self.total)
            self.change.setStyleSheet(f"color: {GOOD};")
            self.change_caption.setText(self.tr("KEMBALIAN"))

    def _show_rows(self, marks: dict[int, tuple[QColor, str]] | None = None) -> None:
        """The rows in the table; `marks`: a row's shade and tooltip (changed, or no longer payable)."""
        marks = marks or {}
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (row.number, row.name, self.tr("{n} bln: {months}").format(n=len(row.periods), months=months_label(row.periods)),
                     format_rupiah(row.total))
            shade, why = marks.get(index, (None, ""))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(MONEY_ALIGN)
                if shade is not None:
                    item.setBackground(QBrush(shade))
                item.setToolTip(why or row.address)
                self.table.setItem(index, column, item)
        self._show_total()

    # ---- choosing the connections ----------------------------------------------------------

    def _into_rows(self) -> None:
        if self.rows:  # from the top, as ↓ from the desk's search goes into its results
            self.table.setFocus()
            self.table.setCurrentCell(0, 0)

    def _focus_input(self) -> None:
        self._input().setFocus()
        self._input().selectAll()

    def _reader(self):  # noqa: ANN202 - str -> MemberOwed
        """What the worker runs for a number: it holds the app, never the dialog
        (a widget let go on the worker thread would be destroyed there)."""
        app, central, desk, policy = self.app, self.central, self.desk, self.policy
        return lambda number: owed_now(app, central, desk, policy, number)

    def _number_entered(self) -> None:
        """Enter in the number field: the connection is read on the worker and
        added when it comes; the field is free at once for the next scan."""
        if self.submitting:
            return
        number = self.number.text().strip()
        if not number:
            if self.rows:
                self._focus_input()
            else:
                self._show_error(self.tr("Ketik atau pindai nomor sambungan dulu."), self.number)
            return
        if len(self.rows) + self.pending >= MAX_MEMBERS:
            self._show_error(self.tr("Satu pembayaran kolektif paling banyak {n} sambungan.").format(n=MAX_MEMBERS),
                             self.number)
            return
        self.number.clear()
        self.pending += 1
        read = self._reader()
        self.runner.run(lambda: read(number), self._add_row, self._not_added)

    def _add_row(self, row: MemberOwed) -> None:
        self.pending -= 1
        if any(r.number == row.number for r in self.rows):
            self._show_error(self.tr("Sambungan {number} sudah ada di daftar.").format(number=row.number), self.number)
            return
        self.rows.append(row)
        self.error.hide()
        self._show_rows()
        self.table.setCurrentCell(len(self.rows) - 1, 0)
        self.number.setFocus()

    def _not_added(self, error: CounterError) -> None:
        self.pending -= 1
        self._show_error(str(error), self.number)

    def remove_row(self, index: int) -> None:
        if self.submitting or not 0 <= index < len(self.rows):
            return
        del self.rows[index]
        self._show_rows()
        if self.rows:
            self.table.setCurrentCell(min(index, len(self.rows) - 1), 0)
        else:
            self.number.setFocus()

    def _show_groups(self, groups: list) -> None:
        for group in groups:
            self.group.addItem(f"{group.code}  {group.name}  ({len(group.numbers)})", group.code)

    def load_group(self) -> None:
        code = self.group.currentData()
        if self.submitting or not code:
            return
        self.pending += 1
        app, read = self.app, self._reader()

        def load() -> tuple:
            group = show_group(app.uow(), code)
            rows, problems = [], []
            for number in group.numbers:
                try:
                    rows.append(read(number))
                except CounterError as error:
                    problems.append(str(error))
            return group.label, rows, problems

        self.runner.run(load, self._group_loaded, self._not_added)

    def _group_loaded(self, loaded: tuple) -> None:
        label, rows, problems = loaded
        self.pending -= 1
        self.payer = label
        known = {r.number for r in self.rows}
        self.rows += [r for r in rows if r.number not in known]
        self._show_rows()
        if problems:  # left out, said: the cashier decides with the payer
            self._show_error(self.tr("Tidak ikut dibayar: {problems}").format(problems=" ".join(problems)),
                             self.number)
        else:
            self.error.hide()
            self._focus_input()

    # ---- paying ----------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.submitting:
            return
        if self.pending:  # Enter right after a scan: that connection is still on its way
            self._show_error(self.tr("Sambungan yang baru diketik masih dibaca; tekan Enter lagi sebentar lagi."),
                             self._input())
            return
        if not self.rows:
            self._show_error(self.tr("Tambahkan minimal satu sambungan."), self.number)
            return
        try:
            tendered = self.tendered.value() if self.method_key == "cash" else None
        except InvalidInput as error:
            self._show_error(str(error), self.tendered)
            return
        app, desk, method, reference = self.app, self.desk, self.method_key, self.reference.text().strip()
        members, total = [Member(r.number, r.total) for r in self.rows], self.total
        payer, each = self.payer, self.print_each.isChecked()
        self.set_busy(True)
        self.runner.run(
            lambda: application.pay_collective_then_print(app, desk, members, method=method, tendered=tendered,
                                                          reference=reference, expected_total=total, label=payer,
                                                          print_each=each),
            self._paid, self._refused)

    def _paid(self, done: application.Collected) -> None:
        self.set_busy(False)
        self.paid.emit(done)
        self.accept()

    def _refused(self, error: CounterError) -> None:
        """Said in red; when the bills may have changed, every row is read again
        (a changed amount shaded, one that can no longer be paid in red)."""
        self.set_busy(False)
        self._show_error(str(error), self._input())
        if isinstance(error, (PaymentRefused, BillSelectionError)) and self.rows:
            numbers, read = [r.number for r in self.rows], self._reader()

            def reread() -> list:
                found = []
                for number in numbers:
                    try:
                        found.append(read(number))
                    except CounterError as problem:
                        found.append(str(problem))
                return found

            self.runner.run(reread, self._reread, lambda e: None, quiet=True)

    def _reread(self, found: list) -> None:
        marks = {}
        for index, (old, new) in enumerate(zip(self.rows, found)):
            if isinstance(new, str):
                marks[index] = (FAILED, new)
            elif new != old:
                self.rows[index] = new
                marks[index] = (CHANGED, self.tr("Jumlah berubah: tadi {amount}").format(
                    amount=format_rupiah(old.total)))
        self._show_rows(marks)

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.number, self.group, self.table, self.method, self.tendered, self.reference,
                              self.print_each, self.ok_button, self.cancel_button),
                       self.tr("Menyimpan ...") if busy else self.tr(OK_TEXT))
