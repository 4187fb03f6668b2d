"""Ctrl+K: a book of paper receipts (kuitansi manual) written during an outage,
typed in a table as fast as the cashier reads it: Enter moves to the next cell,
at the end of a row to the next row (a new one after the last); the cashier and
the date are carried down from the row above. The book's stated total is typed
below; Ctrl+Enter checks the whole book on the worker (`paper_receipts.check_book`),
then a supervisor approves and it is recorded (`application.enter_paper_book`).
A refusal names every bad row: said in red, the rows marked, nothing recorded."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QTableWidget, QTableWidgetItem, QWidget,
)

from counter import application
from counter.errors import CounterError, InvalidInput
from counter.rules.money import format_rupiah, parse_rupiah
from counter.services.context import Desk
from counter.services.outages import list_outages, span
from counter.services.paper_receipts import COLUMNS, PaperBookRefused, check_book, parse_rows
from counter.ui.approval_dialog import approve_then
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("PaperDialog", "Catat buku [Ctrl+Enter]")
HEADERS = (QT_TRANSLATE_NOOP("PaperDialog", "No. sambungan"), QT_TRANSLATE_NOOP("PaperDialog", "Bulan"),
           QT_TRANSLATE_NOOP("PaperDialog", "No. kuitansi"), QT_TRANSLATE_NOOP("PaperDialog", "Jumlah"),
           QT_TRANSLATE_NOOP("PaperDialog", "Kasir"), QT_TRANSLATE_NOOP("PaperDialog", "Tanggal"))
WIDTHS = (150, 150, 120, 120, 100, 110)
CARRIED = (COLUMNS.index("cashier"), COLUMNS.index("written_on"))  # carried down from the row above
AMOUNT = COLUMNS.index("amount")
ROWS = 8  # empty rows to start with
BAD_ROW = QColor("#fde2e4")


class PaperTable(QTableWidget):
    """A table typed into cell after cell: Enter commits and moves on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ROWS, len(COLUMNS), parent)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.AnyKeyPressed | triggers.EditKeyPressed | triggers.DoubleClicked
                             | triggers.SelectedClicked)  # typing in a cell starts it afresh
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(28)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802 - Qt
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in a cell: on to the next
            self._room_after()
            hint = QAbstractItemDelegate.EndEditHint.EditNextItem
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.state() != QAbstractItemView.State.EditingState:  # (a cell's editor moves on as it closes)
                self.next_cell()
            event.accept()
            return
        super().keyPressEvent(event)

    def _room_after(self) -> None:
        """A new row when the current cell is the very last one."""
        if self.currentRow() == self.rowCount() - 1 and self.currentColumn() == self.columnCount() - 1:
            self.insertRow(self.rowCount())

    def next_cell(self) -> None:
        self._room_after()
        row, column = self.currentRow(), self.currentColumn() + 1
        if column >= self.columnCount():
            row, column = row + 1, 0
        self.setCurrentCell(row, column)
        self.editItem(self.item(row, column) or self._blank(row, column))

    def _blank(self, row: int, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem("")
        self.setItem(row, column, item)
        return item

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def filled_rows(self) -> list[tuple[int, dict[str, str]]]:
        """(row number from 1, cells by column name) of every row with something typed."""
        rows = []
        for row in range(self.rowCount()):
            cells = {name: self.text(row, column) for column, name in enumerate(COLUMNS)}
            if any(cells[name] for name in COLUMNS if name not in ("cashier", "written_on")):
                rows.append((row + 1, cells))
        return rows


class PaperDialog(FormDialog):
    entered = Signal(object)  # application.PaperBook

    def __init__(self, app, desk: Desk, runner: TaskRunner, central=None,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(900, parent)
        self.app, self.desk, self.runner, self.central = app, desk, runner, central
        self.approval_dialog = None
        self.setWindowTitle(self.tr("Kuitansi manual masa gangguan"))
        title = QLabel(self.tr("<b>Kuitansi manual</b>: satu buku kuitansi kertas yang ditulis saat sistem "
                               "pembayaran terganggu"))
        title.setFont(font(13))
        title.setWordWrap(True)
        self.outages = QLabel(self.tr("Membaca gangguan yang tercatat ..."))
        self.outages.setWordWrap(True)
        self.outages.setStyleSheet(f"color: {MUTED};")
        self.table = PaperTable()
        self.table.setFont(font(12))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Kuitansi manual, satu baris per kuitansi"))
        self.table.setMinimumHeight(260)
        self.table.itemChanged.connect(self._changed)
        hint = QLabel(self.tr("Enter: sel berikutnya (akhir baris: baris berikutnya). Bulan: 2026-03, beberapa "
                              "dipisah spasi. Jumlah dengan denda dan meterai per tanggal kuitansi. Kasir dan "
                              "tanggal ikut dari baris di atas. Tanggal: 12-04-2026."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")
        self.book_total = QLineEdit()
        self.book_total.setFont(font(13))
        self.book_total.setMaxLength(20)
        self.book_total.setPlaceholderText("1.250.000")
        self.book_total.setAccessibleName(self.tr("Jumlah di buku"))
        self.book_total.returnPressed.connect(self.confirm)
        caption = QLabel(self.tr("Jumlah di &buku:"))
        caption.setBuddy(self.book_total)
        caption.setFont(font(12))
        self.sum = QLabel()
        self.sum.setFont(font(12))
        self.printing = QCheckBox(self.tr("Cetak struk pengganti"))
        totals = QHBoxLayout()
        totals.addWidget(caption)
        totals.addWidget(self.book_total)
        totals.addSpacing(16)
        totals.addWidget(self.sum, 1)
        totals.addWidget(self.printing)
        self.cancel_button = cancel_button(self.tr("Tutup [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm)
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)  # Enter belongs to the table
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        self._lay_out(title, self.outages, self.table, hint, totals, self.error,
                      button_row(self.cancel_button, self.ok_button))
        self._show_sum()
        self.table.setCurrentCell(0, 0)
        self.table.setFocus()
        runner.run(lambda: list_outages(app.uow(), desk), self._show_outages, lambda e: None, quiet=True)

    # ---- typing ----------------------------------------------------------------------

    def _changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if item.column() == 0 and item.text().strip() and row > 0:
            for column in CARRIED:
                above = self.table.text(row - 1, column)
                if above and not self.table.text(row, column):
                    self.table.setItem(row, column, QTableWidgetItem(above))
        if item.column() == AMOUNT:
            self._show_sum()

    def _show_sum(self) -> None:
        amounts = []
        for _row, cells in self.table.filled_rows():
            try:
                amounts.append(parse_rupiah(cells["amount"]))
            except InvalidInput:
                pass
        self.sum.setText(self.tr("Jumlah baris: <b>{amount}</b> ({n} kuitansi)").format(
            amount=format_rupiah(sum(amounts)), n=len(self.table.filled_rows())))

    def _show_outages(self, found: list) -> None:
        if not found:
            self.outages.setText(self.tr("Belum ada gangguan yang tercatat: kepala unit mencatatnya dulu "
                                         "(counter outage open)."))
            self.outages.setStyleSheet("color: #b00020;")
            return
        shown = "; ".join(f"{span(o.date_from, o.date_to)} ({o.reason})" for o in found[:3])
        self.outages.setText(self.tr("Gangguan tercatat: {outages}").format(outages=shown))

    # ---- recording ---------------------------------------------------------------------

    def confirm(self) -> None:
        if self.submitting or self.approval_dialog is not None:
            return
        raw = self.table.filled_rows()
        try:
            total = parse_rupiah(self.book_total.text())
        except InvalidInput:
            self._show_error(self.tr("Isi jumlah yang tertulis di buku kuitansi, mis. 1.250.000."), self.book_total)
            return
        self._mark_rows(())
        self.set_busy(True)
        app, desk = self.app, self.desk

        def check() -> list:
            rows = parse_rows(raw)
            check_book(app.uow(), desk, rows, total)
            return rows

        self.runner.run(check, lambda rows: self._approve(rows, total), self.refused)

    def _approve(self, rows: list, total: int) -> None:
        self.set_busy(False)
        app, desk, central, printing = self.app, self.desk, self.central, self.printing.isChecked()
        act = QCoreApplication.translate("PaperDialog", "Mencatat {n} kuitansi manual ({amount})").format(
            n=len(rows), amount=format_rupiah(total))
        approve_then(self, self.runner, act,
                     lambda approval: application.enter_paper_book(app, desk, rows, total, approval, central,
                                                                   printing=printing),
                     self._entered, self.refused)

    def _entered(self, done: application.PaperBook) -> None:
        self.set_busy(False)
        self.entered.emit(done)
        self.accept()

    def refused(self, error: CounterError | str) -> None:
        self.set_busy(False)
        if isinstance(error, PaperBookRefused):
            self._mark_rows(error.problems)
        self._show_error(str(error), self.book_total)
        self.table.setFocus()

    def _mark_rows(self, problems: tuple) -> None:
        """Rows with a problem shaded, the problem as their tooltip; the others clear."""
        said: dict[int, list[str]] = {}
        for line, message in problems:
            if line:
                said.setdefault(line - 1, []).append(message)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column) or QTableWidgetItem("")
                if self.table.item(row, column) is None:
                    self.table.setItem(row, column, item)
                item.setBackground(QBrush(BAD_ROW) if row in said else QBrush())
                item.setToolTip("\n".join(said.get(row, [])))
        self.table.blockSignals(False)
        if said:
            self.table.setCurrentCell(min(said), 0)

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.table, self.book_total, self.printing, self.ok_button, self.cancel_button),
                       self.tr("Memeriksa ...") if busy else self.tr(OK_TEXT))
