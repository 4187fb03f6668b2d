"""F1 help, the larger-font mode and the window remembered, the busy hint."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from counter.ui import widgets
from counter.ui.help_overlay import KEYS
from counter.ui.main_window import BUSY_TEXT, FONT_SCALE_KEY, GEOMETRY_KEY, MainWindow
from tests.ui.desk_helpers import press, show


def test_f1_shows_every_key_and_f1_or_esc_hides_it(qtbot, window):
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help.isVisible())
    assert window.help.geometry() == window.rect()
    text = window.help.text()
    for key in ("F1", "F2", "F5", "F7", "F8", "F9", "Ctrl+L", "Esc", "Enter", "↓ / ↑", "Spasi"):
        assert key in text, key
    assert "Bayar rekening" in text and "Kunci layar" in text
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.help)
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.help.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help.isVisible())
    press(qtbot, Qt.Key.Key_F1)
    assert not window.help.isVisible()
    assert len(KEYS) >= 11
    assert window.help_button.text() == "Bantuan [F1]" and window.void_button.text() == "Batal struk [F7]"


def test_font_size_changes_with_ctrl_plus_and_is_remembered(qtbot, app, desk, window, messages):
    search_size = window.search.font().pointSizeF()
    base = QApplication.font().pointSizeF()
    qtbot.keyClick(window.search, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert widgets.font_scale() == 1.2
    assert abs(window.search.font().pointSizeF() - search_size * 1.2) < 0.01  # a widget of its own size
    assert abs(QApplication.font().pointSizeF() - base * 1.2) < 0.01  # and every other text
    assert float(widgets.desk_settings().value(FONT_SCALE_KEY)) == 1.2
    window.resize(720, 520)  # within the test screen (800x600 offscreen)
    qtbot.wait(10)
    size = (window.width(), window.height())
    window.close()
    window.runner.wait()

    widgets.set_font_scale(1.0)  # as in a new run of the program
    again = show(qtbot, MainWindow(app, desk, shift=None))
    try:
        assert widgets.font_scale() == 1.2
        assert abs(again.search.font().pointSizeF() - search_size * 1.2) < 0.01
        assert (again.width(), again.height()) == size  # the window's size, restored
        qtbot.keyClick(again.search, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert widgets.font_scale() == 1.0
        assert abs(again.search.font().pointSizeF() - search_size) < 0.01
        qtbot.keyClick(again.search, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert widgets.font_scale() == 0.9
    finally:
        again.close()
        again.runner.wait()
    assert not QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "counter", "desk") \
        .value(GEOMETRY_KEY) is None


def test_slow_work_says_so_after_a_moment_and_quick_work_does_not(qtbot, window):
    window.runner.run(lambda: None)
    qtbot.waitUntil(lambda: not window.runner.busy)
    qtbot.wait(300)
    assert window.busy_label.text() == ""
    gate = threading.Event()
    window.runner.run(gate.wait)
    assert window.busy_label.text() == ""  # not at once
    qtbot.waitUntil(lambda: window.busy_label.text() == BUSY_TEXT, timeout=2000)
    assert window.cursor().shape() == Qt.CursorShape.BusyCursor
    gate.set()
    qtbot.waitUntil(lambda: window.busy_label.text() == "", timeout=2000)
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_f10_opens_the_settings_for_a_supervisor_only(qtbot, app, window):
    import dataclasses

    press(qtbot, Qt.Key.Key_F10)
    assert window.settings_dialog is None and "hanya untuk kepala unit" in window.statusBar().currentMessage()
    window.desk = dataclasses.replace(window.desk, role="supervisor")
    press(qtbot, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
    assert window.settings_button.text() == "Pengaturan [F10]"
    window.settings_dialog.reject()
    qtbot.waitUntil(lambda: window.settings_dialog is None)
