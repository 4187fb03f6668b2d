"""Paying at the desk, by keyboard only: scan + Enter, F5, tendered, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from counter.models import Bill, PAYMENT_METHODS
from counter.rules.money import format_rupiah
from counter.rules.payment_methods import METHOD_LABELS
from counter.ui.table_models import BillsModel
from tests.ui.desk_helpers import (
    bill_states, customer_owing, payments, press, scan_and_open_pay_dialog, type_keys,
)


def test_cash_payment_by_keyboard_commits_and_shows_the_change(qtbot, app, window, messages):
    number = customer_owing(app, 3)
    before = bill_states(app, number)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    due = window.panel.paying().total
    assert dialog.due_label.text() == format_rupiah(due)
    tendered = (due // 100_000 + 1) * 100_000  # the next round Rp 100.000 above
    type_keys(qtbot, str(tendered))
    assert dialog.tendered.text() == format_rupiah(tendered, symbol=False)  # 1.300.000 while typing
    assert dialog.change.text() == format_rupiah(tendered - due)
    assert dialog.change_caption.text() == "KEMBALIAN"

    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    result = window.last_payment
    assert messages.shown == []
    assert result.total == due and result.change == tendered - due and result.tendered == tendered
    qtbot.waitUntil(lambda: window.pay_dialog is None)  # closed (and deleted)

    # the store: every bill of the customer paid, one payment with the right money
    assert set(bill_states(app, number).values()) == {"paid"}
    unpaid_before = {p for p, s in before.items() if s == "unpaid"}
    assert len(unpaid_before) >= 3
    [stored] = payments(app, number)
    assert stored == ("cash", due, tendered, tendered - due, "", result.receipt_no)

    # the desk: receipt and change in the banner, customer cleared, focus back in search
    assert result.receipt_no in window.banner.text()
    assert f"KEMBALIAN {format_rupiah(tendered - due)}" in window.banner.text()
    assert window.panel.quote is None and window.search.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)


def test_paying_only_the_oldest_months(qtbot, app, window, messages):
    number = customer_owing(app, 3)
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    quote = window.panel.quote
    window.panel.bills.set_selected_count(2)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pay_dialog.tendered, timeout=3000)
    due = quote.oldest(2).total
    type_keys(qtbot, str(due))  # exact money
    assert window.pay_dialog.change.text() == "Rp 0"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    states = bill_states(app, number)
    assert [states[b.period] for b in quote.bills] == ["paid", "paid"] + ["unpaid"] * (len(quote.bills) - 2)
    assert window.last_payment.total == due and messages.shown == []


def test_tendered_below_due_is_said_in_the_dialog_and_writes_nothing(qtbot, app, window, messages):
    number = customer_owing(app, 2)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    due = dialog.to_pay_amount
    short = due - 1_000
    type_keys(qtbot, str(short))
    assert dialog.change_caption.text() == "KURANG"
    assert dialog.change.text() == format_rupiah(1_000)
    assert not dialog.pay_button.isEnabled()  # short: the pay button stays off
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert messages.shown == []  # no pop-up: the dialog says it
    assert dialog.message.text() == f"Uang kurang {format_rupiah(1_000)}: harus dibayar {format_rupiah(due)}."
    # nothing written, nothing lost: the dialog stays with what was typed
    assert payments(app, number) == []
    assert "paid" not in {s for p, s in bill_states(app, number).items() if p >= window.panel.quote.bills[0].period}
    assert dialog.isVisible() and dialog.tendered.text() == format_rupiah(short, symbol=False)
    assert dialog.tendered.isEnabled() and QApplication.focusWidget() is dialog.tendered
    assert window.last_payment is None

    # the cashier corrects the amount and pays
    type_keys(qtbot, str(due + 500))  # the old text is selected, typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    assert window.last_payment.change == 500
    assert len(payments(app, number)) == 1


def test_empty_tendered_asks_for_the_money(qtbot, app, window, messages):
    dialog = scan_and_open_pay_dialog(qtbot, window, customer_owing(app, 1))
    press(qtbot, Qt.Key.Key_Return)
    assert messages.shown == [] and dialog.message.text().startswith("Isi uang yang diterima")
    assert dialog.isVisible() and not dialog.submitting


def test_qris_payment_takes_the_reference_and_no_tender(qtbot, app, window, messages):
    number = customer_owing(app, 1)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    dialog.set_method("qris")
    assert not dialog.tendered.isVisible() and dialog.reference.isVisible()
    assert QApplication.focusWidget() is dialog.reference
    type_keys(qtbot, "QR12345")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    [stored] = payments(app, number)
    assert (stored[0], stored[4], stored[3]) == ("qris", "QR12345", 0)
    assert "KEMBALIAN" not in window.banner.text() and messages.shown == []


def test_escape_cancels_without_paying(qtbot, app, window):
    number = customer_owing(app, 1)
    scan_and_open_pay_dialog(qtbot, window, number)
    type_keys(qtbot, "50000")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.pay_dialog is None)
    assert payments(app, number) == []
    assert window.panel.quote is not None  # the customer is still there for another try


def test_f5_right_after_a_scan_pays_the_scanned_customer_not_the_one_on_screen(qtbot, app, window):
    first, second = customer_owing(app, 1), customer_owing(app, 4)
    assert first != second
    type_keys(qtbot, first)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    # the next customer: scan, Enter and F5 at scanner speed, no waiting in between
    window.focus_search()
    type_keys(qtbot, second)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None, timeout=3000)
    assert window.pay_dialog.paying.customer.number == second
    assert len(window.pay_dialog.paying.bills) >= 4


def test_a_second_enter_while_saving_pays_nothing_twice(qtbot, app, window, messages):
    number = customer_owing(app, 1)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    type_keys(qtbot, str(dialog.due))
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.submitting and not dialog.pay_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nor can it be cancelled half-way
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=5000)
    assert len(payments(app, number)) == 1 and messages.shown == []


def test_a_bill_changed_after_it_was_shown_is_not_paid_and_the_desk_shows_the_new_total(
        qtbot, app, window, messages):
    number = customer_owing(app, 3)
    before = bill_states(app, number)
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    window.panel.bills.set_selected_count(2)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None, timeout=3000)
    dialog = window.pay_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
    shown = dialog.due
    oldest = window.panel.quote.bills[0]
    with app.uow().writing() as uow:  # the office corrects the oldest bill meanwhile
        uow.session.execute(update(Bill).where(Bill.id == oldest.bill_id)
                            .values(water_charge=oldest.water_charge + 7_000))
        uow.commit()

    type_keys(qtbot, str(shown + 100_000))  # enough for either total
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pay_dialog is None, timeout=5000)
    new_total = shown + 7_000
    [(kind, _title, text)] = messages.shown
    assert kind == "warning"
    assert "Tagihan berubah" in text and format_rupiah(new_total) in text and format_rupiah(shown) in text
    assert payments(app, number) == [] and window.last_payment is None
    assert bill_states(app, number) == before
    # the desk shows the bill as it is now, the same two months still chosen
    model = window.panel.bills
    assert model.index(0, BillsModel.WATER).data() == format_rupiah(oldest.water_charge + 7_000)
    assert model.selected_count == 2 and window.panel.total.text() == format_rupiah(new_total)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)

    # F5 again pays the new total
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None, timeout=3000)
    assert window.pay_dialog.due == new_total


def test_pay_dialog_offers_the_payment_methods_in_order(qtbot, app, window):
    dialog = scan_and_open_pay_dialog(qtbot, window, customer_owing(app, 1))
    offered = [(dialog.method.itemData(i), dialog.method.itemText(i)) for i in range(dialog.method.count())]
    assert offered == [(key, METHOD_LABELS[key]) for key in PAYMENT_METHODS]
    assert [key for key, _ in offered] == ["cash", "transfer", "qris", "debit"]


def test_f5_opens_a_pay_dialog_built_ahead_and_never_one_used_before(qtbot, app, window, messages):
    """The pay dialog is built while no one waits (after sign-in, after each payment), so
    F5 only fills it in; each payment gets a dialog of its own, nothing typed carried over."""
    qtbot.waitUntil(lambda: window._next_pay_dialog is not None, timeout=3000)
    ahead = window._next_pay_dialog
    first = customer_owing(app, 2)
    dialog = scan_and_open_pay_dialog(qtbot, window, first)
    assert dialog is ahead and window._next_pay_dialog is None
    type_keys(qtbot, "1000")
    press(qtbot, Qt.Key.Key_Escape)  # not paid after all
    qtbot.waitUntil(lambda: window.pay_dialog is None, timeout=3000)
    qtbot.waitUntil(lambda: window._next_pay_dialog is not None, timeout=3000)
    assert window._next_pay_dialog is not ahead
    press(qtbot, Qt.Key.Key_Escape)  # the customer cleared: the search has the keys
    second = customer_owing(app, 1)
    dialog = scan_and_open_pay_dialog(qtbot, window, second)
    assert dialog is window.pay_dialog and dialog.tendered.text() == "" and dialog.paying.customer.number == second
    type_keys(qtbot, str(dialog.due))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    assert window.last_payment.total == dialog.due and messages.shown == []
    assert payments(app, first) == [] and len(payments(app, second)) == 1


def test_a_larger_text_size_makes_the_next_pay_dialog_again(qtbot, window):
    qtbot.waitUntil(lambda: window._next_pay_dialog is not None, timeout=3000)
    ahead = window._next_pay_dialog
    window.change_font(1)
    assert window._next_pay_dialog is None
    window.change_font(0)
    window._build_next_pay_dialog()
    assert window._next_pay_dialog is not None and window._next_pay_dialog is not ahead
