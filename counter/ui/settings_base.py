"""What every tab of the settings dialog shares: the desk's worker, a message
strip, and asking a supervisor or an admin for their credential before a write.

A tab never touches the store, a file, the network or a printer itself: it
reads what was typed, hands plain values to a function run by the TaskRunner's
worker, and shows the outcome (or the CounterError's message) when it comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from counter.errors import ApprovalRefused, CounterError
from counter.services.context import Desk
from counter.ui.approval_dialog import ApprovalDialog
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, Banner, font

DATE_FORMAT = "dd-MM-yyyy"


def qdate(day) -> QDate:  # noqa: ANN001 - datetime.date
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate):  # noqa: ANN201 - datetime.date
    return value.toPython()


def date_edit(day=None) -> QDateEdit:  # noqa: ANN001
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setFixedWidth(150)
    if day is not None:
        edit.setDate(qdate(day))
    return edit


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED};")
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(font(11, bold=True))
    return label


def button(text: str, primary: bool = False) -> QPushButton:
    made = QPushButton(text)
    made.setMinimumHeight(34)
    if primary:
        made.setFont(font(11, bold=True))
    return made


COLUMN_WIDTH = 820  # a form reads better narrow than stretched over a wide screen


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def sized(widget: QWidget, width: int) -> QWidget:
    widget.setFixedWidth(width)
    return widget


def column(*parts: QWidget | QLayout, width: int = COLUMN_WIDTH) -> QHBoxLayout:
    """`parts` top to bottom in a column of at most `width` pixels, on the left; the rest stays empty."""
    inner = QVBoxLayout()
    inner.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            inner.addLayout(part)
        else:
            inner.addWidget(part)
    inner.addStretch(1)
    box = QWidget()
    box.setLayout(inner)
    box.setMaximumWidth(width)
    outer = QHBoxLayout()
    outer.addWidget(box, 1)
    outer.addStretch(0)
    return outer


def buttons_row(*left: QWidget, right: tuple[QWidget, ...] = ()) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


class OptionalDate(QWidget):
    """A date that may be left out: a tick box, and the date once it is ticked."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(caption)
        self.date = date_edit()
        self.date.setEnabled(False)
        self.enabled.toggled.connect(self.date.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date, 1)
        self.setFocusProxy(self.enabled)

    def value(self):  # noqa: ANN201 - datetime.date | None
        return pydate(self.date.date()) if self.enabled.isChecked() else None

    def set_value(self, day, default) -> None:  # noqa: ANN001
        self.enabled.setChecked(day is not None)
        self.date.setDate(qdate(day if day is not None else default))


class AdminApprovalDialog(ApprovalDialog):
    """The approval dialog, asking for an admin (rules are an admin's act, not a supervisor's)."""

    CONTEXT = "AdminApprovalDialog"
    TITLE = QT_TRANSLATE_NOOP("AdminApprovalDialog", "Persetujuan admin")
    QUESTION = QT_TRANSLATE_NOOP("AdminApprovalDialog", "<b>{act}</b> perlu persetujuan admin.")
    HINT = QT_TRANSLATE_NOOP("AdminApprovalDialog", "Admin mengetik sendiri nama pengguna dan PIN-nya.")
    USER_NAME = QT_TRANSLATE_NOOP("AdminApprovalDialog", "Nama pengguna admin")
    USER_PIN = QT_TRANSLATE_NOOP("AdminApprovalDialog", "PIN admin")
    NO_USER = QT_TRANSLATE_NOOP("AdminApprovalDialog", "Isi nama pengguna admin.")
    NO_PIN = QT_TRANSLATE_NOOP("AdminApprovalDialog", "Isi PIN admin.")

    def _show_error(self, message: str, field: QLineEdit) -> None:
        super()._show_error(message.replace("kepala unit", "admin"), field)  # the use case's words name the role


class SettingsTab(QWidget):
    """One tab: its message strip at the bottom, its worker tasks, its approvals."""

    saved = Signal(str)  # the [section] written, or "rules" / "programmes"
    writing_changed = Signal(bool)

    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.app, self.desk, self.runner = app, desk, runner
        self.note = Banner()
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setAccessibleName(self.tr("Pesan"))
        self.approval_dialog: ApprovalDialog | None = None
        self.writing = False
        self.tags: set[str] = set()

    # ---- messages ---------------------------------------------------------

    def say(self, html: str, kind: str = "info") -> None:
        self.note.show_message(html, kind)

    def say_error(self, error: CounterError | str) -> None:
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # a message from a use case is shown as it is
        self.note.show_message(str(error), "error")
        self.note.setTextFormat(Qt.TextFormat.RichText)

    @property
    def message(self) -> str:
        """What the strip says (tests, and screen readers through the accessible name)."""
        return "" if self.note.isHidden() else self.note.text()

    # ---- worker -----------------------------------------------------------

    def run(self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[CounterError], None],
            tag: str) -> None:
        """`work()` on the worker (plain values only in it); `done` or `failed` back here."""
        self.tags.add(tag)
        self.runner.run(work, done, failed, tag=tag)

    def set_writing(self, writing: bool) -> None:
        self.writing = writing
        self.writing_changed.emit(writing)

    def write(self, work: Callable[[], Any], done: Callable[[Any], None], tag: str,
              failed: Callable[[CounterError], None] | None = None) -> None:
        """A write without approval: the dialog stays open until it is done."""
        self.set_writing(True)

        def finished(result: Any) -> None:
            self.set_writing(False)
            done(result)

        def refused(error: CounterError) -> None:
            self.set_writing(False)
            (failed or self.say_error)(error)

        self.run(work, finished, refused, tag)

    def approve_and_write(self, act: str, work: Callable[[Any], Any], done: Callable[[Any], None], *,
                          admin: bool = False, failed: Callable[[CounterError], None] | None = None) -> None:
        """Ask a supervisor (or an admin) for their credential, then `work(approval)` on the worker.
        A refused credential is said in the approval dialog, which stays open for another try."""
        if self.approval_dialog is not None:
            return
        dialog = AdminApprovalDialog(act, self) if admin else ApprovalDialog(act, self)
        self.approval_dialog = dialog

        def approved(approval) -> None:  # noqa: ANN001 - services.approval.Approval
            self.set_writing(True)
            self.runner.run(lambda: work(approval), finished, refused)

        def finished(result: Any) -> None:
            self.set_writing(False)
            dialog.set_busy(False)
            dialog.accept()
            done(result)

        def refused(error: CounterError) -> None:
            self.set_writing(False)
            if isinstance(error, ApprovalRefused) and self.approval_dialog is dialog:
                dialog.refused(str(error))  # the PIN again, or Esc
                return
            dialog.set_busy(False)
            dialog.reject()
            (failed or self.say_error)(error)

        def closed(_result: int) -> None:
            if self.approval_dialog is dialog:
                self.approval_dialog = None
            dialog.deleteLater()
            self.window().activateWindow()  # some window managers leave no window active after a dialog

        dialog.approved.connect(approved)
        dialog.finished.connect(closed)
        dialog.open()

    def cancel_tasks(self) -> None:
        for tag in self.tags:
            self.runner.cancel(tag)
