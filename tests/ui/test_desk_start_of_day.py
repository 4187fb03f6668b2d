"""The cashier's day at the desk, by keyboard: sign in, open the shift, scan,
pay, the receipt queued; void it with a supervisor, chosen from today's
receipts; wrong PINs and an admin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.models import AuditRecord, Payment, Shift
from counter.rules.cash import DENOMINATIONS
from counter.services import print_queue
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.services.payment import pay
from counter.services.shifts import close_shift, open_shift
from counter.ui.main_window import MainWindow
from counter.ui.void_dialog import ReceiptsModel
from tests.ui.desk_helpers import bill_states, customer_owing, press, type_keys


def open_desk(qtbot, app, desk, **kwargs) -> MainWindow:  # noqa: ANN001, ANN003
    """The desk as `counter gui` opens it: covered, with the sign-in dialog up."""
    window = MainWindow(app, desk, sign_in=True, **kwargs)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(), timeout=3000)
    dialog = window.sign_in_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pin, timeout=3000)
    return window


def sign_in(qtbot, window, pin: str | None = None, username: str | None = None) -> None:  # noqa: ANN001
    pin = pin or (DEMO_PASSWORD if username in ("kepala", "admin") else DEMO_PIN)
    dialog = window.sign_in_dialog
    if username is not None:
        dialog.username.setFocus()
        dialog.username.selectAll()
        type_keys(qtbot, username)
        press(qtbot, Qt.Key.Key_Return)  # on to the PIN
        assert QApplication.focusWidget() is dialog.pin
    type_keys(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)


def wait_for_shift_dialog(qtbot, window):  # noqa: ANN001, ANN201
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=5000)
    dialog = window.shift_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount, timeout=3000)
    return dialog


def close(window) -> None:  # noqa: ANN001
    window.close()
    window.runner.wait()


def pay_earlier(app, desk, months: int) -> str:
    """A payment taken at this counter earlier today (before the desk opened), in a
    shift of its own since closed with its drawer counted: its receipt number."""
    number = customer_owing(app, months, exactly=True)
    with app.uow() as uow:
        owed = quote(uow.session, number, desk.today())
    open_shift(app.uow(), desk, 0)
    receipt_no = pay(app.uow(), desk, number, [b.period for b in owed.bills], "cash", tendered=owed.total).receipt_no
    counts, rest = {}, owed.total  # the drawer holds what was paid, largest pieces first
    for piece in DENOMINATIONS:
        counts[piece.key], rest = divmod(rest, piece.value)
    assert rest == 0
    close_shift(app.uow(), desk, counts)
    return receipt_no


def listed(dialog) -> list[tuple[str, str]]:  # noqa: ANN001
    """(receipt no., status cell) of each row of the void dialog's list."""
    model = dialog.receipts
    return [(model.receipt(row).receipt_no, model.index(row, ReceiptsModel.STATUS).data())
            for row in range(model.rowCount())]


def test_sign_in_open_shift_scan_pay_and_void(qtbot, app, desk, messages):
    earlier = pay_earlier(app, desk, 1)
    window = open_desk(qtbot, app, desk)
    try:
        dialog = window.sign_in_dialog
        assert dialog.username.text() == "kasir1"  # from desk.user in the settings
        assert dialog.pin.echoMode() == dialog.pin.EchoMode.Password
        assert window.stack.currentWidget() is window.waiting  # nothing of the desk shows yet
        sign_in(qtbot, window)

        shift_dialog = wait_for_shift_dialog(qtbot, window)
        assert window.desk.username == "kasir1" and window.desk.full_name == "Siti Nurhaliza Bessie"
        type_keys(qtbot, "500000")
        assert shift_dialog.amount.text() == "500.000"
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.signed_in, timeout=5000)
        assert window.shift_label.text() == "Shift: modal Rp 500.000"
        assert window.user_label.text() == "Kasir: Siti Nurhaliza Bessie"
        assert window.stack.currentWidget() is window.content
        with app.uow() as uow:
            [shift] = uow.session.scalars(select(Shift).where(Shift.status == "open")).all()
            assert shift.opening_float == 500_000 and shift.user_id == window.desk.user_id
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)

        # scan a customer, F5, the exact amount, Enter
        number = customer_owing(app, 2)
        before = bill_states(app, number)
        type_keys(qtbot, number)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=5000)
        press(qtbot, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
        pay = window.pay_dialog
        qtbot.waitUntil(lambda: QApplication.focusWidget() is pay.tendered, timeout=3000)
        type_keys(qtbot, str(pay.due))
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
        receipt_no = window.last_payment.receipt_no
        assert set(bill_states(app, number).values()) == {"paid"}
        qtbot.waitUntil(lambda: window.printer.pending == 0, timeout=15_000)
        assert receipt_no in [job.receipt_no for job in print_queue.jobs(app.uow())]  # the receipt is queued
        with app.uow() as uow:
            cashiers = uow.session.scalars(select(Payment.cashier_id).where(Payment.receipt_no == receipt_no))
            assert cashiers.one() == window.desk.user_id

        # F7: the last receipt is there, today's receipts listed newest first
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
        press(qtbot, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: window.void_dialog is not None and window.void_dialog.isVisible(), timeout=3000)
        void = window.void_dialog
        assert void.receipt.text() == receipt_no
        qtbot.waitUntil(lambda: QApplication.focusWidget() is void.reason, timeout=3000)
        qtbot.waitUntil(lambda: void.listed, timeout=5000)
        assert listed(void) == [(receipt_no, ""), (earlier, "")]
        assert void.table.currentIndex().row() == 0

        # chosen with the keyboard: back to the field, ↓ into the list, ↓ ↑ from row to row, Enter
        press(qtbot, Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is void.receipt
        press(qtbot, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is void.table and void.table.currentIndex().row() == 0
        press(qtbot, Qt.Key.Key_Down)
        assert void.table.currentIndex().row() == 1 and void.receipt.text() == earlier  # the field follows
        press(qtbot, Qt.Key.Key_Up)
        assert void.table.currentIndex().row() == 0 and void.receipt.text() == receipt_no
        press(qtbot, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is void.reason

        # a reason; the supervisor approves
        type_keys(qtbot, "salah pelanggan")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: void.approval_dialog is not None and void.approval_dialog.isVisible(), timeout=3000)
        approval = void.approval_dialog
        qtbot.waitUntil(lambda: QApplication.focusWidget() is approval.username, timeout=3000)
        type_keys(qtbot, "kepala")
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, DEMO_PASSWORD)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.void_dialog is None, timeout=10_000)
        assert bill_states(app, number) == before  # the months it paid are owed again
        assert "DIBATALKAN" in window.banner.text() and receipt_no in window.banner.text()
        qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number,
                        timeout=5000)  # the customer is back on screen, owing again
        assert window.panel.quote.bills
        with app.uow() as uow:
            voided = uow.session.scalars(select(Payment).where(Payment.receipt_no == receipt_no)).one()
            assert voided.status == "void" and voided.void_reason == "salah pelanggan"

        # F7 again: the voided receipt says BATAL and cannot be chosen; the other one is offered
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
        press(qtbot, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: window.void_dialog is not None and window.void_dialog.isVisible(), timeout=3000)
        again = window.void_dialog
        qtbot.waitUntil(lambda: again.listed, timeout=5000)
        assert listed(again) == [(receipt_no, "BATAL"), (earlier, "")]
        assert again.receipt.text() == earlier  # not the void one the desk remembered
        press(qtbot, Qt.Key.Key_Backtab)
        press(qtbot, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is again.table and again.table.currentIndex().row() == 1
        press(qtbot, Qt.Key.Key_Up)  # the void row is passed over
        assert again.table.currentIndex().row() == 1 and again.receipt.text() == earlier
        qtbot.mouseClick(again.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=again.table.visualRect(again.receipts.index(0, 0)).center())
        assert again.receipt.text() == earlier  # a click on it chooses nothing either
        # typing in the list goes to the field: the void number typed is refused here, in red
        again.table.setFocus()
        type_keys(qtbot, receipt_no)
        assert QApplication.focusWidget() is again.receipt and again.receipt.text() == receipt_no
        assert again.table.selectionModel().selectedRows() == []
        press(qtbot, Qt.Key.Key_Return)
        type_keys(qtbot, "salah ketik")
        press(qtbot, Qt.Key.Key_Return)
        assert again.error.text() == f"Struk {receipt_no} sudah dibatalkan." and again.approval_dialog is None
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.void_dialog is None, timeout=3000)
        assert messages.shown == []
    finally:
        close(window)


def test_a_wrong_pin_at_sign_in_is_said_in_red_and_the_dialog_stays(qtbot, app, desk, messages):
    window = open_desk(qtbot, app, desk)
    try:
        dialog = window.sign_in_dialog
        sign_in(qtbot, window, pin="9999")
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
        assert dialog.error.text() == "Nama pengguna atau PIN salah."
        assert "b71c1c" in dialog.error.styleSheet()  # red
        assert dialog.isVisible() and dialog.pin.text() == "" and not window.signed_in
        assert window.stack.currentWidget() is window.waiting
        with app.uow() as uow:
            assert uow.session.scalars(select(AuditRecord.action).where(AuditRecord.action == "credential.failed")).all()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pin, timeout=3000)
        sign_in(qtbot, window)  # the right one now
        wait_for_shift_dialog(qtbot, window)
    finally:
        close(window)


def test_an_admin_is_not_asked_for_a_shift_and_has_no_pay_key(qtbot, app, desk, messages):
    """An admin takes no money: no shift dialog after signing in, no BAYAR and no
    Buka shift; F5 and Ctrl+B only say why in the status bar, for a moment."""
    window = open_desk(qtbot, app, desk)
    try:
        sign_in(qtbot, window, username="admin")
        qtbot.waitUntil(lambda: window.signed_in, timeout=5000)
        assert window.desk.role == "admin" and window.shift_dialog is None
        assert window.shift_label.text() == "Shift: belum dibuka"
        assert window.user_label.text() == "Kasir: Admin Sistem"
        assert window.panel.pay_button.isHidden() and window.shift_open_button.isHidden()
        type_keys(qtbot, customer_owing(app, 1))
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
        press(qtbot, Qt.Key.Key_F5)
        assert window.pay_dialog is None and window.shift_dialog is None and not window.banner.isVisible()
        assert "tidak menerima pembayaran" in window.statusBar().currentMessage()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        assert window.shift_dialog is None
        with app.uow() as uow:
            assert uow.session.scalars(select(Shift)).all() == []
    finally:
        close(window)


def test_an_open_shift_is_not_asked_again_and_the_lock_names_the_user(qtbot, app, desk, messages):
    from counter.services.approval import Approval, sign_in as service_sign_in
    from counter.services.shifts import open_shift

    kasir2 = service_sign_in(app.uow(), desk, Approval("kasir2", DEMO_PIN))
    open_shift(app.uow(), kasir2, 250_000)
    window = open_desk(qtbot, app, desk)
    try:
        sign_in(qtbot, window, username="kasir2")
        qtbot.waitUntil(lambda: window.signed_in, timeout=5000)
        assert window.shift_dialog is None
        assert window.shift_label.text() == "Shift: modal Rp 250.000"
        window.lock()
        screen = window.desk_lock.screen
        assert screen.title.text() == "Layar terkunci — Yohana Manafe (kasir2)"
        type_keys(qtbot, DEMO_PIN)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.locked, timeout=5000)
    finally:
        close(window)


def test_escape_at_sign_in_closes_the_desk(qtbot, app, desk, messages):
    window = open_desk(qtbot, app, desk)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    window.runner.wait()


def test_nothing_locks_before_signing_in(qtbot, app, desk, messages):
    window = open_desk(qtbot, app, desk, idle_lock_ms=50)
    try:
        qtbot.wait(200)
        qtbot.keyClick(window.sign_in_dialog.pin, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert not window.locked
    finally:
        close(window)
