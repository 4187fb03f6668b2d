"""The desk's parts on their own: the task runner, the Rupiah field, the import rules."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QThread, Qt

from counter.errors import InvalidInput, NotFound
from counter.ui.tasks import TaskRunner, UnexpectedError
from counter.ui.widgets import RupiahEdit, group_digits

PACKAGE = Path(__file__).resolve().parents[2] / "counter"


@pytest.fixture
def runner(qtbot):  # noqa: ANN001, ANN201
    """A runner of its own, destroyed here on the GUI thread when the test ends. Left
    to the garbage collector (a runner and its pending jobs refer to each other) it
    may be destroyed on the worker thread of a later test, and Qt crashes there."""
    made = TaskRunner()
    yield made
    made.shutdown()
    shiboken6.delete(made)


def test_runner_delivers_results_on_the_gui_thread_from_one_worker(qtbot, runner):
    seen: list[tuple[str, object, bool]] = []
    workers: set[int] = set()
    gui = QThread.currentThread()

    def work(value):  # noqa: ANN001, ANN202
        workers.add(threading.get_ident())
        return value * 2

    for value in range(5):
        runner.run(lambda v=value: work(v), lambda r: seen.append(("ok", r, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [("ok", v * 2, True) for v in range(5)]
    assert len(workers) == 1 and threading.get_ident() not in workers
    assert not runner.busy


def test_a_result_for_a_widget_deleted_meanwhile_is_dropped(qtbot, runner):
    """A dialog closed (and deleted) while its read runs: the answer goes nowhere, no error."""
    from PySide6.QtWidgets import QLabel

    release = threading.Event()
    label = QLabel()
    runner.run(lambda: release.wait(5) and "gone", label.setText, label.setText)
    shiboken6.delete(label)
    release.set()
    qtbot.waitUntil(lambda: runner.idle, timeout=5000)  # a RuntimeError here would fail the test


def test_runner_delivers_counter_errors_and_wraps_bugs(qtbot, runner):
    errors: list[Exception] = []

    def not_found():  # noqa: ANN202
        raise NotFound("Pelanggan tidak ditemukan.")

    runner.run(not_found, on_error=errors.append)
    runner.run(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert isinstance(errors[0], NotFound) and str(errors[0]) == "Pelanggan tidak ditemukan."
    assert isinstance(errors[1], UnexpectedError) and "kesalahan tak terduga" in str(errors[1])


def test_a_newer_task_with_the_same_tag_wins(qtbot, runner):
    gate = threading.Event()
    results: list[str] = []
    runner.run(gate.wait)  # hold the worker
    runner.run(lambda: "old", results.append, tag="search")
    runner.run(lambda: "new", results.append, tag="search")
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"]


def test_busy_signal_goes_on_and_off(qtbot, runner):
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        runner.run(lambda: None)
    assert not runner.busy


def test_quiet_tasks_do_not_make_the_desk_look_busy(qtbot, runner):
    gate = threading.Event()
    seen: list[bool] = []
    runner.busy_changed.connect(seen.append)
    results: list[str] = []
    runner.run(gate.wait, quiet=True)
    runner.run(lambda: "status", results.append, quiet=True)
    assert not runner.busy and not runner.idle and seen == []
    runner.run(lambda: "search", results.append)
    assert runner.busy and seen == [True]
    gate.set()
    qtbot.waitUntil(lambda: runner.idle)
    assert results == ["status", "search"] and seen == [True, False] and not runner.busy


@pytest.mark.parametrize(("typed", "shown", "value"), [
    ("150000", "150.000", 150_000),
    ("1234567", "1.234.567", 1_234_567),
    ("0", "0", 0),
    ("0005", "5", 5),
    ("1.0.0", "100", 100),
])
def test_rupiah_field_groups_thousands_while_typing(qtbot, typed, shown, value):
    edit = RupiahEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.text() == shown
    assert edit.value() == value


def test_rupiah_field_refuses_letters_and_keeps_the_cursor(qtbot):
    edit = RupiahEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "12a34-5")
    assert edit.text() == "12.345"
    edit.setCursorPosition(2)  # between "1" "2" and ".345"
    qtbot.keyClicks(edit, "9")  # -> 129345
    assert edit.text() == "129.345"
    assert edit.cursorPosition() == 3  # right after the typed 9
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "12.934"
    edit.clear()
    with pytest.raises(InvalidInput, match="Isi uang yang diterima"):
        edit.value()
    assert group_digits("Rp 2.500,-") == "2.500"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_ui_imports_qt_and_the_ui_renders_no_orm_rows():
    for path in PACKAGE.rglob("*.py"):
        inside_ui = "ui" in path.relative_to(PACKAGE).parts[:1]
        imported = _imports(path)
        if not inside_ui:
            assert not any(name.startswith("PySide6") for name in imported), path
        else:
            assert not any(name.startswith(("sqlalchemy", "counter.models", "counter.store")) for name in imported), path
