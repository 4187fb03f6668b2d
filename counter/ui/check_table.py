"""A table view for rows that are paid in order (bills, instalment terms)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QTableView

from counter.ui.table_models import OldestFirstModel


class CheckTableView(QTableView):
    """A table over an OldestFirstModel. A click anywhere in the first ("Bayar")
    cell, or Space on a row, toggles that row; the model keeps the order rule."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        model = self.model()
        if event.key() == Qt.Key.Key_Space and isinstance(model, OldestFirstModel) and self.currentIndex().isValid():
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
