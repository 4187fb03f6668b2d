"""Other charges in the pay dialog, by keyboard: the catalogue for the customer
with its amounts (Alt+B, Space ticks one), alone or with bills, and a sealed
customer paying all they owe offered the unseal order with its fee (Alt+S)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import Bill, Customer, PaymentLine, WorkOrder
from counter.rules.money import format_rupiah
from tests.ui.desk_helpers import customer_owing, payments, press, scan_and_open_pay_dialog, type_keys

SHOTS = os.environ.get("COUNTER_PAY_SHOTS")  # a folder: the dialog's pictures are saved there to look at


def no_arrears(app) -> str:  # noqa: ANN001
    with app.uow() as uow:
        owing = select(Bill.customer_id).where(Bill.status == "unpaid")
        return uow.session.scalars(select(Customer.number).where(Customer.id.not_in(owing),
                                                                 Customer.status == "active")
                                   .order_by(Customer.id).limit(1)).one()


def alt(qtbot, dialog, letter: Qt.Key) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)  # the dialog has the keys
    qtbot.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)


def charge_lines(app, receipt_no: str) -> list[tuple[str, int]]:  # noqa: ANN001
    from counter.models import Payment

    with app.uow() as uow:
        return [tuple(r) for r in uow.session.execute(
            select(PaymentLine.charge_code, PaymentLine.amount).join(Payment, Payment.id == PaymentLine.payment_id)
            .where(Payment.receipt_no == receipt_no, PaymentLine.kind == "charge").order_by(PaymentLine.seq))]


def save(widget, name: str) -> None:  # noqa: ANN001
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_a_change_of_name_alone_by_keyboard(qtbot, app, window, messages):
    number = no_arrears(app)
    dialog = scan_and_open_pay_dialog(qtbot, window, number, cash_first=False)
    assert dialog.charges.isVisible() and not dialog.unseal.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.charges, timeout=3000)  # nothing else to pay
    first = dialog.charges.topLevelItem(0)
    assert dialog.charges.topLevelItemCount() == 6 and first.text(0) == "Biaya balik nama  [BALIK-NAMA]"
    assert first.text(1) == "Rp 50.000" and dialog.due == 0
    press(qtbot, Qt.Key.Key_Return)  # nothing chosen yet: said, nothing paid
    assert messages.shown == []  # said in the dialog itself, no pop-up
    assert dialog.message.text() == "Pilih minimal satu rekening, angsuran atau biaya lain untuk dibayar."
    qtbot.keyClick(dialog.charges, Qt.Key.Key_Space)
    assert dialog.chosen_codes == ("BALIK-NAMA",) and dialog.due == 50_000
    assert dialog.due_label.text() == format_rupiah(50_000) and "Biaya balik nama" in dialog.who.text()
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
    type_keys(qtbot, "50000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    receipt = window.last_payment.receipt_no
    assert charge_lines(app, receipt) == [("BALIK-NAMA", 50_000)]
    assert [p[1] for p in payments(app, number)] == [50_000]
    assert "Biaya balik nama" in window.banner.text()


def test_bills_with_a_charge_ticked_after_alt_b(qtbot, app, window, messages):
    number = customer_owing(app, 2, status="active")
    dialog = scan_and_open_pay_dialog(qtbot, window, number, cash_first=False)
    bills = dialog.due
    alt(qtbot, dialog, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.charges, timeout=3000)
    for _ in range(3):  # BALIK-NAMA, BUKA-SEGEL, DENDA-SEGEL, GANTI-METER
        qtbot.keyClick(dialog.charges, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.charges, Qt.Key.Key_Space)
    assert dialog.chosen_codes == ("GANTI-METER",) and dialog.due == bills + 350_000 + dialog.paying.stamp_duty
    save(dialog, "pay-charges")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, str(dialog.to_pay_amount))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    assert messages.shown == []
    assert charge_lines(app, window.last_payment.receipt_no) == [("GANTI-METER", 350_000)]
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Bill).join(Customer).where(
            Customer.number == number, Bill.status == "unpaid")) == 0


def test_a_sealed_customer_paying_everything_is_offered_the_unseal_order_alt_s(qtbot, app, window, messages):
    number = customer_owing(app, 1, status="sealed")
    dialog = scan_and_open_pay_dialog(qtbot, window, number, cash_first=False)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
    assert dialog.unseal.isVisible() and not dialog.unseal.isChecked()
    bills, fee = dialog.due, dialog.unseal_fee.amount
    assert format_rupiah(fee) in dialog.unseal.text()
    alt(qtbot, dialog, Qt.Key.Key_S)
    qtbot.waitUntil(dialog.unseal.isChecked)  # a mnemonic clicks the box a moment later
    assert dialog.chosen_codes == ("BUKA-SEGEL",)
    assert dialog.due == dialog.paying.subtotal + dialog.paying.stamp_duty and dialog.paying.subtotal == \
        sum(b.amount for b in dialog.paying.bills) + fee and dialog.due >= bills + fee
    save(dialog, "pay-unseal")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)  # the cash, next
    type_keys(qtbot, str(dialog.to_pay_amount))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    result = window.last_payment
    assert messages.shown == [] and result.work_order_no
    with app.uow() as uow:
        order = uow.session.scalars(select(WorkOrder)).one()
        assert (order.plan_id, order.order_no) == (None, result.work_order_no)
    assert charge_lines(app, result.receipt_no) == [("BUKA-SEGEL", fee)]
    qtbot.waitUntil(lambda: "dibuat" in window.banner.text(), timeout=5000)  # its PDF for the field team
    assert (app.config.store.data_dir / "plans" / f"spk-{result.work_order_no.replace('/', '-')}.pdf").is_file()


def test_no_unseal_offer_when_not_everything_is_paid(qtbot, app, window):
    number = customer_owing(app, 3, status="sealed")
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    window.panel.bills.set_selected_count(1)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
    assert not window.pay_dialog.unseal.isVisible()
