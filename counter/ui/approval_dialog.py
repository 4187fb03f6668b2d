"""A supervisor's approval for one act: their username and PIN, typed at the
cashier's desk. The dialog only collects; the use case checks the PIN, and a
refusal comes back through `refused(message)` with the dialog still open."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from counter.services.approval import Approval
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font

SUPERVISOR_HINT = "Kepala unit mengetik sendiri nama pengguna dan PIN-nya."


class ApprovalDialog(FormDialog):
    approved = Signal(object)  # Approval

    def __init__(self, act: str, parent: QWidget | None = None) -> None:
        super().__init__(440, parent)
        self.setWindowTitle("Persetujuan kepala unit")

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

        self.error.setFont(font(bold=True))  # the dialog's own size
        self.cancel_button = cancel_button("Batal [Esc]", self.reject, focus=True)
        self.ok_button = QPushButton("Setujui [Enter]")
        self.ok_button.setFont(font(12, bold=True))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        self._lay_out(question, hint, form, self.error, button_row(self.cancel_button, self.ok_button), margins=False)
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

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.username, self.pin, self.ok_button, self.cancel_button),
                       "Memeriksa ..." if busy else "Setujui [Enter]")
