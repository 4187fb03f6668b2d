"""Python's cyclic garbage collector runs on whichever thread happens to
allocate; if it frees a Qt object there (a dialog, a runner) from the worker
thread, Qt crashes. So the desk turns automatic collection off and collects
on the GUI thread, from a timer.

What exists when collection starts (modules, the window) lives as long as the
desk, so it is frozen out of collection. Every tick collects the young
generations: what was made since the last tick, a few milliseconds. A full
collection walks everything that survived since start-up, which after a few
hundred customers takes tens of milliseconds on the GUI thread: it waits for a
pause in the cashier's keys and clicks (`note_input`, from the desk's lock),
or runs anyway once it is `latest_s` overdue.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 5_000
QUIET_S = 4.0  # no key or click for this long: the desk is between customers
LATEST_S = 600.0  # a full collection at least this often, quiet or not

_last_input = time.monotonic()


def note_input() -> None:
    """A key, a click: the cashier is at work, a full collection waits."""
    global _last_input
    _last_input = time.monotonic()


class _Collector(QObject):
    def __init__(self, parent: QObject, quiet_s: float, latest_s: float) -> None:
        super().__init__(parent)
        self.quiet_s, self.latest_s = quiet_s, latest_s
        self.last_full = time.monotonic()

    def tick(self) -> None:
        now = time.monotonic()
        if now - _last_input >= self.quiet_s or now - self.last_full >= self.latest_s:
            gc.collect()
            self.last_full = now
        else:
            gc.collect(1)


def collect_on_gui_thread(parent: QObject, interval_ms: int = INTERVAL_MS, quiet_s: float = QUIET_S,
                          latest_s: float = LATEST_S) -> QTimer:
    gc.disable()
    gc.collect()
    gc.freeze()
    collector = _Collector(parent, quiet_s, latest_s)
    timer = QTimer(collector)
    timer.setInterval(interval_ms)
    timer.timeout.connect(collector.tick)
    timer.start()
    return timer
