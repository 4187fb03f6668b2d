"""Python's cyclic garbage collector runs on whichever thread happens to
allocate; if it frees a Qt object there (a dialog, a runner) from the worker
thread, Qt crashes. So the desk turns automatic collection off and collects
on the GUI thread, from a timer.

A full collection walks every tracked object (some 200,000 once the desk is
up): ~100 ms on the GUI thread. What exists when collection starts (modules,
the window) lives as long as the desk, so it is frozen out of collection and
each timed collection walks only what came after it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 5_000


def collect_on_gui_thread(parent: QObject, interval_ms: int = INTERVAL_MS) -> QTimer:
    gc.disable()
    gc.collect()
    gc.freeze()
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(gc.collect)
    timer.start()
    return timer
