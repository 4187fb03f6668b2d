"""Desk fixtures: the real main window on a real SQLite demo store, with
message boxes patched so nothing blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QMessageBox

from counter.ui.main_window import MainWindow
from tests.ui.desk_helpers import show


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
def window(qtbot, app, desk, messages):  # noqa: ANN001
    win = show(qtbot, MainWindow(app, desk))
    yield win
    win.close()  # waits for the worker before the store is disposed
    win.runner.wait()
