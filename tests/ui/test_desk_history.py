"""The customer's payment history at the desk (Ctrl+H), by keyboard: every
payment of the customer on screen, newest first, with counter, cashier, months,
amount and whether it was voided; Enter prints a copy ("SALINAN") of the one
chosen, as `counter receipt print` does, and says where it went."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.models import AuditRecord, Payment, PrintJob
from counter.rules.money import format_rupiah
from counter.services.approval import Approval
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD
from counter.services.payment import pay
from counter.services.receipt_list import customer_receipts
from counter.services.shifts import open_shift
from counter.services.voids import void_payment
from counter.ui.history_dialog import HistoryDialog, HistoryModel
from tests.conftest import AS_OF, clock_at
from tests.ui.desk_helpers import customer_owing, press
from tests.ui.test_desk_void import open_customer


def pay_months(app, desk, number: str, months: int) -> str:  # noqa: ANN001
    """The oldest `months` bills of `number`, paid in cash by `desk`: the receipt number."""
    with app.uow() as uow:
        owed = quote(uow.session, number, desk.today())
    return pay(app.uow(), desk, number, [b.period for b in owed.bills[:months]], "cash",
               tendered=owed.oldest(months).total).receipt_no


def rows(dialog) -> list[tuple[str, ...]]:  # noqa: ANN001
    model = dialog.receipts
    return [tuple(model.index(row, column).data() for column in range(model.columnCount()))
            for row in range(model.rowCount())]


def open_history(qtbot, window) -> HistoryDialog:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.history_dialog is not None and window.history_dialog.isVisible(), timeout=3000)
    dialog = window.history_dialog
    qtbot.waitUntil(lambda: dialog.listed, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table, timeout=3000)
    return dialog


def test_ctrl_h_lists_the_customers_payments_and_enter_prints_a_copy(qtbot, window, app, desk):  # noqa: ANN001
    number = customer_owing(app, 3, exactly=True)
    earlier = dataclasses.replace(desk, clock=clock_at(AS_OF, hour=8))
    first = pay_months(app, earlier, number, 1)  # 08:00, then voided
    void_payment(app.uow(), earlier, first, "salah bulan", Approval("kepala", DEMO_PASSWORD))
    second = pay_months(app, earlier, number, 1)  # 08:00, the same month again
    third = pay_months(app, desk, number, 2)  # 10:00, the rest
    open_customer(qtbot, window, number)

    dialog = open_history(qtbot, window)
    listed = rows(dialog)
    assert [row[HistoryModel.NUMBER] for row in listed] == [third, second, first]  # newest first
    with app.uow() as uow:
        total = uow.session.scalar(select(Payment.total).where(Payment.receipt_no == third))
    newest = listed[0]
    assert newest[HistoryModel.DATE] == "24-11-2025 10:00"
    assert newest[HistoryModel.COUNTER] == "L01" and newest[HistoryModel.CASHIER] == "Siti Nurhaliza Bessie"
    assert newest[HistoryModel.PAID] == "2 bln: Okt 2025 - Nov 2025"
    assert newest[HistoryModel.AMOUNT] == format_rupiah(total)
    assert newest[HistoryModel.METHOD] == "Tunai" and newest[HistoryModel.STATUS] == ""
    assert listed[1][HistoryModel.PAID] == listed[2][HistoryModel.PAID] == "1 bln: Sep 2025"
    assert listed[2][HistoryModel.STATUS] == "BATAL" and listed[1][HistoryModel.STATUS] == ""
    void_cell = dialog.receipts.index(2, HistoryModel.AMOUNT)
    assert void_cell.data(Qt.ItemDataRole.FontRole).strikeOut()  # struck through, the reason in its tooltip
    assert "salah bulan" in dialog.receipts.index(2, HistoryModel.NUMBER).data(Qt.ItemDataRole.ToolTipRole)
    assert dialog.state.text() == "3 pembayaran, terbaru di atas; 1 dibatalkan"
    assert dialog.table.currentIndex().row() == 0

    # ↓ to the second, Enter: a copy, counted, audited, and where it went (no printer: a PDF)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.table.currentIndex().row() == 1
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.printing and "PDF" in dialog.outcome.text(), timeout=15_000)
    path = Path(app.config.store.data_dir) / "receipts" / f"{second}-salinan-1.pdf"
    assert dialog.outcome.text() == f"Salinan ke-1 struk {second} disimpan ke PDF: {path}"
    assert path.is_file()
    with app.uow() as uow:
        assert uow.session.scalar(select(Payment.reprint_count).where(Payment.receipt_no == second)) == 1
        job = uow.session.scalars(select(PrintJob).where(PrintJob.receipt_no == second)).one()
        assert job.copy_number == 1 and job.copy_printed_by == "kasir1" and job.status == "pdf"
        assert uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "reprint",
                                                             AuditRecord.subject == second)).one()
    qtbot.waitUntil(lambda: rows(dialog)[1][HistoryModel.STATUS] == "1× salinan", timeout=5000)
    assert dialog.table.currentIndex().row() == 1  # still on it
    assert QApplication.focusWidget() is dialog.table
    if os.environ.get("COUNTER_HISTORY_SHOTS"):  # the picture in docs/desk.md
        dialog.grab().save(str(Path(os.environ["COUNTER_HISTORY_SHOTS"]) / "history.png"))

    # a voided receipt's copy too (it says DIBATALKAN on the paper)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.printing and first in dialog.outcome.text(), timeout=15_000)
    assert dialog.outcome.text().startswith(f"Salinan ke-1 struk {first} disimpan ke PDF")

    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.history_dialog is None, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)


def test_ctrl_h_needs_a_customer_and_says_when_there_is_no_payment(qtbot, window, app):  # noqa: ANN001
    qtbot.keyClick(window.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # nobody on screen
    qtbot.wait(100)
    assert window.history_dialog is None
    number = customer_owing(app, 1)
    open_customer(qtbot, window, number)
    dialog = open_history(qtbot, window)
    assert dialog.receipts.rowCount() == 0
    assert dialog.state.text() == "Belum ada pembayaran pelanggan ini di loket ini."
    press(qtbot, Qt.Key.Key_Return)  # nothing to print: nothing happens
    assert not dialog.printing and not dialog.outcome.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.history_dialog is None, timeout=3000)


def test_a_printer_that_fails_is_said_in_red_in_the_dialog(qtbot, app, desk, runner, opened):  # noqa: ANN001
    from tests.conftest import make_app

    number = customer_owing(app, 1)
    open_shift(app.uow(), desk, 0)
    receipt_no = pay_months(app, desk, number, 1)
    failing = make_app(Path(app.config.store.data_dir), "printer.kind=network", "printer.host=127.0.0.1",
                       "printer.port=1", "printer.timeout_ms=300")
    with app.uow() as uow:
        customer = quote(uow.session, number, desk.today()).customer  # as the panel holds it
    try:
        dialog = HistoryDialog(failing, desk, runner, customer)
        opened.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.listed and dialog.receipts.rowCount() == 1, timeout=5000)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.printing and dialog.outcome.isVisible() and "GAGAL" in dialog.outcome.text(),
                        timeout=15_000)
        assert dialog.outcome.text().startswith(f"Salinan ke-1 struk {receipt_no} GAGAL dicetak: ")
        assert "#b71c1c" in dialog.outcome.styleSheet()  # red
    finally:
        runner.wait()
        failing.engine.dispose()


def test_customer_receipts_reads_every_line_kind(app, desk):  # noqa: ANN001
    number = customer_owing(app, 2, exactly=True)
    open_shift(app.uow(), desk, 0)
    receipt_no = pay_months(app, desk, number, 2)
    with app.uow() as uow:
        customer_id = uow.session.scalar(select(Payment.customer_id).where(Payment.receipt_no == receipt_no))
    [line] = customer_receipts(app.uow(), customer_id, desk.zone)
    assert line.receipt_no == receipt_no and len(line.periods) == 2 and line.periods == tuple(sorted(line.periods))
    assert line.terms == 0 and line.charges == () and not line.voided and line.copies == 0
    assert customer_receipts(app.uow(), customer_id, desk.zone, limit=0) == []
    assert customer_receipts(app.uow(), -1, desk.zone) == []
