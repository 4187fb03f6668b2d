"""The Qt binding must not lose references to None: PySide6 6.12.0 on Python
3.11 drops one per call of a Qt function returning nothing, and a desk working
all day then dies ("none_dealloc") after a few hundred customers."""

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_calls_into_qt_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1_000):
        label.setText("x")
        QApplication.processEvents()
    assert sys.getrefcount(None) - before > -100
