"""Ctrl+E at the desk: the cashier corrects the phone number and household size
of the customer on screen with the keyboard alone; the panel then shows the
usage per person, in red when implausible for the household."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.models import Bill, Customer, OutboxEvent
from tests.ui.desk_helpers import customer_owing, press, type_keys


def open_customer(qtbot, window, number: str) -> None:  # noqa: ANN001
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number,
                    timeout=3000)


def stored(app, number: str) -> tuple[str, int]:  # noqa: ANN001
    with app.uow() as uow:
        return uow.session.execute(select(Customer.phone, Customer.household_size)
                                   .where(Customer.number == number)).one()


def test_ctrl_e_corrects_phone_and_household_by_keyboard(qtbot, app, window):
    number = customer_owing(app, 1)
    open_customer(qtbot, window, number)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.customer_dialog is not None and window.customer_dialog.isVisible(), timeout=3000)
    dialog = window.customer_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.phone, timeout=3000)
    qtbot.keyClick(dialog.phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, "abc")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=3000)
    assert "Nomor telepon" in dialog.error.text() and window.customer_dialog is dialog
    qtbot.keyClick(dialog.phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, "0812 3456 7890")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (dialog.household, dialog.household.lineEdit())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.customer_dialog is None, timeout=3000)
    assert stored(app, number) == ("081234567890", 1)
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.household_size == 1,
                    timeout=3000)
    usage = window.panel.quote.customer.usage
    assert f"{usage.per_person.litres_per_day} L/orang/hari" in window.panel.household.text()
    assert "Telp. 081234567890" in window.panel.meter.text()
    assert ("⚠" in window.panel.household.text()) == bool(usage.per_person.flag)
    with app.uow() as uow:
        assert uow.session.scalars(select(OutboxEvent.kind).where(OutboxEvent.kind == "customer.updated")).all()


def test_an_implausible_usage_is_flagged_in_red(qtbot, app, window):
    number = customer_owing(app, 1)
    with app.uow() as uow:  # 5 m3 a month for 40 people: far too little water each (a stuck meter?)
        customer = uow.session.scalars(select(Customer).where(Customer.number == number)).one()
        customer.household_size = 40
        latest = uow.session.scalars(select(Bill).where(Bill.customer_id == customer.id)
                                     .order_by(Bill.period.desc())).first()
        latest.usage_m3 = 5
        uow.commit()
    open_customer(qtbot, window, number)
    usage = window.panel.quote.customer.usage
    assert usage.per_person.flag == "low"
    assert window.panel.household.text().startswith("⚠") and "terlalu rendah" in window.panel.household.text()
    assert "Ctrl+E" in window.panel.household.toolTip()


def test_esc_leaves_everything_as_it_was(qtbot, app, window):
    number = customer_owing(app, 1)
    open_customer(qtbot, window, number)
    before = stored(app, number)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.customer_dialog is not None and window.customer_dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.customer_dialog.phone, timeout=3000)
    type_keys(qtbot, "0812")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.customer_dialog is None, timeout=3000)
    assert stored(app, number) == before
