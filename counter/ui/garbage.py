"""Python's cyclic garbage collector runs on whichever thread happens to
allocate; if it frees a Qt object there (a dialog, a runner) from the worker
thread, Qt crashes. So the desk turns automatic collection off and collects
on the GUI thread, from a timer.

What exists when collection starts (modules, the window) lives as long as the
desk, so it is frozen out of collection. A timer looks four times a second at
what was made since the last look, and collects the youngest generation once
YOUNG_OBJECTS have piled up (SQLAlchemy's statements leave cycles behind:
about 2,000 objects a payment), and the middle one every MIDDLE_EVERY times
(Python's own is every tenth: a third keeps each bite to a few milliseconds
while the sync pulls thousands of rows), on this thread. A full
collection walks everything that survived since start-up, which after a few
hundred customers takes tens of milliseconds: it waits for a pause in the
cashier's keys and clicks (`note_input`, from the desk's lock), or runs anyway
once it is `latest_s` overdue. What outlives a full collection is frozen out of
the next ones, so each walks only what came since (a few tens of milliseconds
at most, however long the desk has been open); the price is that a cycle among
frozen objects that becomes garbage later stays until the desk closes, which
is small beside a day's objects (Python's gc.freeze).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250
YOUNG_OBJECTS = 2_000  # objects made (and not yet freed) since the last collection: collect the youngest
MIDDLE_EVERY = 3  # young collections between collections of the middle generation
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
        made, young_collections, _ = gc.get_count()
        quiet_since_work = now - _last_input >= self.quiet_s and self.last_full < _last_input  # once a pause
        if quiet_since_work or now - self.last_full >= self.latest_s:
            gc.collect()
            gc.freeze()  # what outlived a whole collection stays: the next full one walks only what is newer
            self.last_full = now
        elif young_collections >= MIDDLE_EVERY:
            gc.collect(1)
        elif made >= YOUNG_OBJECTS:
            gc.collect(0)


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
