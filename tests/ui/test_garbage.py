import gc
import time

import pytest
from PySide6.QtCore import QObject

from counter.ui import garbage
from counter.ui.garbage import collect_on_gui_thread


def generations_collected(qtbot, seconds: float) -> list[int]:  # noqa: ANN001
    """The generations of the collections that ran during `seconds` of the event loop."""
    seen: list[int] = []

    def noted(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(noted)
    try:
        qtbot.wait(round(seconds * 1000))
    finally:
        gc.callbacks.remove(noted)
    return seen


def litter(count: int = 3_000) -> None:
    """Garbage that reference counting cannot free: only a collection does."""
    for _ in range(count):
        cycle = []
        cycle.append(cycle)


@pytest.fixture
def collector():  # noqa: ANN201
    """Starts the desk's collection with the timing given; afterwards, as it was."""
    owner, was = QObject(), gc.isenabled()
    yield lambda **timing: collect_on_gui_thread(owner, **timing)
    (gc.enable if was else gc.disable)()
    owner.deleteLater()


def test_collection_moves_to_a_timer_on_the_gui_thread(qtbot, collector):
    timer = collector(interval_ms=10)
    assert not gc.isenabled() and timer.isActive()
    litter()
    assert generations_collected(qtbot, 0.2)


def test_a_full_collection_waits_until_the_cashier_stops_typing(qtbot, collector):
    """A full collection walks everything the desk made since it started (tens of
    milliseconds): it waits for a pause in the cashier's keys; the young ones are quick."""
    collector(interval_ms=20, quiet_s=0.3, latest_s=60)
    typing = []
    end = time.monotonic() + 0.6
    while time.monotonic() < end:  # a key every 50 ms
        garbage.note_input()
        litter()
        typing += generations_collected(qtbot, 0.05)
    assert typing and 2 not in typing  # young collections only
    assert 2 in generations_collected(qtbot, 0.6)  # a pause: the full one


def test_young_garbage_goes_in_small_bites_while_the_cashier_works(qtbot, collector):
    """Cycles left behind while paying (SQLAlchemy's statements) are freed by young
    collections as they pile up, never waiting for the full one."""
    collector(interval_ms=20, quiet_s=60, latest_s=60)
    seen = []
    for _ in range(12):
        garbage.note_input()
        litter(1_500)
        seen += generations_collected(qtbot, 0.05)
    assert 0 in seen and 2 not in seen
    assert gc.get_count()[0] < 2 * garbage.YOUNG_OBJECTS


def test_an_idle_desk_collects_in_full_once_not_over_and_over(qtbot, collector):
    collector(interval_ms=20, quiet_s=0.1, latest_s=60)
    kept = [[n] for n in range(1_000)]  # alive through the full collection
    frozen = gc.get_freeze_count()
    garbage.note_input()
    seen = generations_collected(qtbot, 0.6)
    assert seen.count(2) == 1
    assert gc.get_freeze_count() >= frozen + len(kept)  # the next full one walks none of them again


def test_a_desk_never_quiet_still_gets_a_full_collection_now_and_then(qtbot, collector):
    collector(interval_ms=20, quiet_s=10, latest_s=0.3)
    seen = []
    end = time.monotonic() + 0.8
    while time.monotonic() < end:
        garbage.note_input()
        seen += generations_collected(qtbot, 0.05)
    assert 2 in seen


def test_the_desk_hands_the_interpreter_over_every_millisecond(qtbot):
    import sys

    from counter.ui.app import GIL_SWITCH_S, _application

    _application()
    assert sys.getswitchinterval() == GIL_SWITCH_S <= 0.001  # not Python's 5 ms (docs/benchmarks.md)


def test_a_key_at_the_desk_counts_as_the_cashier_at_work(qtbot, window):  # noqa: ANN001
    from PySide6.QtCore import Qt

    before = garbage._last_input
    time.sleep(0.01)
    qtbot.keyClick(window.search, Qt.Key.Key_5)
    assert garbage._last_input > before
