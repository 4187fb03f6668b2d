"""A supervisor's approval for one act: their username and PIN, typed at the
cashier's desk. The dialog only collects; the use case checks the PIN, and a
refusal comes back through `refused(message)` with the dialog still open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from counter.services.approval import Approval
from counter.ui.widgets import MUTED, SHORTFALL, font

SUPERVISOR_HINT = "Kepala unit mengetik sendiri nama pengguna dan PIN-nya."


class ApprovalDialog(QDialog):
    approved = Signal(object)  # Approval

    def __init__(self, act: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submitting = False
        self.setWindowTitle("Persetujuan kepala unit")
        self.setModal(True)
        self.setMinimumWidth(440)

        question = QLabel(f"<b>{act}</b> perlu persetujuan kepala unit.")
        question.setFont(font(12))
        question.setWordWrap(True)
        hint = QLabel(SUPERVISOR_HINT)
        hint.setStyleSheet(f"color: {MUTED};")
        hint.setWordWrap(True)

        self.username = QLineEdit()
        self.username.setFont(font(13))
        self.username.setMaxLength(64)
        self.username.setAccessibleName("Nama pengguna kepala unit")
        self.pin = QLineEdit()
        self.pin.setFont(font(13))
        self.pin.setMaxLength(128)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)  # the PIN never shows on the cashier's screen
        self.pin.setAccessibleName("PIN kepala unit")
        form = QFormLayout()
        form.addRow("&Nama pengguna", self.username)
        form.addRow("&PIN", self.pin)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {SHORTFALL}; font-weight: bold;")
        self.error.hide()

        self.cancel_button = QPushButton("Batal [Esc]")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton("Setujui [Enter]")
        self.ok_button.setFont(font(12, bold=True))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.username.setFocus()

    def confirm(self) -> None:
        if self.submitting:
            return
        username = self.username.text().strip()
        if not username:
            self._show_error("Isi nama pengguna kepala unit.", self.username)
            return
        if not self.pin.text():
            self._show_error("Isi PIN kepala unit.", self.pin)
            return
        self.set_busy(True)
        self.approved.emit(Approval(username, self.pin.text()))

    def refused(self, message: str) -> None:
        """The use case said no: say why, and let the PIN be typed again."""
        self.set_busy(False)
        self.pin.clear()
        self._show_error(message, self.pin)

    def _show_error(self, message: str, field: QLineEdit) -> None:
        self.error.setText(message)
        self.error.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.selectAll()

    def set_busy(self, busy: bool) -> None:
        self.submitting = busy
        for widget in (self.username, self.pin, self.ok_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.ok_button.setText("Memeriksa ..." if busy else "Setujui [Enter]")

    def reject(self) -> None:
        if self.submitting:  # the plan is being written: wait for the outcome
            return
        super().reject()
