"""A table view for rows that are paid in order (bills, instalment terms)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QTableView, QWidget

from counter.ui.table_models import OldestFirstModel


class CheckTableView(QTableView):
    """A table over an OldestFirstModel. A click anywhere in the first ("Bayar")
    cell, or Space on a row, toggles that row; the model keeps the order rule.
    For the keyboard the table is one Tab stop (Tab leaves it, never walks its
    cells); coming in, the oldest row is the current one, so ↑/↓ and Space work
    at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        model = self.model()
        if model is not None and model.rowCount() and not self.currentIndex().isValid():
            self.setCurrentIndex(model.index(0, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        model = self.model()
        if (event.key() == Qt.Key.Key_Space and not event.modifiers() and isinstance(model, OldestFirstModel)
                and model.rowCount()):
            if not self.currentIndex().isValid():
                self.setCurrentIndex(model.index(0, 0))
            model.toggle(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        model = self.model()
        if (event.button() == Qt.MouseButton.LeftButton and index.isValid()
                and index.column() == 0 and isinstance(model, OldestFirstModel)):
            model.toggle(index.row())
            event.accept()
            return
        super().mouseReleaseEvent(event)
