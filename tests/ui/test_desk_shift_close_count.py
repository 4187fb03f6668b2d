"""F12's count, by real key presses on the focused widget: the notes' and the
coins' subtotals beside the table (and each row's amount) follow every key;
a blind count (Alt+H, remembered on this computer) keeps what the drawer
should hold hidden until the count is entered with Ctrl+Enter, then fixes the
count and shows the variance; Ctrl+Enter again closes the shift."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.models import Shift
from counter.rules.money import format_rupiah
from counter.services.shifts import open_shift
from tests.ui.desk_helpers import press, type_keys

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def open_count(qtbot, window):  # noqa: ANN001, ANN201
    press(qtbot, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.cash_closing.dialog is not None and window.cash_closing.dialog.isVisible(),
                    timeout=5000)
    dialog = window.cash_closing.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pieces["100000"], timeout=3000)
    return dialog


def type_count(qtbot, counts: list[str]) -> None:  # noqa: ANN001
    """Type each denomination's pieces from the first box, Tab to the next."""
    for n, pieces in enumerate(counts):
        if n:
            press(qtbot, Qt.Key.Key_Tab)
        if pieces:
            type_keys(qtbot, pieces)


def status(app) -> str:  # noqa: ANN001
    with app.uow() as uow:
        return uow.session.scalar(select(Shift.status))


@pytest.mark.no_shift
def test_notes_and_coins_have_their_subtotals(qtbot, app, desk, window):
    open_shift(app.uow(), desk, 351_700)
    window._read_shift()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    dialog = open_count(qtbot, window)
    assert dialog.notes_total.text() == "Uang kertas: Rp 0" and dialog.coins_total.text() == "Koin: Rp 0"
    # 3 x 100.000, 1 x 50.000, none of 20.000 ... 2.000, 1 x 1.000 note; coins: 1 x 500, 1 x 200
    type_count(qtbot, ["3", "1", "", "", "", "", "1", "", "1", "1"])
    assert dialog.notes_total.text() == f"Uang kertas: {format_rupiah(351_000)}"
    assert dialog.coins_total.text() == f"Koin: {format_rupiah(700)}"
    assert dialog.amounts["100000"].text() == format_rupiah(300_000)
    assert dialog.amounts["c500"].text() == format_rupiah(500)
    assert "PAS" in dialog.variance.text()  # not blind: the variance follows every key
    assert format_rupiah(351_700) in dialog.expected.text()


@pytest.mark.no_shift
def test_blind_count_shows_what_the_drawer_should_hold_only_after_the_count(qtbot, app, desk, window):
    open_shift(app.uow(), desk, 120_000)
    window._read_shift()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    dialog = open_count(qtbot, window)
    assert not dialog.blind.isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, ALT)  # Alt+H: a blind count
    qtbot.waitUntil(dialog.blind.isChecked, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pieces["100000"], timeout=3000)
    assert "120.000" not in dialog.expected.text() and not dialog.variance.isVisible()
    assert "Ctrl+Enter" in dialog.ok_button.text()

    type_count(qtbot, ["1", "", "1"])  # Rp 120.000
    assert "120.000" not in dialog.expected.text() and not dialog.variance.isVisible()
    assert "120.000" in dialog.counted.text()  # what was counted shows, of course
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # the count is entered
    assert status(app) == "open"
    assert format_rupiah(120_000) in dialog.expected.text() and dialog.variance.isVisible()
    assert "PAS" in dialog.variance.text() and not dialog.blind.isEnabled()
    type_keys(qtbot, "5")  # the count is fixed now
    assert dialog.counted_total() == 120_000
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # closes the shift
    qtbot.waitUntil(lambda: window.cash_closing.dialog is None, timeout=5000)
    assert status(app) == "closed"

    # the choice is remembered on this computer: the next count is blind again
    qtbot.waitUntil(lambda: window.shift_dialog is not None, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.shift_dialog.amount, timeout=3000)
    type_keys(qtbot, "0")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift is not None and window.shift_dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
    again = open_count(qtbot, window)
    assert again.blind.isChecked() and not again.variance.isVisible()
