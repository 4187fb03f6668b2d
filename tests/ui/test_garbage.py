import gc

from PySide6.QtCore import QObject

from counter.ui.garbage import collect_on_gui_thread


def test_collection_moves_to_a_timer_on_the_gui_thread(qtbot):
    owner = QObject()
    was = gc.isenabled()
    try:
        timer = collect_on_gui_thread(owner, interval_ms=10)
        assert not gc.isenabled() and timer.isActive()
        collections = gc.get_stats()[2]["collections"]
        qtbot.waitUntil(lambda: gc.get_stats()[2]["collections"] > collections, timeout=2_000)
    finally:
        (gc.enable if was else gc.disable)()
        owner.deleteLater()


def test_the_desk_hands_the_interpreter_over_every_millisecond(qtbot):
    import sys

    from counter.ui.app import GIL_SWITCH_S, _application

    _application()
    assert sys.getswitchinterval() == GIL_SWITCH_S <= 0.001  # not Python's 5 ms (docs/benchmarks.md)
