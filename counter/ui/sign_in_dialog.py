"""Signing in at the start of the day: user name (from `desk.user` in the
settings) and PIN. The PIN is checked by `approval.sign_in` on the worker; a
wrong one is said in red and the dialog stays, with the PIN cleared (it counts
toward the lock-out like any other). Esc closes the program."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from counter.errors import CounterError
from counter.services import approval
from counter.services.approval import Approval
from counter.services.context import Desk
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font, primary_button

OK_TEXT = QT_TRANSLATE_NOOP("SignInDialog", "Masuk [Enter]")


class SignInDialog(FormDialog):
    signed_in = Signal(object)  # the Desk with the signed-in user at it

    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(520, parent)
        self.app, self.desk, self.runner = app, desk, runner
        self.setWindowTitle(self.tr("Masuk ke loket"))

        title = QLabel(self.tr("Loket <b>{counter}</b> — Kantor <b>{office}</b>").format(counter=desk.counter_code, office=desk.office_code))
        title.setFont(font(15))
        hint = QLabel(self.tr("Ketik nama pengguna dan PIN Anda, lalu tekan Enter. PIN tidak ditampilkan."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")

        self.username = QLineEdit(desk.username)
        self.username.setFont(font(14))
        self.username.setMaxLength(64)
        self.username.setAccessibleName(self.tr("Nama pengguna"))
        self.pin = QLineEdit()
        self.pin.setFont(font(14))
        self.pin.setMaxLength(128)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("PIN")
        self.username.returnPressed.connect(self._next)
        self.pin.returnPressed.connect(self.confirm)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        user_caption, pin_caption = QLabel(self.tr("&Nama pengguna")), QLabel(self.tr("&PIN"))
        for caption, field in ((user_caption, self.username), (pin_caption, self.pin)):
            caption.setFont(font(12))
            caption.setBuddy(field)
            form.addRow(caption, field)

        self.cancel_button = cancel_button(self.tr("Keluar [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(OK_TEXT), self.confirm)  # takes no focus: Enter in the fields signs in
        self._lay_out(title, hint, form, self.error, button_row(self.cancel_button, self.ok_button))
        (self.pin if desk.username else self.username).setFocus()

    def _next(self) -> None:
        if self.username.text().strip():
            self.pin.setFocus()
        else:
            self._show_error(self.tr("Isi nama pengguna."), self.username)

    def confirm(self) -> None:
        if self.submitting:
            return
        username = self.username.text().strip()
        if not username:
            self._show_error(self.tr("Isi nama pengguna."), self.username)
            return
        if not self.pin.text():
            self._show_error(self.tr("Isi PIN."), self.pin)
            return
        self.set_busy(True)
        app, desk, credential = self.app, self.desk, Approval(username, self.pin.text())
        self.runner.run(lambda: approval.sign_in(app.uow(), desk, credential), self._signed_in, self.refused)

    def _signed_in(self, desk: Desk) -> None:
        self.set_busy(False)
        self.signed_in.emit(desk)
        self.accept()

    def refused(self, error: CounterError | str) -> None:
        """A wrong PIN, an unknown user, a user locked out: say so, stay."""
        self.set_busy(False)
        self.pin.clear()
        self._show_error(str(error), self.pin)

    def set_busy(self, busy: bool) -> None:
        self._set_busy(busy, (self.username, self.pin, self.ok_button, self.cancel_button),
                       self.tr("Memeriksa ...") if busy else self.tr(OK_TEXT))
        if not busy:
            self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
