"""Ctrl+K at the desk: a book of paper receipts typed in a table with the keyboard
alone (Enter to the next cell and row, the cashier and date carried down), the
book's total below, Ctrl+Enter to check it and a supervisor to approve it; a bad
row is named and marked, nothing recorded."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import Payment
from counter.services.demo import DEMO_PASSWORD
from tests.integration.paper_helpers import open_the_outage, owed, owing_customers
from tests.ui.desk_helpers import press, type_keys

DAY = dt.date(2025, 11, 12)


def paper_count(app) -> int:  # noqa: ANN001
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Payment).where(Payment.paper_no != ""))


def open_dialog(qtbot, window):  # noqa: ANN001, ANN201
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.paper_dialog is not None and window.paper_dialog.isVisible(), timeout=3000)
    dialog = window.paper_dialog
    qtbot.waitUntil(lambda: "Gangguan tercatat" in dialog.outages.text(), timeout=3000)
    return dialog


def type_row(qtbot, cells: list[str]) -> None:  # noqa: ANN001
    """Type a row's cells, Enter after each (an empty string keeps what is there)."""
    for text in cells:
        if text:
            type_keys(qtbot, text)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.wait(1)  # the cell's editor closes (queued) and the next one opens, as between two key presses


def test_ctrl_k_types_a_book_by_keyboard_and_a_supervisor_records_it(qtbot, app, desk, window):
    open_the_outage(app, desk)
    first, second = owing_customers(app, count=2)
    (m1, a1, _), (m2, a2, _) = owed(app, first, DAY, 2), owed(app, second, DAY)
    dialog = open_dialog(qtbot, window)
    table = dialog.table
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    months = " ".join(f"{m // 100}-{m % 100:02d}" for m in m1)
    type_row(qtbot, [first, months, "0117", f"{a1:,}".replace(",", "."), "kasir2", "12-11-2025"])
    assert (table.currentRow(), table.currentColumn()) == (1, 0)  # Enter at the row's end: the next row
    type_row(qtbot, [second, f"{m2[0]}", "0118", str(a2 + 1)])
    assert table.text(1, 4) == "kasir2" and table.text(1, 5) == "12-11-2025"  # carried down from above
    assert "2 kuitansi" in dialog.sum.text()
    dialog.book_total.setFocus()
    type_keys(qtbot, str(a1 + a2 + 1))
    qtbot.keyClick(dialog.book_total, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "baris 2:" in dialog.error.text() and "selisih Rp 1" in dialog.error.text()
    assert "selisih Rp 1" in table.item(1, 0).toolTip() and not table.item(0, 0).toolTip()
    assert dialog.approval_dialog is None and paper_count(app) == 0

    table.setCurrentCell(1, 3)
    table.editItem(table.item(1, 3))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, str(a2))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(1)
    dialog.book_total.setFocus()
    qtbot.keyClick(dialog.book_total, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, str(a1 + a2))
    press(qtbot, Qt.Key.Key_Return)  # Enter in the total: record
    qtbot.waitUntil(lambda: dialog.approval_dialog is not None and dialog.approval_dialog.isVisible(), timeout=5000)
    type_keys(qtbot, "kepala")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, DEMO_PASSWORD)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.paper_dialog is None, timeout=5000)
    assert paper_count(app) == 2
    assert "2 kuitansi manual dicatat" in window.banner.text()


def test_esc_closes_and_records_nothing(qtbot, app, desk, window):
    dialog = open_dialog_without_outage(qtbot, window)
    assert "Belum ada gangguan" in dialog.outages.text()
    type_keys(qtbot, "01-01-000001")
    press(qtbot, Qt.Key.Key_Escape)  # leaves the cell's editor
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.paper_dialog is None, timeout=3000)
    assert paper_count(app) == 0


def open_dialog_without_outage(qtbot, window):  # noqa: ANN001, ANN201
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.paper_dialog is not None and window.paper_dialog.isVisible(), timeout=3000)
    dialog = window.paper_dialog
    qtbot.waitUntil(lambda: "Belum ada" in dialog.outages.text(), timeout=3000)
    return dialog


def test_the_paper_dialog_and_its_key_speak_english(qtbot, app, desk, qapp):  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    from counter.ui.app import install_language
    from counter.ui.help_overlay import HelpOverlay
    from counter.ui.paper_dialog import PaperDialog
    from counter.ui.tasks import TaskRunner

    assert install_language(qapp, "en")
    runner = TaskRunner(app)
    try:
        dialog = PaperDialog(app, desk, runner)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Paper receipts of an outage"
        assert [dialog.table.horizontalHeaderItem(c).text() for c in range(6)] == [
            "Connection no.", "Months", "Paper no.", "Amount", "Cashier", "Date"]
        assert dialog.ok_button.text() == "Record the book [Ctrl+Enter]"
        parent = QWidget()
        qtbot.addWidget(parent)
        assert "Ctrl+K: Paper receipts of an outage: type a book, Enter to the next cell" in HelpOverlay(parent).text()
        runner.wait()
    finally:
        runner.shutdown()
        install_language(qapp, "id")
