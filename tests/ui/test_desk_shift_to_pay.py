"""F5 at a desk with no shift open, by real key presses on whatever has the
focus: money goes into no drawer, so the shift dialog comes first, before any
cash is typed; once the shift is opened the pay dialog follows and the payment
goes into that shift. "Nanti saja" (Esc) leaves the customer unpaid, on screen,
and the desk says why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.models import Shift
from counter.services.shifts import open_shift_now
from tests.ui.desk_helpers import bill_states, customer_owing, payments, press, type_keys

NO_SHIFT = "Belum ada shift terbuka"


def scan_then_f5(qtbot, window, number: str):  # noqa: ANN001, ANN201
    """Scan `number` + Enter, then F5 at the desk that has no shift: the shift dialog."""
    qtbot.waitUntil(lambda: not window.runner.is_running("shift"), timeout=5000)  # the desk knows: no shift
    assert window.shift is None and window.shift_label.text() == "Shift: belum dibuka"
    assert QApplication.focusWidget() is window.search
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number,
                    timeout=5000)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=3000)
    dialog = window.shift_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount, timeout=3000)
    assert window.pay_dialog is None  # no pay dialog: no cash can be typed yet
    assert dialog.amount.text() == ""
    assert window.banner.isVisible() and NO_SHIFT in window.banner.text()
    return dialog


def shifts(app) -> list[tuple[int, str]]:  # noqa: ANN001
    with app.uow() as uow:
        return [tuple(row) for row in uow.session.execute(select(Shift.opening_float, Shift.status))]


@pytest.mark.no_shift
def test_f5_without_a_shift_opens_the_shift_first_then_the_pay_dialog(qtbot, app, desk, window, messages):
    number = customer_owing(app, 2)
    before = bill_states(app, number)
    scan_then_f5(qtbot, window, number)
    assert shifts(app) == [] and payments(app, number) == []

    type_keys(qtbot, "150000")  # the float, typed into the shift dialog
    assert window.shift_dialog.amount.text() == "150.000"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=5000)
    assert shifts(app) == [(150_000, "open")]
    assert window.shift_dialog is None and window.shift_label.text() == "Shift: modal Rp 150.000"
    assert not window.banner.isVisible()  # what was in the way is gone
    pay = window.pay_dialog
    assert pay.paying.customer.number == number and pay.tendered.text() == ""  # nothing of the float in it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pay.tendered, timeout=3000)

    type_keys(qtbot, str(pay.due))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    receipt_no = window.last_payment.receipt_no
    assert [p[-1] for p in payments(app, number)] == [receipt_no]
    assert set(bill_states(app, number).values()) == {"paid"} != set(before.values())
    assert "LUNAS" in window.banner.text() and receipt_no in window.banner.text()
    taken = open_shift_now(app.uow(), desk)  # into the shift just opened
    assert taken.opening_float == 150_000 and taken.payments == 1
    assert taken.expected_cash == 150_000 + window.last_payment.total
    qtbot.waitUntil(lambda: window.printer.pending == 0, timeout=15_000)
    assert messages.shown == []


@pytest.mark.no_shift
def test_nanti_saja_leaves_the_customer_unpaid_and_the_desk_says_why(qtbot, app, window, messages):
    number = customer_owing(app, 2)
    before = bill_states(app, number)
    dialog = scan_then_f5(qtbot, window, number)
    shown = window.panel.quote

    press(qtbot, Qt.Key.Key_Escape)  # "Nanti saja [Esc]"
    qtbot.waitUntil(lambda: window.shift_dialog is None and not dialog.isVisible(), timeout=3000)
    assert window.pay_dialog is None
    assert shifts(app) == [] and payments(app, number) == [] and bill_states(app, number) == before
    assert window.shift is None and window.shift_label.text() == "Shift: belum dibuka"
    assert window.panel.quote is shown  # the customer stays on screen, unpaid
    assert window.banner.isVisible() and NO_SHIFT in window.banner.text()  # and the desk says why
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)

    press(qtbot, Qt.Key.Key_F5)  # F5 again asks for the shift again, still no pay dialog
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=3000)
    assert window.pay_dialog is None
    again = window.shift_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is again.amount, timeout=3000)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.shift_dialog is None, timeout=3000)
    assert payments(app, number) == [] and messages.shown == []
