"""The desk locks after idle time (or Ctrl+L) and only the same user's PIN opens
it; nothing of the customer shows while locked, and nothing is lost."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMessageBox, QTableView, QWidget
from sqlalchemy import select

from counter.models import AuditRecord
from counter.services.demo import DEMO_PIN
from counter.ui.lock import LOCK_HINT
from counter.ui.main_window import MainWindow
from tests.ui.desk_helpers import (
    customer_owing, payments, press, scan_and_open_pay_dialog, show, type_keys,
)
from tests.ui.test_desk_plans import open_customer, open_relief, owing

UNLOCK_ACT = "Membuka kunci layar"


@pytest.fixture
def never_idle(qtbot, app, desk, messages):  # noqa: ANN001
    """A desk whose idle lock is off until a test sets a short one."""
    win = show(qtbot, MainWindow(app, desk, idle_lock_ms=0))
    yield win
    win.close()
    win.runner.wait()


def ctrl_l(qtbot, widget: QWidget | None = None) -> None:  # noqa: ANN001
    qtbot.keyClick(widget or QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def wait_locked(qtbot, window, timeout: int = 3000) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.locked, timeout=timeout)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.desk_lock.screen.pin, timeout=3000)


def unlock_with(qtbot, window, pin: str) -> None:  # noqa: ANN001
    """Type `pin` on the lock screen and press Enter; wait for the answer."""
    screen = window.desk_lock.screen
    assert QApplication.focusWidget() is screen.pin
    type_keys(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.checking, timeout=5000)


def visible_texts(window) -> str:  # noqa: ANN001
    """Everything readable in the window: visible labels, fields and table cells."""
    parts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QLineEdit) if w.isVisible()]
    for view in window.findChildren(QTableView):
        if view.isVisible():
            model = view.model()
            parts += [str(model.index(r, c).data() or "") for r in range(model.rowCount())
                      for c in range(model.columnCount())]
    return "\n".join(parts)


def audit(app, action: str) -> list[tuple[str, dict]]:  # noqa: ANN001
    """(subject, details) of the audit records of `action`, oldest first."""
    with app.uow() as uow:
        return [tuple(row) for row in uow.session.execute(
            select(AuditRecord.subject, AuditRecord.details).where(AuditRecord.action == action)
            .order_by(AuditRecord.id))]


def test_idle_time_locks_and_hides_the_customer(qtbot, app, never_idle):
    window = never_idle
    number = customer_owing(app, 2)
    open_customer(qtbot, window, number)
    name = window.panel.quote.customer.name
    assert name in visible_texts(window)

    started = time.monotonic()
    window.desk_lock.set_idle_ms(300)  # as if idle_lock_minutes had passed without a key or a click
    wait_locked(qtbot, window)
    assert time.monotonic() - started >= 0.28

    screen = window.desk_lock.screen
    assert window.stack.currentWidget() is screen and screen.isVisible()
    assert not window.content.isVisible() and not window.panel.isVisible() and not window.results_view.isVisible()
    texts = visible_texts(window)
    assert name not in texts and number not in texts  # nothing of the customer can be read
    assert screen.title.text() == "Layar terkunci — Siti Nurhaliza Bessie (kasir1)"
    assert screen.reason.text() == "Dikunci otomatis karena tidak ada kegiatan."  # under a minute: no "0 menit"
    assert screen.pin.echoMode() == QLineEdit.EchoMode.Password
    assert screen.button.text() == "Buka [Enter]"
    assert window.statusBar().isVisible() and not window.lock_button.isVisible()  # the status bar stays

    clicked = []
    window.printer.retry_button.show()  # as after a failed print: its buttons do nothing while locked
    window.printer.retry_button.clicked.connect(lambda: clicked.append(True))
    qtbot.mouseClick(window.printer.retry_button, Qt.MouseButton.LeftButton)
    assert clicked == []

    press(qtbot, Qt.Key.Key_F5)  # the desk's keys do nothing while locked
    press(qtbot, Qt.Key.Key_F9)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.wait(50)
    assert window.pay_dialog is None and window.relief_dialog is None
    assert QApplication.focusWidget() is screen.pin


def test_a_wrong_pin_stays_locked_says_why_and_is_audited(qtbot, app, window):
    before = len(audit(app, "credential.failed"))
    ctrl_l(qtbot, window.search)
    wait_locked(qtbot, window)
    screen = window.desk_lock.screen
    assert screen.reason.text() == "Dikunci oleh kasir (Ctrl+L)."

    unlock_with(qtbot, window, "9999")
    assert window.locked and window.stack.currentWidget() is screen
    assert screen.error.isVisible() and screen.error.text() == "Nama pengguna atau PIN salah."
    assert "#b71c1c" in screen.error.styleSheet()  # in red
    assert screen.pin.text() == "" and QApplication.focusWidget() is screen.pin
    failed = audit(app, "credential.failed")
    assert len(failed) == before + 1
    assert failed[-1] == ("kasir1", {"for": UNLOCK_ACT})

    unlock_with(qtbot, window, "")  # Enter on an empty field asks for the PIN, checks nothing
    assert screen.error.text() == "Ketik PIN untuk membuka layar." and window.locked
    assert len(audit(app, "credential.failed")) == before + 1


def test_five_wrong_pins_lock_the_user_out_and_the_screen_says_so(qtbot, app, window):
    ctrl_l(qtbot, window.search)
    wait_locked(qtbot, window)
    screen = window.desk_lock.screen
    for _ in range(window.desk.lockout_attempts):
        unlock_with(qtbot, window, "0000")
    assert screen.error.text() == "Nama pengguna atau PIN salah. Pengguna kasir1 terkunci 15 menit."
    assert [subject for subject, _details in audit(app, "login.locked")] == ["kasir1"]

    unlock_with(qtbot, window, DEMO_PIN)  # even the right PIN waits out the lock-out
    assert window.locked
    assert screen.error.text().startswith("Pengguna kasir1 terkunci karena salah PIN 5 kali")


def test_the_right_pin_opens_the_desk_as_it_was(qtbot, app, window):
    number = customer_owing(app, 2)
    open_customer(qtbot, window, number)
    shown = window.panel.quote
    ctrl_l(qtbot, window.search)
    wait_locked(qtbot, window)

    unlock_with(qtbot, window, DEMO_PIN)
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    assert window.stack.currentWidget() is window.content and window.panel.isVisible()
    assert window.panel.quote is shown and window.search.text() == number  # nothing lost
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
    assert window.search.selectedText() == number  # the next scan replaces it
    assert window.lock_button.isVisible()
    ok = audit(app, "credential.ok")
    assert ok[-1][0] == "kasir1" and ok[-1][1]["for"] == UNLOCK_ACT

    press(qtbot, Qt.Key.Key_F5)  # the keys work again
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)


def test_the_status_bar_button_locks_and_names_the_key(qtbot, window):
    assert window.lock_button.text() == LOCK_HINT == "Kunci layar [Ctrl+L]"
    assert window.lock_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    wait_locked(qtbot, window)
    ctrl_l(qtbot)  # locking a locked desk changes nothing
    assert window.locked and window.desk_lock.screen.pin.text() == ""


def test_ctrl_l_in_the_pay_dialog_hides_it_until_the_desk_is_open(qtbot, app, window, messages):
    number = customer_owing(app, 2)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    type_keys(qtbot, "50000")
    ctrl_l(qtbot, dialog.tendered)
    wait_locked(qtbot, window)
    assert not dialog.isVisible()  # its customer and amount are not on screen, nor can it be used
    assert QApplication.activeModalWidget() is None

    unlock_with(qtbot, window, DEMO_PIN)
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    assert window.pay_dialog is dialog and dialog.tendered.text() == "50.000"  # what was typed stays
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=3000)
    press(qtbot, Qt.Key.Key_Escape)  # cancelling writes nothing
    qtbot.waitUntil(lambda: window.pay_dialog is None, timeout=3000)
    assert payments(app, number) == [] and messages.shown == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)


def test_a_payment_on_its_way_when_the_desk_locks_is_kept(qtbot, app, window, messages):
    number = customer_owing(app, 2)
    dialog = scan_and_open_pay_dialog(qtbot, window, number)
    type_keys(qtbot, str(dialog.due))
    gate = threading.Event()
    window.runner.run(lambda: gate.wait(10))  # the worker is busy: the payment waits behind this
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.submitting
    ctrl_l(qtbot, dialog)
    wait_locked(qtbot, window)
    assert not dialog.isVisible()

    gate.set()  # the payment is written, its receipt printed, all behind the lock
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.printer.pending == 0 and window.runner.idle, timeout=15_000)
    receipt_no = window.last_payment.receipt_no
    assert [p[-1] for p in payments(app, number)] == [receipt_no]
    assert window.locked and window.pay_dialog is None and not window.banner.isVisible()
    assert QApplication.focusWidget() is window.desk_lock.screen.pin
    assert window.printer.last_receipt_no == receipt_no

    unlock_with(qtbot, window, DEMO_PIN)
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    assert window.banner.isVisible() and receipt_no in window.banner.text()  # LUNAS, and the change
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
    assert messages.shown == []


def test_the_relief_dialog_and_a_message_come_back_after_unlocking(qtbot, app, window):
    number = owing(app, 3, "sealed")
    open_customer(qtbot, window, number)
    relief = open_relief(qtbot, window)
    ctrl_l(qtbot, relief)
    wait_locked(qtbot, window)
    assert not relief.isVisible()

    # a message that comes while locked (a payment's outcome) is hidden too, and shown again after
    box = QMessageBox(QMessageBox.Icon.Warning, "Pembayaran gagal", "Printer mati.", QMessageBox.StandardButton.Ok,
                      relief)
    box.open()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)
    assert window.locked
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.desk_lock.screen.pin, timeout=3000)

    unlock_with(qtbot, window, DEMO_PIN)
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    qtbot.waitUntil(lambda: relief.isVisible() and box.isVisible(), timeout=3000)
    assert window.relief_dialog is relief
    box.accept()
    relief.reject()
    qtbot.waitUntil(lambda: window.relief_dialog is None, timeout=3000)


def test_activity_keeps_the_desk_open(qtbot, never_idle):
    window = never_idle
    window.desk_lock.set_idle_ms(800)
    started = time.monotonic()
    moves = 0
    while time.monotonic() - started < 2.0:  # well past the idle time, but never 800 ms without a key or the mouse
        if moves % 2:
            qtbot.keyClick(window.search, Qt.Key.Key_Shift)
        else:
            qtbot.mouseMove(window.search, QPoint(10 + moves % 50, 10))
        moves += 1
        qtbot.wait(100)
        assert not window.locked
    assert window.desk_lock.idle_timer.isActive()
    wait_locked(qtbot, window, timeout=3000)  # then idle: it locks


def test_idle_lock_minutes_from_the_settings_and_zero_never_locks(qtbot, app, desk, messages):
    default = MainWindow(app, desk)
    assert default.desk_lock.idle_ms == 5 * 60_000 and default.desk_lock.idle_timer.isActive()
    assert default.desk_lock.idle_timer.interval() == 5 * 60_000
    default.close()
    default.runner.wait()

    app.config = dataclasses.replace(
        app.config, security=dataclasses.replace(app.config.security, idle_lock_minutes=0))
    window = show(qtbot, MainWindow(app, desk))
    try:
        assert window.desk_lock.idle_ms == 0 and not window.desk_lock.idle_timer.isActive()
        type_keys(qtbot, "12")  # activity does not start it either
        qtbot.mouseMove(window.search, QPoint(5, 5))
        qtbot.wait(300)
        assert not window.desk_lock.idle_timer.isActive() and not window.locked
        ctrl_l(qtbot, window.search)  # locking on purpose still works
        wait_locked(qtbot, window)
    finally:
        window.close()
        window.runner.wait()
