"""A cashier's whole day at the desk with the keyboard only: every key goes to
the widget that has the keyboard (QApplication.focusWidget()), nothing is set in
code. Sign in, open the shift with its float, scan a customer, Tab to the bills
and tick months (Space, Ctrl+Up / Ctrl+Down), pay the exact amount, F8 a copy of
the receipt, F7 void it with the supervisor's approval, F9 a relief preview left
with Esc, F12 count the drawer and close the shift."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import InstalmentPlan, Payment, Shift
from counter.rules.cash import DENOMINATIONS
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.ui.main_window import MainWindow
from tests.ui.desk_helpers import bill_states, customer_owing, press, type_keys

CTRL = Qt.KeyboardModifier.ControlModifier


def key(qtbot, k: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), k, modifiers)


def focus_is(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5000)


def ticked(model) -> list[bool]:  # noqa: ANN001
    return [model.is_checked(row) for row in range(model.rowCount())]


def test_a_whole_day_by_keyboard(qtbot, app, desk, messages):
    number = customer_owing(app, 4)
    window = MainWindow(app, desk, sign_in=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    try:
        # ---- sign in (the user name is filled in), the PIN, Enter
        qtbot.waitUntil(lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(), timeout=5000)
        focus_is(qtbot, window.sign_in_dialog.pin)
        type_keys(qtbot, DEMO_PIN)
        press(qtbot, Qt.Key.Key_Return)

        # ---- the shift's float, Enter
        qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=5000)
        focus_is(qtbot, window.shift_dialog.amount)
        type_keys(qtbot, "500000")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.signed_in and window.shift is not None, timeout=5000)
        focus_is(qtbot, window.search)

        # ---- scan the customer, Enter; Tab to the results (one stop), Tab to the bills
        type_keys(qtbot, number)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number,
                        timeout=5000)
        bills, quote = window.panel.bills, window.panel.quote
        n = bills.rowCount()
        assert n >= 4 and ticked(bills) == [True] * n  # all ticked on opening
        assert window.results_view.selectionModel().isRowSelected(0)  # the row Enter opened, marked
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.results_view
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.panel.table

        # ---- tick months: Space on the oldest unticks all; ↓ ↓ Space ticks three; Ctrl+Up one less
        press(qtbot, Qt.Key.Key_Space)
        assert ticked(bills) == [False] * n
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Space)
        assert ticked(bills) == [True] * 3 + [False] * (n - 3)
        key(qtbot, Qt.Key.Key_Up, CTRL)
        assert ticked(bills) == [True] * 2 + [False] * (n - 2)
        press(qtbot, Qt.Key.Key_F2)  # back to the search field: Ctrl+Down works there too
        focus_is(qtbot, window.search)
        key(qtbot, Qt.Key.Key_Down, CTRL)
        key(qtbot, Qt.Key.Key_Up, CTRL)
        assert ticked(bills) == [True] * 2 + [False] * (n - 2)
        paying = [b.period for b in quote.bills[:2]]

        # ---- F5, the exact amount, Enter
        press(qtbot, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=5000)
        pay = window.pay_dialog
        focus_is(qtbot, pay.tendered)
        assert pay.due == quote.oldest(2).total
        type_keys(qtbot, str(pay.due))
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
        receipt_no = window.last_payment.receipt_no
        states = bill_states(app, number)
        assert [p for p, s in sorted(states.items()) if s == "paid" and p in paying] == paying
        assert sum(1 for s in states.values() if s == "paid") >= 2
        qtbot.waitUntil(lambda: window.printer.pending == 0, timeout=15_000)
        focus_is(qtbot, window.search)

        # ---- F8: a copy of the last receipt
        press(qtbot, Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: window.printer.pending == 0 and window.printer.last_job is not None
                        and window.printer.last_job.copy_number == 1, timeout=15_000)
        assert window.printer.last_job.receipt_no == receipt_no

        # ---- F7: void it; the reason, Enter; the supervisor's name, Tab, password, Enter
        focus_is(qtbot, window.search)
        press(qtbot, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: window.void_dialog is not None and window.void_dialog.isVisible(), timeout=5000)
        void = window.void_dialog
        assert void.receipt.text() == receipt_no
        focus_is(qtbot, void.reason)
        type_keys(qtbot, "salah bulan")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: void.approval_dialog is not None and void.approval_dialog.isVisible(), timeout=5000)
        approval = void.approval_dialog
        focus_is(qtbot, approval.username)
        type_keys(qtbot, "kepala")
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, DEMO_PASSWORD)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.void_dialog is None, timeout=10_000)
        with app.uow() as uow:
            assert uow.session.scalar(select(Payment.status).where(Payment.receipt_no == receipt_no)) == "void"
        assert all(bill_states(app, number)[p] == "unpaid" for p in paying)  # owed again
        qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number
                        and not window.runner.is_running("customer"), timeout=5000)

        # ---- F9: relief and instalments, a preview, Esc: nothing made
        focus_is(qtbot, window.search)
        with app.uow() as uow:
            plans = uow.session.scalar(select(func.count()).select_from(InstalmentPlan))
        press(qtbot, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: window.relief_dialog is not None and window.relief_dialog.isVisible(), timeout=5000)
        relief = window.relief_dialog
        qtbot.waitUntil(lambda: bool(relief.choices), timeout=5000)
        qtbot.waitUntil(lambda: not relief.runner.is_running("relief-preview"), timeout=5000)
        key(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # the number of instalments
        assert QApplication.focusWidget() is relief.instalments
        press(qtbot, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: not relief._debounce.isActive() and not relief.runner.is_running("relief-preview"),
                        timeout=5000)
        qtbot.waitUntil(lambda: relief.schedule_model.rowCount() > 0, timeout=5000)  # the preview's schedule
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.relief_dialog is None, timeout=5000)
        with app.uow() as uow:
            assert uow.session.scalar(select(func.count()).select_from(InstalmentPlan)) == plans

        # ---- F12: count the drawer piece by piece (Tab to the next), Ctrl+Enter until the shift is closed
        focus_is(qtbot, window.search)
        press(qtbot, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: window.cash_closing.dialog is not None and window.cash_closing.dialog.isVisible(),
                        timeout=5000)
        closing = window.cash_closing.dialog
        focus_is(qtbot, closing.pieces[DENOMINATIONS[0].key])
        rest = closing.shift.expected_cash
        assert rest == 500_000  # the float; the payment was voided
        for i, piece in enumerate(DENOMINATIONS):
            assert QApplication.focusWidget() is closing.pieces[piece.key]
            count, rest = divmod(rest, piece.value)
            key(qtbot, Qt.Key.Key_A, CTRL)
            type_keys(qtbot, str(count))
            if i + 1 < len(DENOMINATIONS):
                press(qtbot, Qt.Key.Key_Tab)
        assert rest == 0
        for _ in range(2):  # a blind count takes the count first, then closes
            if window.cash_closing.dialog is None:
                break
            key(qtbot, Qt.Key.Key_Return, CTRL)
            qtbot.wait(200)
        qtbot.waitUntil(lambda: window.cash_closing.dialog is None, timeout=5000)
        with app.uow() as uow:
            assert uow.session.scalar(select(Shift.status).order_by(Shift.id.desc()).limit(1)) == "closed"
        assert messages.shown == []
    finally:
        window.close()
        window.runner.wait()
