"""The shift at any time of the day, by real key presses on the focused widget:
Ctrl+B opens a shift after "Nanti saja"; Ctrl+Q (Ganti kasir / Keluar) covers
the desk and asks who signs in next, warning first when the cashier's shift is
still open (it stays open, theirs); F5 checks the shift before any cash is
typed, even one closed meanwhile at another desk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from counter.models import Shift, User
from tests.ui.desk_helpers import customer_owing, payments, press, type_keys
from tests.ui.test_desk_start_of_day import open_desk, sign_in

CTRL = Qt.KeyboardModifier.ControlModifier


def ctrl(qtbot, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), key, CTRL)


def shifts(app) -> list[tuple[str, int, str]]:  # noqa: ANN001
    with app.uow() as uow:
        return [tuple(row) for row in uow.session.execute(
            select(User.username, Shift.opening_float, Shift.status).join(User, User.id == Shift.user_id))]


def signed_in_desk(qtbot, app, desk, username: str | None = None):  # noqa: ANN001, ANN201
    """`counter gui` signed in, "Nanti saja" at the shift dialog: the desk with no shift."""
    window = open_desk(qtbot, app, desk)
    sign_in(qtbot, window, username=username)
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.shift_dialog.amount, timeout=3000)
    press(qtbot, Qt.Key.Key_Escape)  # Nanti saja
    qtbot.waitUntil(lambda: window.signed_in and window.shift_dialog is None, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
    return window


def test_ctrl_b_opens_the_shift_after_nanti_saja(qtbot, app, desk, messages):
    window = signed_in_desk(qtbot, app, desk)
    assert window.shift is None and window.shift_label.text() == "Shift: belum dibuka"
    assert "Ctrl+B" in window.shift_open_button.text() and window.shift_open_button.isEnabled()
    ctrl(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.shift_dialog.amount, timeout=3000)
    type_keys(qtbot, "200000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift is not None and window.shift_dialog is None, timeout=5000)
    assert window.shift_label.text() == "Shift: modal Rp 200.000"
    assert shifts(app) == [(window.desk.username, 200_000, "open")]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)

    ctrl(qtbot, Qt.Key.Key_B)  # a shift is open: said, no second dialog
    assert window.shift_dialog is None
    assert window.banner.isVisible() and "Shift sudah terbuka" in window.banner.text()
    assert messages.shown == []
    window.close()
    window.runner.wait()


def test_ctrl_q_signs_out_and_another_cashier_signs_in(qtbot, app, desk, messages):
    window = signed_in_desk(qtbot, app, desk)
    first = window.desk.username
    assert "Ctrl+Q" in window.sign_out_button.text()
    ctrl(qtbot, Qt.Key.Key_Q)  # no shift open: out at once
    qtbot.waitUntil(lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(), timeout=3000)
    assert not window.signed_in and window.stack.currentWidget() is window.waiting  # covered
    assert window.user_label.isHidden() and window.user_label.text() == ""  # the last cashier no longer named
    dialog = window.sign_in_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.username, timeout=3000)  # who is next?
    type_keys(qtbot, "kasir2")  # the name is selected: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "123456")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=5000)
    assert window.desk.username == "kasir2" != first
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.shift_dialog.amount, timeout=3000)
    type_keys(qtbot, "100000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.signed_in and window.shift is not None, timeout=5000)
    assert shifts(app) == [("kasir2", 100_000, "open")]
    assert messages.shown == []
    window.close()
    window.runner.wait()


def test_ctrl_q_with_the_shift_open_warns_first_and_the_shift_stays_theirs(qtbot, app, desk, messages):
    window = signed_in_desk(qtbot, app, desk)
    ctrl(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.shift_dialog.amount, timeout=3000)
    type_keys(qtbot, "50000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
    first = window.desk.username

    ctrl(qtbot, Qt.Key.Key_Q)  # the shift is open: a warning, still signed in
    assert window.signed_in and window.sign_in_dialog is None
    assert window.banner.isVisible() and "masih terbuka" in window.banner.text() and "F12" in window.banner.text()
    ctrl(qtbot, Qt.Key.Key_Q)  # again: out; the shift stays open, theirs
    qtbot.waitUntil(lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(), timeout=3000)
    assert not window.signed_in and window.shift is None
    assert shifts(app) == [(first, 50_000, "open")]
    assert messages.shown == []
    window.close()
    window.runner.wait()


def test_f5_refuses_at_once_when_the_shift_was_closed_at_another_desk(qtbot, app, desk, window, messages):
    number = customer_owing(app, 1)
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=5000)
    with app.uow().writing() as uow:  # the shift is closed elsewhere meanwhile
        uow.session.execute(update(Shift).values(status="closed"))
        uow.commit()
    assert window.shift is not None  # the desk still thinks it is open
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=5000)
    assert window.pay_dialog is None  # no cash typed for nothing
    assert window.shift is None and "Belum ada shift terbuka" in window.banner.text()
    assert payments(app, number) == [] and messages.shown == []
