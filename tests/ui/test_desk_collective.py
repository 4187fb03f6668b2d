"""Ctrl+G at the desk: a collective payment by keyboard alone. Connection numbers
typed (Enter adds each with its name, months and amount), Delete takes a row
out, a saved group loads whole, one total, the cash with its change, Enter
pays them all; a refusal is said in red inside the dialog and writes nothing."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select, update

from counter.models import Bill, CollectivePayment, Customer, Payment
from counter.rules.money import format_rupiah
from counter.services.payment_groups import save_group
from tests.integration.shift_helpers import clock_agrees
from tests.ui.desk_helpers import press, type_keys


def owing_numbers(app, many: int) -> list[str]:  # noqa: ANN001
    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Customer.number).where(Customer.status == "active", Customer.id.in_(
                select(Bill.customer_id).where(Bill.status == "unpaid"))).order_by(Customer.number).limit(many)))


def written(app) -> tuple[int, int]:  # noqa: ANN001
    with app.uow() as uow:
        return (uow.session.scalar(select(func.count()).select_from(Payment)),
                uow.session.scalar(select(func.count()).select_from(CollectivePayment)))


def open_dialog(qtbot, window):  # noqa: ANN001, ANN201
    clock_agrees(window.app, window.desk)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.collective_dialog is not None and window.collective_dialog.isVisible(),
                    timeout=3000)
    dialog = window.collective_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.number, timeout=3000)
    return dialog


def add(qtbot, dialog, number: str, rows: int) -> None:  # noqa: ANN001
    """Type or scan a connection number, Enter; wait until it is a row of the table."""
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows and not dialog.pending, timeout=5000)


def test_ctrl_g_pays_many_connections_with_one_tender(qtbot, app, window, messages):
    first, second, third = owing_numbers(app, 3)
    dialog = open_dialog(qtbot, window)
    add(qtbot, dialog, first, 1)
    add(qtbot, dialog, second.replace("-", ""), 2)  # typed without dashes
    add(qtbot, dialog, third, 3)
    assert [dialog.table.item(row, 0).text() for row in range(3)] == [first, second, third]
    assert "bln" in dialog.table.item(0, 2).text() and dialog.table.item(0, 3).text().startswith("Rp ")
    assert QApplication.focusWidget() is dialog.number and dialog.number.text() == ""

    add(qtbot, dialog, first, 3)  # the same connection twice: said, not added
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=3000)
    assert f"{first} sudah ada di daftar" in dialog.error.text()
    dialog.number.selectAll()
    add(qtbot, dialog, "99-99-999999", 3)
    qtbot.waitUntil(lambda: "tidak ditemukan" in dialog.error.text(), timeout=3000)

    dialog.number.selectAll()
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Down)  # into the table
    assert QApplication.focusWidget() is dialog.table
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Delete)  # the second row goes
    assert [dialog.table.item(row, 0).text() for row in range(2)] == [first, third]
    total = dialog.total
    assert dialog.total_label.text() == format_rupiah(total) and total == sum(r.due for r in dialog.rows)
    assert "2 sambungan" in dialog.count_label.text()

    dialog.number.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # nothing typed: on to the cash
    assert QApplication.focusWidget() is dialog.tendered
    type_keys(qtbot, str(total - 100))
    assert dialog.change_caption.text() == "KURANG" and dialog.change.text() == format_rupiah(100)
    tendered = (total // 100_000 + 1) * 100_000
    dialog.tendered.selectAll()
    type_keys(qtbot, str(tendered))
    assert dialog.change_caption.text() == "KEMBALIAN" and dialog.change.text() == format_rupiah(tendered - total)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.collective_dialog is None, timeout=10_000)
    assert messages.shown == [] and written(app) == (2, 1)
    banner = window.banner.text()
    assert "LUNAS" in banner and "/KOL/" in banner and "2 sambungan" in banner
    assert f"KEMBALIAN {format_rupiah(tendered - total)}" in banner
    with app.uow() as uow:
        record = uow.session.scalars(select(CollectivePayment)).one()
        assert (record.total, record.tendered, record.change) == (total, tendered, tendered - total)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)


def test_a_refusal_is_said_in_the_dialog_the_rows_reload_and_nothing_is_written(qtbot, app, window, messages):
    first, second = owing_numbers(app, 2)
    dialog = open_dialog(qtbot, window)
    add(qtbot, dialog, first, 1)
    add(qtbot, dialog, second, 2)
    shown = dialog.total
    with app.engine.begin() as connection:  # the second's bill corrected meanwhile
        bill = connection.scalar(select(Bill.id).join(Customer, Customer.id == Bill.customer_id).where(
            Customer.number == second, Bill.status == "unpaid").order_by(Bill.period).limit(1))
        connection.execute(update(Bill).where(Bill.id == bill).values(water_charge=Bill.water_charge + 1_000))
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, str(shown + 50_000))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.total == shown + 1_000, timeout=5000)
    assert f"Tagihan sambungan {second}" in dialog.error.text() and "tidak ada yang dibayar" in dialog.error.text()
    assert written(app) == (0, 0) and window.collective_dialog is dialog
    assert dialog.total_label.text() == format_rupiah(shown + 1_000)  # the new amount, to show the payer
    assert QApplication.focusWidget() is dialog.tendered
    press(qtbot, Qt.Key.Key_Return)  # the payer agrees: Enter again pays the new total
    qtbot.waitUntil(lambda: window.collective_dialog is None, timeout=10_000)
    assert written(app) == (2, 1)


def test_a_saved_group_loads_whole(qtbot, app, desk, window, messages):
    numbers = owing_numbers(app, 3)
    save_group(app.uow(), desk, "griya-asri", "Perumahan Griya Asri", numbers)
    dialog = open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.group.count() == 2, timeout=3000)  # none chosen, and the group
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.group
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=5000)
    assert [dialog.table.item(row, 0).text() for row in range(3)] == numbers
    assert dialog.payer == "Perumahan Griya Asri" and QApplication.focusWidget() is dialog.tendered
    press(qtbot, Qt.Key.Key_Escape)  # Esc closes, nothing paid
    qtbot.waitUntil(lambda: window.collective_dialog is None, timeout=3000)
    assert written(app) == (0, 0)
    shots = os.environ.get("COUNTER_COLLECTIVE_SHOTS")
    if shots:  # a picture of the dialog for the docs
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
        dialog = open_dialog(qtbot, window)
        qtbot.waitUntil(lambda: dialog.group.count() == 2, timeout=3000)
        qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=5000)
        type_keys(qtbot, str((dialog.total // 100_000 + 1) * 100_000))
        qtbot.wait(100)  # the layout settles
        dialog.grab().save(str(Path(shots) / "collective.png"))


def test_the_dialog_speaks_english(qtbot, qapp, app, desk, runner, opened):  # noqa: ANN001
    from counter.ui.app import install_language
    from counter.ui.collective_dialog import CollectiveDialog

    assert install_language(qapp, "en")
    try:
        dialog = CollectiveDialog(app, desk, runner)
        opened.append(dialog)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Collective payment" and dialog.ok_button.text() == "PAY ALL [Enter]"
        assert dialog.table.horizontalHeaderItem(2).text() == "Months" and dialog.count_label.text() == "0 connections"
        assert dialog.group.itemText(0) == "(no group)" and dialog.method.itemText(0) == "Cash"
    finally:
        install_language(qapp, "id")
