"""The customer's payment history (Ctrl+H, *Riwayat pembayaran*): every payment
of the customer on screen that the local store holds, newest first (read on the
worker, `receipt_list.customer_receipts`): date and time, receipt number,
counter, cashier, what it paid (months, instalments, other charges), amount,
method, and whether it was voided (struck through, *BATAL* in red, the reason
as its tooltip).

↑/↓ choose a receipt; Enter prints a copy of it as `counter receipt print`
does (`print_queue.reprint`: "SALINAN ke-N", counted on the payment and
audited; to a PDF in DATA_DIR/receipts without a printer), on the worker, and
the dialog says where it went. Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QWidget

from counter import application
from counter.errors import CounterError
from counter.rules.money import format_rupiah
from counter.rules.period import span_label
from counter.services import print_queue
from counter.services.context import Desk
from counter.services.print_queue import JobView
from counter.services.receipt_list import HISTORY_LIMIT, CustomerReceipt, customer_receipts
from counter.ui.pay_dialog import method_label
from counter.ui.table_models import ReceiptRows, _Index
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import GOOD, MUTED, SHORTFALL, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("HistoryDialog", "Cetak salinan [Enter]")
LIST_TAG = "history-list"
ROW_HEIGHT = 26
VISIBLE_ROWS = 12


class HistoryModel(ReceiptRows):
    """The customer's payments, newest first; a void one struck through, BATAL in red."""

    CONTEXT = "HistoryModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "Tanggal"),
        QT_TRANSLATE_NOOP("HistoryModel", "No. struk"),
        QT_TRANSLATE_NOOP("HistoryModel", "Loket"),
        QT_TRANSLATE_NOOP("HistoryModel", "Kasir"),
        QT_TRANSLATE_NOOP("HistoryModel", "Dibayar"),
        QT_TRANSLATE_NOOP("HistoryModel", "Jumlah"),
        QT_TRANSLATE_NOOP("HistoryModel", "Cara bayar"),
        QT_TRANSLATE_NOOP("HistoryModel", "Status"),
    )
    DATE, NUMBER, COUNTER, CASHIER, PAID, AMOUNT, METHOD, STATUS = range(8)
    VOID = QT_TRANSLATE_NOOP("HistoryModel", "BATAL")
    MONTHS = QT_TRANSLATE_NOOP("HistoryModel", "{n} bln: {months}")
    TERMS = QT_TRANSLATE_NOOP("HistoryModel", "{n} angsuran")
    COPIES = QT_TRANSLATE_NOOP("HistoryModel", "{n}× salinan")
    PAPER = QT_TRANSLATE_NOOP("HistoryModel", "Kuitansi manual no. {paper}")
    VOIDED = QT_TRANSLATE_NOOP("HistoryModel", "Dibatalkan: {reason}")

    def paid_text(self, r: CustomerReceipt) -> str:
        """`2 bln: Okt 2025 - Nov 2025 + 1 angsuran + BALIK-NAMA`."""
        parts = []
        if r.periods:
            parts.append(self._tr(self.MONTHS).format(n=len(r.periods), months=span_label(r.periods)))
        if r.terms:
            parts.append(self._tr(self.TERMS).format(n=r.terms))
        parts += r.charges
        return " + ".join(parts) or "-"

    def status_text(self, r: CustomerReceipt) -> str:
        if r.voided:
            return self._tr(self.VOID)
        return self._tr(self.COPIES).format(n=r.copies) if r.copies else ""

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # a void one too: its copy says so

    def cells(self, r: CustomerReceipt) -> tuple[str, ...]:
        return (f"{r.paid_at:%d-%m-%Y %H:%M}", r.receipt_no, r.counter_code, r.cashier, self.paid_text(r),
                format_rupiah(r.total), method_label(r.method), self.status_text(r))

    def foreground(self, r: CustomerReceipt, column: int) -> QColor | None:
        return super().foreground(r, column) or (QColor(MUTED) if column == self.STATUS else None)

    def tooltip(self, r: CustomerReceipt) -> str:
        lines = [r.receipt_no, self.paid_text(r)]
        if r.paper_no:
            lines.append(self._tr(self.PAPER).format(paper=r.paper_no))
        if r.voided:
            lines.append(self._tr(self.VOIDED).format(reason=r.void_reason))
        return "\n".join(lines)


class HistoryView(QTableView):
    """↑/↓ choose; Enter is the dialog's (`entered`), never the table's own."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def reprint(app, desk: Desk, receipt_no: str) -> JobView:  # noqa: ANN001 - bootstrap.App
    """A copy of `receipt_no`, as `counter receipt print` makes it: queued as the
    next "SALINAN", then printed (to PDF without a printer). On the worker."""
    zone, printer, folder, logo = application.receipt_target(app.config)
    job_id = print_queue.reprint(app.uow(), desk, receipt_no)
    return print_queue.print_job(app.uow(), job_id, zone, printer, folder, logo, settings=app.config.receipt)


class HistoryDialog(FormDialog):
    printed = Signal(object)  # print_queue.JobView of a copy that came out (printer or PDF)

    def __init__(self, app, desk: Desk, runner: TaskRunner, customer,  # noqa: ANN001 - App, billing.CustomerDetail
                 parent: QWidget | None = None) -> None:
        super().__init__(1200, parent)  # the months and the cashier's name fit; the desk is 1366 wide at least
        self.app, self.desk, self.runner, self.customer = app, desk, runner, customer
        self.listed = False  # the history has come from the worker
        self.printing = False  # a copy is on its way
        self.setWindowTitle(self.tr("Riwayat pembayaran"))

        title = QLabel(self.tr("Riwayat pembayaran <b>{number}</b> {name}").format(
            number=customer.number, name=customer.name))
        title.setFont(font(14))
        title.setTextFormat(Qt.TextFormat.RichText)
        self.state = QLabel(self.tr("Memuat riwayat ..."))
        self.state.setStyleSheet(f"color: {MUTED};")
        keys = QLabel(self.tr("↑↓ pilih struk  |  Enter: cetak salinan  |  Esc: tutup"))
        keys.setStyleSheet(f"color: {MUTED};")
        above = QHBoxLayout()
        above.addWidget(self.state, 1)
        above.addWidget(keys)

        self.receipts = HistoryModel(self)  # owned by the dialog: never collected on the worker thread
        self.table = HistoryView()
        self.table.setModel(self.receipts)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setFont(font(11))
        self.table.setStyleSheet(
            "QTableView::item { padding: 0 6px; }"
            "QHeaderView::section { padding: 3px 6px; background: #eceff1; border: none;"
            " border-right: 1px solid #cfd8dc; border-bottom: 1px solid #cfd8dc; }")
        self.table.setAccessibleName(self.tr("Riwayat pembayaran pelanggan"))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.CASHIER, QHeaderView.ResizeMode.Stretch)  # what was paid in full
        self.table.setFixedHeight(header.sizeHint().height() + VISIBLE_ROWS * ROW_HEIGHT
                                  + 2 * self.table.frameWidth())
        self.table.entered.connect(self.print_copy)
        self.table.doubleClicked.connect(lambda _index: self.print_copy())

        self.outcome = QLabel()  # where the copy went
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setFont(font(12, bold=True))
        self.outcome.hide()

        self.cancel_button = cancel_button(self.tr("Tutup [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.print_copy, padding=22)
        self.ok_button.setEnabled(False)
        self._lay_out(title, above, self.table, self.outcome, self.error,
                      button_row(self.cancel_button, self.ok_button))
        self.table.setFocus()
        self.load()

    # ---- the list -------------------------------------------------------------

    def load(self, keep: str = "") -> None:
        """Read the history on the worker; `keep`: the receipt to stay on."""
        app, customer_id, zone = self.app, self.customer.id, self.desk.zone
        self.runner.run(lambda: customer_receipts(app.uow(), customer_id, zone),
                        lambda rows: self._listed(rows, keep), self._list_failed, tag=LIST_TAG)

    def _listed(self, rows: list[CustomerReceipt], keep: str) -> None:
        self.listed = True
        self.receipts.set_receipts(rows)
        if not rows:
            self.state.setText(self.tr("Belum ada pembayaran pelanggan ini di loket ini."))
        else:
            voids = sum(r.voided for r in rows)
            text = self.tr("{n} pembayaran, terbaru di atas").format(n=len(rows))
            if voids:
                text += self.tr("; {n} dibatalkan").format(n=voids)
            if len(rows) >= HISTORY_LIMIT:
                text += self.tr(" (hanya {n} terbaru)").format(n=HISTORY_LIMIT)
            self.state.setText(text)
        row = self.receipts.row_of(keep) if keep else None
        if rows:
            self.table.setCurrentIndex(self.receipts.index(row if row is not None else 0, 0))
        self.ok_button.setEnabled(bool(rows) and not self.printing)

    def _list_failed(self, error: CounterError) -> None:
        self.listed = True
        self.state.setText(self.tr("Riwayat tidak terbaca: {error}").format(error=error))
        self.state.setStyleSheet(f"color: {SHORTFALL};")

    def chosen(self) -> CustomerReceipt | None:
        row = self.table.currentIndex().row()
        return self.receipts.receipt(row) if 0 <= row < self.receipts.rowCount() else None

    # ---- a copy ---------------------------------------------------------------

    def print_copy(self) -> None:
        """Enter: a copy ("SALINAN") of the chosen receipt, on the worker."""
        receipt = self.chosen()
        if receipt is None or self.printing:
            return
        self.printing = True
        self.ok_button.setEnabled(False)
        self.ok_button.setText(self.tr("Mencetak ..."))
        self.error.hide()
        self._say(self.tr("Mencetak salinan struk {receipt} ...").format(receipt=receipt.receipt_no), MUTED)
        app, desk, receipt_no = self.app, self.desk, receipt.receipt_no
        self.runner.run(lambda: reprint(app, desk, receipt_no),
                        lambda job: self._printed(receipt_no, job), lambda error: self._failed(receipt_no, error))

    def _done_printing(self) -> None:
        self.printing = False
        self.ok_button.setText(self.tr(OK_TEXT))
        self.ok_button.setEnabled(self.receipts.rowCount() > 0)

    def _printed(self, receipt_no: str, job: JobView) -> None:
        self._done_printing()
        if job.status == "failed":
            self._say(self.tr("Salinan ke-{n} struk {receipt} GAGAL dicetak: {error}").format(
                n=job.copy_number, receipt=receipt_no, error=job.last_error), SHORTFALL)
        elif job.status == "pdf":
            self._say(self.tr("Salinan ke-{n} struk {receipt} disimpan ke PDF: {path}").format(
                n=job.copy_number, receipt=receipt_no, path=job.pdf_path), GOOD)
            self.printed.emit(job)
        else:
            self._say(self.tr("Salinan ke-{n} struk {receipt} tercetak di printer.").format(
                n=job.copy_number, receipt=receipt_no), GOOD)
            self.printed.emit(job)
        self.load(keep=receipt_no)  # its copies counted

    def _failed(self, receipt_no: str, error: CounterError) -> None:
        self._done_printing()
        self._say(self.tr("Salinan struk {receipt} tidak dibuat: {error}").format(receipt=receipt_no, error=error),
                  SHORTFALL)

    def _say(self, text: str, colour: str) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(f"color: {colour};")
        self.outcome.show()

    def done(self, result: int) -> None:
        self.runner.cancel(LIST_TAG)  # a list still on its way is not shown in a closed dialog
        super().done(result)
