"""Helpers for the desk tests: find demo customers, read back what was stored,
type and press keys as a cashier would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import Bill, Customer, Payment


def customer_owing(app, months: int, status: str | None = None, exactly: bool = False) -> str:  # noqa: ANN001
    """The connection number of a customer with (at least) `months` unpaid bills."""
    with app.uow() as uow:
        count = func.count()
        unpaid = select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
        unpaid = unpaid.having(count == months if exactly else count >= months)
        query = select(Customer.number).where(Customer.id.in_(unpaid), Customer.status != "closed")
        if status is not None:
            query = query.where(Customer.status == status)
        return uow.session.scalars(query.order_by(Customer.id).limit(1)).one()


def bill_states(app, number: str) -> dict[int, str]:  # noqa: ANN001
    with app.uow() as uow:
        rows = uow.session.execute(
            select(Bill.period, Bill.status).join(Customer, Customer.id == Bill.customer_id)
            .where(Customer.number == number)
        ).all()
    return dict(rows)


def payments(app, number: str) -> list[tuple]:  # noqa: ANN001
    """(method, total, tendered, change, reference, receipt_no) of the customer's payments."""
    with app.uow() as uow:
        return [tuple(row) for row in uow.session.execute(
            select(Payment.method, Payment.total, Payment.tendered, Payment.change, Payment.reference,
                   Payment.receipt_no)
            .join(Customer, Customer.id == Payment.customer_id).where(Customer.number == number)
        )]


def type_keys(qtbot, text: str) -> None:  # noqa: ANN001
    """Type into whatever has the keyboard focus, as a person would."""
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def press(qtbot, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), key)


def scan_and_open_pay_dialog(qtbot, window, number: str, cash_first: bool = True):  # noqa: ANN001, ANN201
    """Scan `number`, Enter, F5: the pay dialog, once the cash field has the keys
    (`cash_first` False: wherever it puts them, e.g. other charges alone)."""
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
    dialog = window.pay_dialog
    if cash_first:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
    return dialog


def show(qtbot, window):  # noqa: ANN001, ANN201
    """Show the desk and wait until it has the keyboard."""
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def pay_cash(qtbot, window, number: str) -> str:  # noqa: ANN001
    """Scan `number`, F5, type exactly what is due, Enter; the receipt number."""
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    type_keys(qtbot, str(dialog.due))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    return window.last_payment.receipt_no
