"""The pay dialog's money keys, by real key presses on the focused widget:
Alt+U fills the cash with exactly what is to be paid (uang pas), Alt+5 / Alt+1
with the next Rp 50.000 / Rp 100.000 above it. While the cash is short the pay
button stays off and Enter only says, inside the dialog, how much is missing:
no pop-up, nothing written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter.rules.money import format_rupiah
from tests.ui.desk_helpers import customer_owing, payments, press, scan_and_open_pay_dialog, type_keys

ALT = Qt.KeyboardModifier.AltModifier


def alt(qtbot, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), key, ALT)


def test_exact_money_key_fills_what_is_due_and_enter_pays(qtbot, app, window, messages):
    number = customer_owing(app, 2)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    assert "Alt+U" in dialog.exact_button.text() and dialog.exact_button.isVisible()
    to_pay = dialog.to_pay_amount
    alt(qtbot, Qt.Key.Key_U)
    assert dialog.tendered.text() == format_rupiah(to_pay, symbol=False)
    assert dialog.change.text() == "Rp 0" and dialog.change_caption.text() == "KEMBALIAN"
    assert QApplication.focusWidget() is dialog.tendered and dialog.pay_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    assert window.last_payment.tendered == to_pay and window.last_payment.change == 0
    assert len(payments(app, number)) == 1 and messages.shown == []


def test_quick_amounts_are_the_next_50_and_100_thousand_above_what_is_due(qtbot, app, window, messages):
    number = customer_owing(app, 3)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    to_pay = dialog.to_pay_amount
    fifty = (to_pay // 50_000 + 1) * 50_000
    hundred = ((fifty if fifty % 100_000 == 0 else to_pay) // 100_000 + 1) * 100_000
    assert format_rupiah(fifty) in dialog.fifty_button.text() and "Alt+5" in dialog.fifty_button.text()
    assert format_rupiah(hundred) in dialog.hundred_button.text() and "Alt+1" in dialog.hundred_button.text()
    alt(qtbot, Qt.Key.Key_5)
    assert dialog.tendered.text() == format_rupiah(fifty, symbol=False)
    assert dialog.change.text() == format_rupiah(fifty - to_pay)
    alt(qtbot, Qt.Key.Key_1)
    assert dialog.tendered.text() == format_rupiah(hundred, symbol=False)
    assert dialog.change.text() == format_rupiah(hundred - to_pay)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    assert window.last_payment.tendered == hundred and window.last_payment.change == hundred - to_pay
    assert messages.shown == []


def test_quick_amounts_go_with_the_cash(qtbot, app, window):
    dialog = scan_and_open_pay_dialog(qtbot, window, customer_owing(app, 1))
    qtbot.keyClick(dialog, Qt.Key.Key_C, ALT)  # Alt+C: the method
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.method_key == "transfer", timeout=3000)
    assert not dialog.exact_button.isVisible() and not dialog.fifty_button.isVisible()
    alt(qtbot, Qt.Key.Key_U)  # nothing to fill for a transfer
    assert dialog.tendered.text() == ""


def test_short_cash_keeps_the_pay_button_off_and_says_what_is_missing(qtbot, app, window, messages):
    number = customer_owing(app, 2)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    to_pay = dialog.to_pay_amount
    assert not dialog.pay_button.isEnabled()  # nothing typed yet: short by all of it
    assert not dialog.message.isVisible()  # but nothing said before the cashier did anything
    short = to_pay - 1_000
    type_keys(qtbot, str(short))
    assert not dialog.pay_button.isEnabled()
    assert dialog.message.isVisible() and format_rupiah(1_000) in dialog.message.text()
    assert dialog.message.text() == f"Uang kurang {format_rupiah(1_000)}: harus dibayar {format_rupiah(to_pay)}."

    press(qtbot, Qt.Key.Key_Return)  # nothing but the message
    qtbot.wait(200)
    assert messages.shown == [] and payments(app, number) == [] and window.last_payment is None
    assert dialog.isVisible() and not dialog.submitting and QApplication.focusWidget() is dialog.tendered
    assert dialog.message.isVisible() and format_rupiah(1_000) in dialog.message.text()

    type_keys(qtbot, str(to_pay + 500))  # the old text is selected: typing replaces it
    assert dialog.pay_button.isEnabled() and not dialog.message.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    assert window.last_payment.tendered == to_pay + 500 and messages.shown == []


def test_enter_with_no_cash_asks_for_it_inside_the_dialog(qtbot, app, window, messages):
    number = customer_owing(app, 1)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert messages.shown == [] and payments(app, number) == []
    assert dialog.message.isVisible()
    assert dialog.message.text() == (f"Isi uang yang diterima: harus dibayar {format_rupiah(dialog.to_pay_amount)}"
                                     " (Alt+U = uang pas).")
    assert QApplication.focusWidget() is dialog.tendered


def test_a_refusal_by_the_payment_is_said_in_the_dialog_too(qtbot, app, window, messages):
    number = customer_owing(app, 1)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    type_keys(qtbot, "200000000")  # Rp 200.000.000: beyond what one payment may take, a typing slip
    assert dialog.pay_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and not dialog.submitting, timeout=10_000)
    assert "Uang diterima" in dialog.message.text() and messages.shown == []  # no pop-up
    assert payments(app, number) == [] and dialog.isVisible()
    assert QApplication.focusWidget() is dialog.tendered and dialog.tendered.selectedText() == "200.000.000"
    alt(qtbot, Qt.Key.Key_U)  # corrected: exact money
    assert not dialog.message.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    assert messages.shown == []


def test_the_two_quick_amounts_are_never_the_same():
    """Rp 757.400 due: the next Rp 50.000 and the next Rp 100.000 are both Rp 800.000;
    the second key then offers the next Rp 100.000 after it."""
    from hypothesis import given, strategies as st

    from counter.ui.pay_dialog import quick_amounts

    assert quick_amounts(757_400) == (800_000, 900_000)
    assert quick_amounts(100_000) == (150_000, 200_000)
    assert quick_amounts(120_000) == (150_000, 200_000)

    @given(st.integers(min_value=0, max_value=100_000_000))
    def distinct_and_above(due: int) -> None:
        fifty, hundred = quick_amounts(due)
        assert due < fifty < hundred and fifty % 50_000 == 0 and hundred % 100_000 == 0
        assert hundred - due <= 200_000

    distinct_and_above()
