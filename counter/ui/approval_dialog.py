"""A supervisor's approval for one act: their username and PIN, typed at the
cashier's desk. The dialog only collects; the use case checks the PIN, and a
refusal comes back through `refused(message)` with the dialog still open.

Enter in the name field goes on to the PIN; only Enter in the PIN field (or a
click on the button) submits. The button is never a default button: a dialog
beneath (the void dialog's reason field, Enter) looks for a default button
among all its children and would click this one as the approval opens.

Its words are class attributes (marked for translation in the class's own
context), so a dialog for another role (the settings' admin approval) words
itself by overriding them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from counter.errors import ApprovalRefused, CounterError
from counter.services.approval import Approval
from counter.ui.widgets import MUTED, FormDialog, button_row, cancel_button, font

SUPERVISOR_HINT = QT_TRANSLATE_NOOP("ApprovalDialog", "Kepala unit mengetik sendiri nama pengguna dan PIN-nya.")
OK_TEXT = QT_TRANSLATE_NOOP("ApprovalDialog", "Setujui [Enter]")


class ApprovalDialog(FormDialog):
    approved = Signal(object)  # Approval

    CONTEXT = "ApprovalDialog"  # where the words below are translated
    TITLE = QT_TRANSLATE_NOOP("ApprovalDialog", "Persetujuan kepala unit")
    QUESTION = QT_TRANSLATE_NOOP("ApprovalDialog", "<b>{act}</b> perlu persetujuan kepala unit.")
    HINT = SUPERVISOR_HINT
    USER_NAME = QT_TRANSLATE_NOOP("ApprovalDialog", "Nama pengguna kepala unit")
    USER_PIN = QT_TRANSLATE_NOOP("ApprovalDialog", "PIN kepala unit")
    NO_USER = QT_TRANSLATE_NOOP("ApprovalDialog", "Isi nama pengguna kepala unit.")
    NO_PIN = QT_TRANSLATE_NOOP("ApprovalDialog", "Isi PIN kepala unit.")

    def __init__(self, act: str, parent: QWidget | None = None) -> None:
        super().__init__(440, parent)
        self.setWindowTitle(self._words(self.TITLE))

        self.question = QLabel(self._words(self.QUESTION).format(act=act))
        self.question.setFont(font(12))
        self.question.setWordWrap(True)
        self.hint = QLabel(self._words(self.HINT))
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.hint.setWordWrap(True)

        self.username = QLineEdit()
        self.username.setFont(font(13))
        self.username.setMaxLength(64)
        self.username.setAccessibleName(self._words(self.USER_NAME))
        self.username.returnPressed.connect(self._to_pin)
        self.pin = QLineEdit()
        self.pin.setFont(font(13))
        self.pin.setMaxLength(128)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)  # the PIN never shows on the cashier's screen
        self.pin.setAccessibleName(self._words(self.USER_PIN))
        self.pin.returnPressed.connect(self.confirm)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ApprovalDialog", "&Nama pengguna"), self.username)
        form.addRow(QCoreApplication.translate("ApprovalDialog", "&PIN"), self.pin)

        self.error.setFont(font(bold=True))  # the dialog's own size
        self.cancel_button = cancel_button(QCoreApplication.translate("ApprovalDialog", "Batal [Esc]"), self.reject,
                                           focus=True)
        self.ok_button = QPushButton(QCoreApplication.translate("ApprovalDialog", OK_TEXT))
        self.ok_button.setFont(font(12, bold=True))
        self.ok_button.setAutoDefault(False)  # Enter comes from the fields (see above)
        self.ok_button.clicked.connect(self.confirm)
        self._lay_out(self.question, self.hint, form, self.error, button_row(self.cancel_button, self.ok_button),
                      margins=False)
        self.username.setFocus()

    def _words(self, text: str) -> str:
        return QCoreApplication.translate(self.CONTEXT, text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # the fields have done what Enter does; nothing more (no default button)
            return
        super().keyPressEvent(event)

    def _to_pin(self) -> None:
        self.pin.setFocus(Qt.FocusReason.TabFocusReason)
        self.pin.selectAll()

    def confirm(self) -> None:
        if self.submitting:
            return
        username = self.username.text().strip()
        if not username:
            self._show_error(self._words(self.NO_USER), self.username)
            return
        if not self.pin.text():
            self._show_error(self._words(self.NO_PIN), self.pin)
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
                       QCoreApplication.translate("ApprovalDialog", "Memeriksa ...") if busy
                       else QCoreApplication.translate("ApprovalDialog", OK_TEXT))


def approve_then(parent: FormDialog, runner, act: str, work: Callable[[Approval], object],  # noqa: ANN001
                 done: Callable[[object], None], failed: Callable[[CounterError], None]) -> ApprovalDialog:
    """Ask a supervisor for `act`, then run `work(approval)` on `runner`'s worker:
    `done(result)` after it, with the approval closed; a wrong PIN is typed again
    in the approval dialog; any other refusal closes it and goes to `failed`.
    `parent.submitting` is set while the work runs; `parent.approval_dialog` is
    the dialog while it is open."""
    dialog = ApprovalDialog(act, parent)
    parent.approval_dialog = dialog

    def finished(result: object) -> None:
        parent.submitting = False
        dialog.accept()
        done(result)

    def refused(error: CounterError) -> None:
        parent.submitting = False
        if isinstance(error, ApprovalRefused):
            dialog.refused(str(error))
            return
        dialog.set_busy(False)
        dialog.reject()
        failed(error)

    def approved(given: Approval) -> None:
        parent.submitting = True
        runner.run(lambda: work(given), finished, refused)

    def forget(result: int) -> None:
        if parent.approval_dialog is dialog:
            parent.approval_dialog = None
        dialog.deleteLater()
        if not result and parent.isVisible():  # Esc: the keyboard back in the dialog beneath
            parent.activateWindow()

    dialog.approved.connect(approved)
    dialog.finished.connect(forget)
    dialog.open()
    return dialog
