"""Voiding a payment (F7, *Batal struk*): the receipt (chosen from today's
receipts of this counter, or typed or scanned), the reason, then a supervisor's
user name and PIN (the approval dialog). `voids.void_payment` runs on the
worker; the bills it paid return to arrears. A refused PIN is said in the
approval dialog; any other refusal (no such receipt, another day's, already
void) in red here, with everything typed kept.

The list (`receipt_list.receipts_today`, read on the worker) is newest first;
a void receipt shows BATAL and cannot be chosen. In the receipt field ↓ goes
into the list; in the list ↑/↓ choose (the field follows), Enter goes on to
the reason, and typing goes back to the field."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from counter.errors import CounterError
from counter.rules.money import format_rupiah
from counter.services import voids
from counter.services.context import Desk
from counter.services.receipt_list import ReceiptLine, receipts_today
from counter.services.voids import Voided
from counter.ui.approval_dialog import ApprovalDialog, approve_then
from counter.ui.pay_dialog import method_label
from counter.ui.table_models import ReceiptRows, _Index
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("VoidDialog", "Batalkan struk [Enter]")
REASON_MIN, REASON_MAX = 5, 200
LIST_TAG = "void-list"
ROW_HEIGHT = 26
VISIBLE_ROWS = 8  # a morning's receipts without scrolling; the dialog fits a 1366x768 screen


class ReceiptsModel(ReceiptRows):
    """Today's receipts of this counter, newest first; a void one is shown but cannot be chosen."""

    CONTEXT = "ReceiptsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("ReceiptsModel", "No. struk"),
        QT_TRANSLATE_NOOP("ReceiptsModel", "Jam"),
        QT_TRANSLATE_NOOP("ReceiptsModel", "Pelanggan"),
        QT_TRANSLATE_NOOP("ReceiptsModel", "Jumlah"),
        QT_TRANSLATE_NOOP("ReceiptsModel", "Cara bayar"),
        QT_TRANSLATE_NOOP("ReceiptsModel", "Status"),
    )
    NUMBER, TIME, CUSTOMER, AMOUNT, METHOD, STATUS = range(6)
    VOID = QT_TRANSLATE_NOOP("ReceiptsModel", "BATAL")
    VOID_TIP = QT_TRANSLATE_NOOP("ReceiptsModel", "Struk ini sudah dibatalkan; tidak bisa dipilih.")

    def choosable(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and not self._rows[row].voided

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or self._rows[index.row()].voided:
            return Qt.ItemFlag.NoItemFlags  # the arrows pass over it, a click does nothing
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def cells(self, r: ReceiptLine) -> tuple[str, ...]:
        return (r.receipt_no, f"{r.paid_at:%H:%M}", f"{r.customer_number}  {r.customer_name}", format_rupiah(r.total),
                method_label(r.method), self._tr(self.VOID) if r.voided else "")

    def tooltip(self, r: ReceiptLine) -> str:
        return self._tr(self.VOID_TIP) if r.voided else f"{r.receipt_no}\n{r.customer_number}  {r.customer_name}"


class ReceiptsView(QTableView):
    """The list: ↑/↓ choose, Enter goes on (`entered`), a printable key goes back to the field (`typed`)."""

    entered = Signal()
    typed = Signal(QKeyEvent)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.text() and event.text().isprintable() and modifiers in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            self.typed.emit(event)
            event.accept()
            return
        super().keyPressEvent(event)


class VoidDialog(FormDialog):
    voided = Signal(object)  # voids.Voided

    def __init__(self, app, desk: Desk, runner: TaskRunner, receipt_no: str = "",  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(960, parent)  # the customer's name fits; the desk is 1366 wide at least
        self.app, self.desk, self.runner = app, desk, runner
        self.given = receipt_no.strip()  # the desk's last receipt, if it has one
        self.approval_dialog: ApprovalDialog | None = None
        self.listed = False  # today's receipts have come from the worker
        self._following = False  # the list is being moved to what was typed
        self.setWindowTitle(self.tr("Pembatalan pembayaran"))

        title = QLabel(self.tr("Batalkan pembayaran yang diterima <b>hari ini</b>"))
        title.setFont(font(14))
        hint = QLabel(self.tr("Rekening yang dibayar kembali menjadi tunggakan. Perlu alasan dan persetujuan kepala "
                              "unit. Pembayaran hari lain: ajukan koreksi ke kantor cabang."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")

        # ---- today's receipts
        self.receipts = ReceiptsModel(self)  # owned by the dialog: never collected on the worker thread
        self.table = ReceiptsView()
        self.table.setModel(self.receipts)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the fields
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setFont(font(11))
        self.table.setStyleSheet(  # some room around each cell: the amount apart from the method
            "QTableView::item { padding: 0 6px; }"
            "QHeaderView::section { padding: 3px 6px; background: #eceff1; border: none;"
            " border-right: 1px solid #cfd8dc; border-bottom: 1px solid #cfd8dc; }")
        self.table.setAccessibleName(self.tr("Struk hari ini"))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ReceiptsModel.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.table.setFixedHeight(header.sizeHint().height() + VISIBLE_ROWS * ROW_HEIGHT
                                  + 2 * self.table.frameWidth())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.entered.connect(self._row_entered)
        self.table.typed.connect(self._typed_in_list)
        self.table.doubleClicked.connect(lambda _index: self._row_entered())
        list_caption = QLabel(self.tr("Struk &hari ini di loket {counter}").format(counter=desk.counter_code))
        list_caption.setFont(font(12, bold=True))
        list_caption.setBuddy(self.table)
        list_keys = QLabel(self.tr("↑↓ pilih struk  |  Enter: lanjut ke alasan"))
        list_keys.setStyleSheet(f"color: {MUTED};")
        self.list_state = QLabel(self.tr("Memuat struk hari ini ..."))
        self.list_state.setStyleSheet(f"color: {MUTED};")
        above = QHBoxLayout()
        above.addWidget(list_caption)
        above.addSpacing(12)
        above.addWidget(self.list_state, 1)
        above.addWidget(list_keys)
        listing = QVBoxLayout()
        listing.setSpacing(4)
        listing.addLayout(above)
        listing.addWidget(self.table)

        # ---- the receipt (typed, scanned or chosen) and the reason
        self.receipt = QLineEdit(receipt_no)
        self.receipt.setFont(font(14))
        self.receipt.setMaxLength(64)
        self.receipt.setPlaceholderText(self.tr("ketik atau pindai no. struk, atau pilih di daftar (↓)"))
        self.receipt.setAccessibleName(self.tr("Nomor struk"))
        self.receipt.returnPressed.connect(self._next)
        self.receipt.textEdited.connect(self._follow_typed)
        self.receipt.installEventFilter(self)  # ↓ into the list
        self.reason = QLineEdit()
        self.reason.setFont(font(13))
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("mis. salah pelanggan, uang palsu, salah bulan"))
        self.reason.setAccessibleName(self.tr("Alasan pembatalan"))
        self.reason.returnPressed.connect(self.confirm)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for text, field in ((self.tr("No. &struk"), self.receipt), (self.tr("&Alasan"), self.reason)):
            caption = QLabel(text)
            caption.setFont(font(12))
            caption.setBuddy(field)
            form.addRow(caption, field)

        self.cancel_button = cancel_button(self.tr("Tutup [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm, colour="#c62828", padding=22)
        self._lay_out(title, hint, listing, form, self.error, button_row(self.cancel_button, self.ok_button))
        self.setTabOrder(self.table, self.receipt)
        self.setTabOrder(self.receipt, self.reason)
        (self.reason if receipt_no else self.receipt).setFocus()
        runner.run(lambda: receipts_today(app.uow(), desk), self._listed, self._list_failed, tag=LIST_TAG)

    # ---- the list -----------------------------------------------------------

    def _listed(self, rows: list[ReceiptLine]) -> None:
        self.listed = True
        self.receipts.set_receipts(rows)
        self.list_state.setText("" if rows else self.tr("Belum ada pembayaran hari ini di loket ini."))
        typed = self.receipt.text().strip()
        row = self.receipts.row_of(typed) if typed else None
        given_void = typed == self.given and row is not None and self.receipts.receipt(row).voided
        if typed and not given_void:  # what was typed (or given) stays; the list shows it when it is there
            self._select(row)
            return
        first = next((i for i in range(len(rows)) if self.receipts.choosable(i)), None)
        if first is not None:  # the newest receipt (not void) to start with; a scan replaces it
            self._select(first)
            self.receipt.setText(rows[first].receipt_no)
            self.receipt.selectAll()
        elif given_void:  # nothing left to void today
            self.receipt.clear()

    def _list_failed(self, error: CounterError) -> None:
        self.listed = True
        self.list_state.setText(self.tr("Daftar struk tidak terbaca: {error}").format(error=error))

    def _select(self, row: int | None) -> None:
        """Make `row` the list's current row without changing the field (None: no row)."""
        self._following = True
        try:
            if row is None or not self.receipts.choosable(row):
                self.table.selectionModel().clear()
            else:
                self.table.setCurrentIndex(self.receipts.index(row, 0))
                self.table.scrollTo(self.receipts.index(row, 0))
        finally:
            self._following = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following or not current.isValid() or not self.receipts.choosable(current.row()):
            return
        self.receipt.setText(self.receipts.receipt(current.row()).receipt_no)
        self.error.hide()

    def _row_entered(self) -> None:
        """Enter (or a double click) on a row: that receipt, on to the reason."""
        row = self.table.currentIndex().row()
        if not self.receipts.choosable(row):
            return
        self.receipt.setText(self.receipts.receipt(row).receipt_no)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _typed_in_list(self, event: QKeyEvent) -> None:
        """A key typed in the list (a scan, a number): into the field, in place of what is there."""
        self.receipt.setFocus(Qt.FocusReason.OtherFocusReason)
        self.receipt.selectAll()
        QApplication.sendEvent(self.receipt, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))

    def _follow_typed(self, text: str) -> None:
        """The list shows the receipt typed, when it is one of today's."""
        self._select(self.receipts.row_of(text) if text.strip() else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.receipt and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.receipts.rowCount()):
            self._into_list()
            return True
        return super().eventFilter(watched, event)

    def _into_list(self) -> None:
        row = self.receipts.row_of(self.receipt.text())
        if row is None or not self.receipts.choosable(row):
            row = next((i for i in range(self.receipts.rowCount()) if self.receipts.choosable(i)), None)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if row is not None:
            self.table.setCurrentIndex(self.receipts.index(row, 0))

    # ---- voiding ------------------------------------------------------------

    def _next(self) -> None:
        if self.receipt.text().strip():
            self.reason.setFocus()
        else:
            self._show_error(self.tr("Isi nomor struk yang dibatalkan."), self.receipt)

    def confirm(self) -> None:
        """Enter: check what was typed, then ask the supervisor."""
        if self.submitting or self.approval_dialog is not None:
            return
        receipt_no = self.receipt.text().strip()
        reason = " ".join(self.reason.text().split())
        if not receipt_no:
            self._show_error(self.tr("Isi nomor struk yang dibatalkan."), self.receipt)
            return
        row = self.receipts.row_of(receipt_no)
        if row is not None and self.receipts.receipt(row).voided:
            self._show_error(self.tr("Struk {receipt} sudah dibatalkan.").format(
                receipt=self.receipts.receipt(row).receipt_no), self.receipt)
            return
        if not REASON_MIN <= len(reason) <= REASON_MAX:
            self._show_error(self.tr("Tulis alasan pembatalan ({low}-{high} huruf).").format(
                low=REASON_MIN, high=REASON_MAX), self.reason)
            return
        self.error.hide()
        app, desk = self.app, self.desk
        approve_then(self, self.runner, self.tr("Pembatalan struk {receipt}").format(receipt=receipt_no),
                     lambda given: voids.void_payment(app.uow(), desk, receipt_no, reason, given),
                     self._done, lambda error: self._show_error(str(error), self.receipt))

    def _done(self, done: Voided) -> None:
        self.voided.emit(done)
        self.accept()

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.table, self.receipt, self.reason, self.ok_button, self.cancel_button),
                       self.tr("Membatalkan ...") if busy else self.tr(OK_TEXT))

    def done(self, result: int) -> None:
        self.runner.cancel(LIST_TAG)  # a list still on its way is not shown in a closed dialog
        super().done(result)


def describe(done: Voided) -> str:
    return voids.describe(done)
