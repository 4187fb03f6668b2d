"""The desk on a screen of a given size, driven by keys, measured: run in a process of its
own (the offscreen platform's screen is fixed when the program starts).

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python -m tests.ui.screen_probe DATA_DIR CTRL_PLUS [PNG]

prints one JSON line: the window's size and whether it is maximised, the search field's
point size, the status bar's widgets (do any overlap, or stick out?), the results' column
widths and whether a status or an address was cut."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter.ui.app import _application
from counter.ui.main_window import MainWindow
from counter.ui.screenshots import wait_until
from tests.conftest import AS_OF, clock_at, make_app


def status_bar_report(window: MainWindow) -> dict:
    """The status bar's widgets left to right: any two overlapping, any sticking out, any text cut."""
    bar = window.statusBar()
    parts = [window.place_label, window.user_label, window.shift_label, window.date_label, window.central_label,
             window.printer.label, window.printer.retry_button, window.printer.pdf_button, window.lock_button]
    boxes = sorted((w.mapTo(bar, w.rect().topLeft()).x(), w.width(), w.text()) for w in parts if w.isVisible())
    overlaps = [(a[2], b[2]) for a, b in zip(boxes, boxes[1:]) if a[0] + a[1] > b[0]]
    outside = [box[2] for box in boxes if box[0] < 0 or box[0] + box[1] > bar.width()]
    cut = [w.text() for w in parts if w.isVisible() and w.width() < w.sizeHint().width() - 1]
    return {"overlaps": overlaps, "outside": outside, "cut": cut, "bar_width": bar.width()}


def main(data_dir: str, plus: str, png: str = "") -> None:
    folder = Path(data_dir)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    qapp = _application("id")
    app = make_app(folder)
    desk = dataclasses.replace(app.desk(), clock=clock_at(AS_OF))
    window = MainWindow(app, desk, shift=None)
    window.show_desk()
    window.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is window, "meja kasir")
    for _ in range(int(plus)):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "ndun")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_until(lambda: window.results.rowCount() > 0 and not window.runner.busy, "hasil pencarian")
    view, results = window.results_view, window.results
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    statuses = [results.index(r, 4).data() for r in range(results.rowCount())]
    bold = view.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    status_cut = [s for s in statuses if QFontMetrics(bold).horizontalAdvance(s) + 6 > header.sectionSize(4)]
    addresses = [results.index(r, 2).data().split("\n")[0] for r in range(results.rowCount())]
    address_cut = [a for a in addresses if metrics.horizontalAdvance(a) + 6 > header.sectionSize(2)]
    if png:
        window.grab().save(png)
    report = {
        "size": [window.width(), window.height()], "maximised": window.isMaximized(),
        "search_pt": window.search.font().pointSizeF(), "app_pt": QApplication.font().pointSizeF(),
        "columns": [header.sectionSize(c) for c in range(5)], "status_cut": status_cut,
        "address_cut": len(address_cut), "rows": len(addresses), **status_bar_report(window),
    }
    print(json.dumps(report))
    window.close()
    window.runner.wait()
    app.engine.dispose()
    qapp.processEvents()


if __name__ == "__main__":
    main(*sys.argv[1:])
