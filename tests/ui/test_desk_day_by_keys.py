"""A cashier's day at the desk by keyboard only, read off the screen as the
cashier reads it: every key goes to QApplication.focusWidget(), nothing is set
in code, and after each step the test asserts what shows (labels, the banner,
the status bar, which dialog is open) before, at the end, what the store holds.

tests/ui/test_desk_whole_day.py walks the same day for the keys and the focus;
this walk adds what the cashier sees, and the keys that walk does not press:
the user name typed over the one filled in and a wrong PIN first, Alt+U for
the exact money, the receipt chosen in F7's list (↓, Enter), a reason too short
and a wrong supervisor PIN refused inside their dialogs, a second F7 showing
the receipt void, the drawer counted in several denominations with fields left
at 0, the Z report's file, and Esc on the new shift offered after the close."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import InstalmentPlan, Payment, Shift, User
from counter.rules.cash import DENOMINATIONS
from counter.rules.money import format_rupiah
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.ui.main_window import MainWindow
from tests.ui.desk_helpers import bill_states, customer_owing, press, type_keys

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WAIT = 10_000

# the drawer at the close: the float of Rp 500.000 (the day's one payment was voided), as it lies in the drawer
DRAWER = {"100000": 3, "50000": 3, "20000": 2, "10000": 1}


def chord(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:  # noqa: ANN001
    """A key with modifiers (Ctrl+↓, Alt+U, Shift+Tab ...) to the widget that has the keyboard."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def keyboard_in(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=WAIT)


def ticked(model) -> list[bool]:  # noqa: ANN001
    return [model.is_checked(row) for row in range(model.rowCount())]


def test_a_day_at_the_desk_by_keys_as_the_cashier_sees_it(qtbot, app, desk, messages):
    number = customer_owing(app, 4)
    with app.uow() as uow:
        full_name = uow.session.scalar(select(User.full_name).where(User.username == "kasir1"))
    window = MainWindow(app, desk, sign_in=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    bar, banner, panel = window.statusBar(), window.banner, window.panel
    try:
        # ---- covered: nothing of the desk, no one named in the status bar
        qtbot.waitUntil(lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(), timeout=WAIT)
        sign_in = window.sign_in_dialog
        assert window.stack.currentWidget() is window.waiting and not window.user_label.isVisible()
        assert window.shift_label.text() == "Shift: belum dibuka"
        keyboard_in(qtbot, sign_in.pin)  # the user name is filled in: the keys are in the PIN

        # ---- the user name typed over the one filled in (Shift+Tab, Ctrl+A), Enter goes on to the PIN
        chord(qtbot, Qt.Key.Key_Tab, SHIFT)
        assert QApplication.focusWidget() is sign_in.username
        chord(qtbot, Qt.Key.Key_A, CTRL)
        type_keys(qtbot, "kasir1")
        press(qtbot, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is sign_in.pin and sign_in.username.text() == "kasir1"

        # ---- a wrong PIN: said in red in the dialog, the PIN cleared, still covered
        type_keys(qtbot, "999999")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: sign_in.error.isVisible(), timeout=WAIT)
        assert sign_in.error.text() == "Nama pengguna atau PIN salah."
        assert sign_in.pin.text() == "" and sign_in.isVisible() and not window.signed_in
        keyboard_in(qtbot, sign_in.pin)

        # ---- the right PIN: the shift's float is asked for, greeting the cashier by name
        type_keys(qtbot, DEMO_PIN)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=WAIT)
        assert window.sign_in_dialog is None
        assert window.user_label.isVisible() and window.user_label.text() == f"Kasir: {full_name}"
        shift_dialog = window.shift_dialog
        keyboard_in(qtbot, shift_dialog.amount)
        type_keys(qtbot, "500000")
        assert shift_dialog.amount.text() == "500.000"  # thousands separators as typed
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.shift_dialog is None and window.signed_in, timeout=WAIT)
        assert window.stack.currentWidget() is window.content
        assert window.shift_label.text() == "Shift: modal Rp 500.000"
        keyboard_in(qtbot, window.search)

        # ---- the customer's number, Enter: their name, their months all ticked, the total
        type_keys(qtbot, number)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.quote is not None and panel.quote.customer.number == number, timeout=WAIT)
        quote, bills = panel.quote, panel.bills
        n = bills.rowCount()
        assert n >= 4
        assert panel.details.isVisible() and not panel.placeholder.isVisible()
        assert panel.number.text() == number and panel.name.text() == quote.customer.name
        assert panel.selection_note.text().startswith(f"Dibayar {n} dari {n} bulan")
        assert panel.total.text() == format_rupiah(quote.oldest(n).total)

        # ---- Tab (the results: one stop), Tab (the bills); months by Ctrl+↓ / Ctrl+↑ and Space
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.results_view
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is panel.table
        press(qtbot, Qt.Key.Key_Space)  # the oldest unticked: every later one too
        assert ticked(bills) == [False] * n
        assert panel.selection_note.text() == "Belum ada rekening dipilih."
        assert panel.total.text() == format_rupiah(0) and not panel.pay_button.isEnabled()
        for _ in range(3):
            chord(qtbot, Qt.Key.Key_Down, CTRL)  # one month more, from the oldest
        assert ticked(bills) == [True] * 3 + [False] * (n - 3)
        assert panel.selection_note.text().startswith(f"Dibayar 3 dari {n} bulan")
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Space)  # the third month unticked
        assert ticked(bills) == [True] * 2 + [False] * (n - 2)
        chord(qtbot, Qt.Key.Key_Up, CTRL)
        chord(qtbot, Qt.Key.Key_Down, CTRL)
        assert ticked(bills) == [True] * 2 + [False] * (n - 2)
        paying = quote.oldest(2)
        assert panel.selection_note.text().startswith(f"Dibayar 2 dari {n} bulan")
        assert panel.total.text() == format_rupiah(paying.total) and panel.pay_button.isEnabled()
        assert QApplication.focusWidget() is panel.table

        # ---- F5 from the bills table; Alt+U: the exact money; Enter
        press(qtbot, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=WAIT)
        pay = window.pay_dialog
        keyboard_in(qtbot, pay.tendered)
        assert pay.due == paying.total and pay.to_pay.text() == format_rupiah(paying.total)
        assert not pay.pay_button.isEnabled()  # no cash typed yet
        chord(qtbot, Qt.Key.Key_U, ALT)
        assert pay.tendered.text() == format_rupiah(paying.total, symbol=False)
        assert pay.change_caption.text() == "KEMBALIAN" and pay.change.text() == format_rupiah(0)
        assert pay.pay_button.isEnabled() and QApplication.focusWidget() is pay.tendered
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.last_payment is not None and window.pay_dialog is None, timeout=WAIT)
        receipt_no = window.last_payment.receipt_no
        qtbot.waitUntil(lambda: window.printer.pending == 0, timeout=WAIT)
        # the banner: paid, the receipt's number, no change, and where the receipt went (no printer: a PDF)
        qtbot.waitUntil(lambda: f"Struk {receipt_no} tidak dicetak, disimpan sebagai PDF: " in banner.text(),
                        timeout=WAIT)
        text = banner.text()
        assert banner.isVisible() and banner.kind == "ok"
        assert "<b>LUNAS</b>" in text and f"No. struk <b>{receipt_no}</b>" in text
        assert f"KEMBALIAN {format_rupiah(0)}" in text
        pdf = Path(text.split("disimpan sebagai PDF: ")[1].split("<")[0].strip())
        assert pdf.is_file()
        assert window.printer.label.text() == "Tanpa printer: struk disimpan sebagai PDF"
        assert panel.placeholder.isVisible() and window.search.text() == ""  # ready for the next customer
        keyboard_in(qtbot, window.search)

        # ---- F8: a copy; the banner says which copy and where it went
        press(qtbot, Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: f"Salinan ke-1 struk {receipt_no} tidak dicetak, disimpan sebagai PDF: "
                        in banner.text(), timeout=WAIT)
        copy = Path(banner.text().split(f"Salinan ke-1 struk {receipt_no} tidak dicetak, disimpan sebagai PDF: ")[1]
                    .split("<")[0].strip())
        assert copy.is_file() and copy != pdf
        assert "<b>LUNAS</b>" in banner.text()  # the copy's line is added under the payment's news
        keyboard_in(qtbot, window.search)

        # ---- F7: the receipt chosen in today's list (Shift+Tab to the field, ↓ into the list, Enter)
        press(qtbot, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: window.void_dialog is not None and window.void_dialog.isVisible()
                        and window.void_dialog.listed, timeout=WAIT)
        void = window.void_dialog
        assert void.receipts.rowCount() == 1 and void.receipts.receipt(0).receipt_no == receipt_no
        assert void.list_state.text() == ""
        keyboard_in(qtbot, void.reason)  # the desk's last receipt is already in the field
        chord(qtbot, Qt.Key.Key_Tab, SHIFT)
        assert QApplication.focusWidget() is void.receipt
        press(qtbot, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is void.table and void.table.currentIndex().row() == 0
        press(qtbot, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is void.reason and void.receipt.text() == receipt_no

        # a reason too short: said in red in the dialog, no supervisor asked
        type_keys(qtbot, "abc")
        press(qtbot, Qt.Key.Key_Return)
        assert void.error.isVisible() and void.error.text() == "Tulis alasan pembatalan (5-200 huruf)."
        assert void.approval_dialog is None
        chord(qtbot, Qt.Key.Key_A, CTRL)
        type_keys(qtbot, "salah bulan dipilih")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: void.approval_dialog is not None and void.approval_dialog.isVisible(), timeout=WAIT)
        approval = void.approval_dialog
        assert f"Pembatalan struk {receipt_no}" in approval.question.text()
        keyboard_in(qtbot, approval.username)
        type_keys(qtbot, "kepala")
        press(qtbot, Qt.Key.Key_Return)  # Enter in the name goes on to the PIN
        assert QApplication.focusWidget() is approval.pin

        # a wrong supervisor PIN: refused in the approval dialog, the PIN cleared, nothing voided
        type_keys(qtbot, "bukan-pin")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: approval.error.isVisible() and not approval.submitting, timeout=WAIT)
        assert approval.pin.text() == "" and approval.isVisible() and window.void_dialog is void
        with app.uow() as uow:
            assert uow.session.scalar(select(Payment.status).where(Payment.receipt_no == receipt_no)) == "completed"
        keyboard_in(qtbot, approval.pin)
        type_keys(qtbot, DEMO_PASSWORD)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.void_dialog is None, timeout=WAIT)

        # the banner says it was voided; the customer is shown again, the months owed again, all ticked
        assert banner.kind == "info" and "<b>DIBATALKAN</b>" in banner.text()
        assert f"Struk {receipt_no} ({format_rupiah(paying.total)}) dibatalkan; 2 rekening kembali belum dibayar." \
            in banner.text()
        qtbot.waitUntil(lambda: panel.quote is not None and panel.quote.customer.number == number
                        and not window.runner.is_running("customer"), timeout=WAIT)
        assert panel.bills.rowCount() == n and ticked(panel.bills) == [True] * n
        assert panel.selection_note.text().startswith(f"Dibayar {n} dari {n} bulan")
        assert panel.total.text() == format_rupiah(panel.quote.oldest(n).total)
        keyboard_in(qtbot, window.search)

        # ---- F7 again: the receipt stands in the list as BATAL and cannot be chosen; Esc
        press(qtbot, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: window.void_dialog is not None and window.void_dialog.listed, timeout=WAIT)
        again = window.void_dialog
        status = again.receipts.index(0, again.receipts.STATUS)
        assert again.receipts.data(status) == "BATAL" and not again.receipts.choosable(0)
        assert again.receipt.text() == ""  # nothing left to void today
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.void_dialog is None, timeout=WAIT)
        keyboard_in(qtbot, window.search)

        # ---- F9: the relief dialog for this customer, its preview, Esc: nothing made
        with app.uow() as uow:
            plans_before = uow.session.scalar(select(func.count()).select_from(InstalmentPlan))
        press(qtbot, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: window.relief_dialog is not None and window.relief_dialog.isVisible(), timeout=WAIT)
        relief = window.relief_dialog
        qtbot.waitUntil(lambda: relief.offer is not None and relief.ready and relief.state.text() == "",
                        timeout=WAIT)
        keyboard_in(qtbot, relief.programmes)
        assert relief.windowTitle() == "Keringanan / Angsuran"
        assert relief.schedule_model.rowCount() > 0 and relief.bills_model.rowCount() > 0
        assert relief.total.text() == format_rupiah(relief.offer.figures.total)
        assert relief.minimum.text().startswith("Uang muka minimal Rp ")
        assert "rencana batal" in relief.notes.text() and not relief.error.isVisible()
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.relief_dialog is None, timeout=WAIT)
        with app.uow() as uow:
            assert uow.session.scalar(select(func.count()).select_from(InstalmentPlan)) == plans_before
        keyboard_in(qtbot, window.search)

        # ---- F12: the drawer counted by denomination (Tab on, the rest left at 0); Ctrl+Enter
        press(qtbot, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: window.cash_closing.dialog is not None and window.cash_closing.dialog.isVisible(),
                        timeout=WAIT)
        closing = window.cash_closing.dialog
        assert not closing.blind.isChecked()  # a new computer: the figure shows as the count is typed
        assert closing.expected.text() == "Seharusnya di laci: Rp 500.000"
        assert closing.counted.text() == "Dihitung: Rp 0" and closing.variance.text() == "Selisih: KURANG Rp 500.000"
        for i, piece in enumerate(DENOMINATIONS):
            keyboard_in(qtbot, closing.pieces[piece.key])
            if piece.key in DRAWER:
                type_keys(qtbot, str(DRAWER[piece.key]))  # replaces the 0 (selected on arrival)
            if i + 1 < len(DENOMINATIONS):
                press(qtbot, Qt.Key.Key_Tab)
        assert closing.amounts["50000"].text() == "Rp 150.000"
        assert closing.notes_total.text() == "Uang kertas: Rp 500.000" and closing.coins_total.text() == "Koin: Rp 0"
        assert closing.counted.text() == "Dihitung: Rp 500.000" and closing.variance.text() == "Selisih: PAS"
        assert not closing.reason.isVisible()
        chord(qtbot, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: window.cash_closing.dialog is None, timeout=WAIT)

        # the shift closed: the banner says so with the Z report's file; a new shift is offered, Esc: not now
        qtbot.waitUntil(lambda: "Laporan Z disimpan: " in banner.text(), timeout=WAIT)
        assert banner.text().startswith("<b>Shift ditutup.</b> Selisih kas PAS.")
        z_report = Path(banner.text().split("Laporan Z disimpan: ")[1].strip())
        assert z_report.is_file() and z_report.parent == Path(app.config.store.data_dir) / "reports"
        assert window.shift_label.text() == "Shift: belum dibuka"
        qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=WAIT)
        keyboard_in(qtbot, window.shift_dialog.amount)
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.shift_dialog is None, timeout=WAIT)
        keyboard_in(qtbot, window.search)
        assert window.shift_label.text() == "Shift: belum dibuka" and window.shift_open_button.isVisible()

        # ---- what the store holds: the bills owed again, the payment void with its reason and approver,
        #      the shift closed with the count by denomination
        assert all(bill_states(app, number)[b.period] == "unpaid" for b in paying.bills)
        with app.uow() as uow:
            s = uow.session
            kepala = s.scalar(select(User.id).where(User.username == "kepala"))
            kasir = s.scalar(select(User.id).where(User.username == "kasir1"))
            [payment] = s.scalars(select(Payment)).all()
            assert payment.receipt_no == receipt_no and payment.cashier_id == kasir
            assert (payment.method, payment.total, payment.tendered, payment.change) == (
                "cash", paying.total, paying.total, 0)
            assert payment.status == "void" and payment.void_reason == "salah bulan dipilih"
            assert payment.voided_by == kepala and payment.reprint_count == 1
            [shift] = s.scalars(select(Shift)).all()
            assert shift.user_id == kasir and shift.status == "closed" and shift.closed_by == kasir
            assert (shift.opening_float, shift.expected_cash, shift.counted) == (500_000, 500_000, 500_000)
            assert {key: count for key, count in shift.counts.items() if count} == DRAWER
            assert shift.variance_reason == ""
        assert messages.shown == []
    finally:
        window.close()
        window.runner.wait()
