"""Desk fixtures: the real main window on a real SQLite demo store, with
message boxes patched so nothing blocks. Money is taken only into an open
shift's drawer, so the `window` desk has its user's shift open (float Rp 0)
unless the test is marked `no_shift` (the shift itself is what it is about)."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from counter.services.shifts import open_shift
from counter.ui.main_window import MainWindow
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import set_font_scale
from tests.ui.desk_helpers import show


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "no_shift: the `window` desk opens with no shift open (the test's own business)")


@pytest.fixture(autouse=True, scope="session")
def garbage_collected_on_the_gui_thread():  # noqa: ANN201
    """As the desk does (counter.ui.garbage): no collection on the worker thread."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests():  # noqa: ANN201
    gc.collect()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def desk_settings_folder(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """What the desk remembers (window, font size) goes to a folder of the test's
    own, never the user's; every test starts at the normal font size."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    set_font_scale(1.0)
    yield folder
    set_font_scale(1.0)


@dataclass
class Messages:
    """What the desk would have shown in message boxes: (kind, title, text)."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    recorded = Messages()

    def fake(kind: str):
        def show(_parent, title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            recorded.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return recorded


@pytest.fixture
def window(qtbot, app, desk, messages, request):  # noqa: ANN001
    """The desk acting as `desk`, its user's shift open at its counter today
    (read by the desk as it opens), unless the test is marked `no_shift`."""
    on_shift = request.node.get_closest_marker("no_shift") is None
    if on_shift:
        open_shift(app.uow(), desk, 0)
    win = show(qtbot, MainWindow(app, desk))
    if on_shift:
        qtbot.waitUntil(lambda: win.shift is not None, timeout=5000)
    yield win
    win.close()  # waits for the worker before the store is disposed
    win.runner.wait()


@pytest.fixture
def runner(qtbot, app):  # noqa: ANN001, ANN201
    """A worker for dialogs opened alone, destroyed here on the GUI thread (never by the
    garbage collector elsewhere)."""
    made = TaskRunner(app)
    yield made
    made.shutdown()
    shiboken6.delete(made)


@pytest.fixture
def opened(runner):  # noqa: ANN001, ANN201
    """Dialogs a test opens, closed and destroyed here once the worker is idle (a dialog left
    to the garbage collector might be destroyed on the worker thread, where Qt crashes)."""
    made: list = []
    yield made
    for widget in made:
        widget.close()
    runner.wait()
    for widget in made:
        if shiboken6.isValid(widget):
            shiboken6.delete(widget)
