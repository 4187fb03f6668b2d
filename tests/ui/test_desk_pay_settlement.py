"""The pay dialog with cash rounding and customer credit: what is shown before
the cash is typed, the credit ticked by keyboard (Alt+K), what the desk pays."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter.models import Bill, Customer, CustomerCredit, Payment
from counter.rules.money import format_rupiah
from counter.services.billing import quote
from counter.ui.pay_dialog import PayDialog
from tests.conftest import AS_OF
from tests.ui.desk_helpers import customer_owing, press, type_keys
from tests.ui.test_desk_sync import synced_desk  # noqa: F401 - a fixture

SHOTS = os.environ.get("COUNTER_PAY_SHOTS")  # a folder: the dialog's pictures are saved there to look at


def odd_quote(app, number: str, rest: int):  # noqa: ANN001, ANN201
    """The customer's oldest bill made to end in `rest` Rupiah (of 1000), quoted."""
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF).oldest(1)
    with app.engine.begin() as connection:
        connection.execute(update(Bill).where(Bill.id == owed.bills[0].bill_id)
                           .values(water_charge=Bill.water_charge + (rest - owed.total) % 1000))
    with app.uow() as uow:
        return quote(uow.session, number, AS_OF).oldest(1)


def shot(widget, name: str) -> None:  # noqa: ANN001
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def dialog_of(qtbot, opened):  # noqa: ANN001, ANN201
    def make(paying, **options):  # noqa: ANN001, ANN202
        dialog = PayDialog(paying, **options)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
        return dialog
    return make


def test_cash_shows_the_rounding_and_the_amount_to_pay_before_the_cash(qtbot, app, dialog_of):
    paying = odd_quote(app, customer_owing(app, 1), 870)
    dialog = dialog_of(paying, rounding_unit=100)
    rounded = paying.total + 30
    assert dialog.due_label.text() == format_rupiah(paying.total)
    assert dialog.rounding_line.isVisible() and dialog.rounding_line.text() == "Rp 30"
    assert dialog.to_pay.isVisible() and dialog.to_pay.text() == format_rupiah(rounded)
    assert not dialog.use_credit.isVisible() and not dialog.credit_line.isVisible()
    type_keys(qtbot, str(rounded - 100))
    assert (dialog.change_caption.text(), dialog.change.text()) == ("KURANG", "Rp 100")
    dialog.tendered.clear()
    type_keys(qtbot, str(rounded + 10_000))
    assert (dialog.change_caption.text(), dialog.change.text()) == ("KEMBALIAN", "Rp 10.000")
    shot(dialog, "pay-rounding")
    dialog.set_method("qris")  # other methods pay the exact amount
    assert not dialog.rounding_line.isVisible() and not dialog.to_pay.isVisible()
    dialog.set_method("cash")
    assert dialog.request().credit == 0


def test_credit_is_offered_unticked_and_alt_k_takes_it(qtbot, app, dialog_of):
    paying = odd_quote(app, customer_owing(app, 1), 450)
    dialog = dialog_of(paying, rounding_unit=100, credit=30_000)
    assert dialog.use_credit.isVisible() and not dialog.use_credit.isChecked()
    assert dialog.use_credit.text().replace("&", "") == "Pakai kredit pelanggan Rp 30.000"
    assert "Alt+K" in dialog.hint.text()
    assert dialog.to_pay.text() == format_rupiah(paying.total - 50)  # a half goes down
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.use_credit.isChecked)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered)  # the cash is typed next
    left = paying.total - 30_000 - 50
    assert dialog.credit_line.isVisible() and dialog.credit_line.text() == "-Rp 30.000"
    assert dialog.rounding_line.text() == "-Rp 50" and dialog.to_pay.text() == format_rupiah(left)
    type_keys(qtbot, str(left))
    assert dialog.change.text() == "Rp 0"
    shot(dialog, "pay-credit")
    request = dialog.request()
    assert (request.method, request.tendered, request.credit) == ("cash", left, 30_000)
    dialog.set_method("transfer")
    assert dialog.to_pay.text() == format_rupiah(paying.total - 30_000) and not dialog.rounding_line.isVisible()
    assert dialog.request().credit == 30_000
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # untick: no credit
    qtbot.waitUntil(lambda: not dialog.use_credit.isChecked())
    assert dialog.request().credit == 0 and not dialog.credit_line.isVisible()


def test_credit_above_the_total_is_offered_up_to_the_total(qtbot, app, dialog_of):
    paying = odd_quote(app, customer_owing(app, 1), 0)
    dialog = dialog_of(paying, rounding_unit=100, credit=paying.total + 5_000)
    assert dialog.use_credit.text().replace("&", "").endswith(format_rupiah(paying.total))
    dialog.use_credit.setChecked(True)
    assert dialog.to_pay.text() == "Rp 0"
    assert dialog.request().tendered == 0  # nothing to type: the credit pays it all


def test_the_desk_offers_credit_that_central_just_reported_and_pays_with_it(qtbot, synced_desk):
    app, window, sync = synced_desk()
    qtbot.waitUntil(lambda: sync.central is not None, timeout=10_000)
    number = customer_owing(app, 1)
    with Session(app.embedded_engine) as session, session.begin():
        cid = session.scalar(select(Customer.id).where(Customer.number == number))
        session.add(CustomerCredit(customer_id=cid, payment_id=None, amount=20_000, reason="kelebihan bayar",
                                   created_at=dt.datetime.now(dt.timezone.utc)))
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.from_central, timeout=5000)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
    dialog = window.pay_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
    assert dialog.use_credit.isVisible() and dialog.credit_offered == min(20_000, dialog.due)
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.use_credit.isChecked)
    type_keys(qtbot, str(dialog.to_pay_amount + 1_000))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=10_000)
    result = window.last_payment
    assert result.credit_used == dialog.credit_offered and result.change == 1_000
    assert "kredit dipakai" in window.banner.text()
    with app.uow() as uow:
        assert uow.session.get(Payment, result.payment_id).credit_used == result.credit_used
