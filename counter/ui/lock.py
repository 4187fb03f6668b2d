"""The desk locks after idle time, or on Ctrl+L, and only the same user's PIN
opens it again.

`DeskLock` watches the whole application (an event filter on the QApplication):
every key press, click, mouse move or wheel turn restarts the idle timer
(`[security] idle_lock_minutes`; 0: never). When it runs out, or on Ctrl+L from
any of the desk's windows, the main window shows `LockScreen` in place of its
content (the status bar stays), and every window open on top of it (the pay
dialog, the relief dialog, a supervisor's approval, a message) is hidden
until the desk is opened again, with everything typed in it. A dialog that
would appear while the desk is locked (a payment's outcome) is hidden as well.

Work on the worker goes on while the desk is locked: a payment being written
commits, its receipt prints, and the desk shows the outcome behind the lock.

The PIN is checked by `approval.unlock` on the worker (scrypt takes ~50 ms);
a wrong one is counted and audited like any other, and five in a row lock the
user out (the service says so, the lock screen shows it).
"""

from __future__ import annotations

import functools
import logging

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication, QDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QStackedWidget,
    QVBoxLayout, QWidget,
)
from counter.errors import CounterError
from counter.services import approval
from counter.services.context import Desk
from counter.ui import garbage
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, SHORTFALL, font

log = logging.getLogger(__name__)

LOCK_KEY = (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
LOCK_HINT = QT_TRANSLATE_NOOP("DeskLock", "Kunci layar [Ctrl+L]")
TITLE = QT_TRANSLATE_NOOP("LockScreen", "Layar terkunci — {who}")
BACKDROP = "#263238"  # the locked desk: dark slate, nothing of the desk shows through

CLICKS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick})
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})


def who_is(username: str, full_name: str = "") -> str:
    """`Siti Nurhaliza (kasir1)`, or the user name alone when no full name is known."""
    return f"{full_name} ({username})" if full_name and full_name != username else username


def idle_ms_from(app) -> int:  # noqa: ANN001 - bootstrap.App
    """The idle time before the desk locks, from the settings; 0: never."""
    return max(0, int(app.config.security.idle_lock_minutes)) * 60_000


class LockScreen(QWidget):
    """What the locked desk shows: whose desk it is, the PIN field, Buka [Enter]."""

    unlock_requested = Signal(str)  # the PIN typed

    def __init__(self, username: str, parent: QWidget | None = None, full_name: str = "") -> None:
        super().__init__(parent)
        self.username = username
        self.checking = False
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKDROP))
        self.setPalette(palette)

        self.title = QLabel(self.tr(TITLE).format(who=who_is(username, full_name)))
        self.title.setFont(font(18, bold=True))
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("color: #102027;")
        self.reason = QLabel()
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(f"color: {MUTED};")
        self.reason.setFont(font(11))
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setFont(font(12))

        self.pin = QLineEdit()
        self.pin.setFont(font(18))
        self.pin.setMaxLength(128)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)  # the PIN never shows on the screen
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setPlaceholderText("PIN")
        self.pin.setMinimumWidth(240)
        self.set_user(username, full_name)
        self.pin.setMinimumHeight(46)
        self.pin.returnPressed.connect(self.submit)
        self.button = QPushButton(self.tr("Buka [Enter]"))
        self.button.setFont(font(14, bold=True))
        self.button.setMinimumHeight(46)
        self.button.setAutoDefault(False)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter in the PIN field opens; the field keeps the keys
        self.button.setStyleSheet(
            "QPushButton { background: #1565c0; color: white; border-radius: 6px; padding: 6px 26px; }"
            "QPushButton:disabled { background: #b0bec5; color: #eceff1; }"
        )
        self.button.clicked.connect(self.submit)
        entry = QHBoxLayout()
        entry.setSpacing(12)
        entry.addWidget(self.pin, 1)
        entry.addWidget(self.button)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setFont(font(12, bold=True))
        self.error.setStyleSheet(f"color: {SHORTFALL};")
        self.error.hide()
        note = QLabel(self.tr("Pembayaran dan cetak struk yang sedang berjalan tetap diselesaikan; "
                              "jendela yang terbuka muncul lagi setelah layar dibuka."))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")

        card = QFrame()
        card.setObjectName("lockCard")
        card.setStyleSheet("QFrame#lockCard { background: #ffffff; border-radius: 10px; }")
        card.setFixedWidth(720)
        inside = QVBoxLayout(card)
        inside.setContentsMargins(36, 30, 36, 26)
        inside.setSpacing(14)
        inside.addWidget(self.title)
        inside.addWidget(self.reason)
        inside.addSpacing(4)
        inside.addWidget(self.hint)
        inside.addLayout(entry)
        inside.addWidget(self.error)
        inside.addSpacing(4)
        inside.addWidget(note)

        row = QHBoxLayout()  # not addWidget(card, alignment): an aligned card gets no room for wrapped lines
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def set_user(self, username: str, full_name: str = "") -> None:
        """Whose desk it is (after signing in)."""
        self.username = username
        self.title.setText(self.tr(TITLE).format(who=who_is(username, full_name)))
        self.hint.setText(self.tr("Hanya PIN <b>{user}</b> yang dapat membuka layar ini. Ketik PIN, lalu tekan Enter.").format(user=username))
        self.pin.setAccessibleName(f"PIN {username}")

    def reset(self, reason: str) -> None:
        """Freshly locked: an empty field, no old message."""
        self.set_busy(False)
        self.reason.setText(reason)
        self.pin.clear()
        self.error.clear()
        self.error.hide()

    def submit(self) -> None:
        if self.checking:
            return
        if not self.pin.text():
            self._show_error(self.tr("Ketik PIN untuk membuka layar."))
            return
        self.set_busy(True)
        self.unlock_requested.emit(self.pin.text())

    def refused(self, message: str) -> None:
        """A wrong PIN (or a user locked out): say so in red, clear the field, stay locked."""
        self.set_busy(False)
        self.pin.clear()
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_busy(self, busy: bool) -> None:
        self.checking = busy
        self.pin.setEnabled(not busy)
        self.button.setEnabled(not busy)
        self.button.setText(self.tr("Memeriksa ...") if busy else self.tr("Buka [Enter]"))
        if not busy:
            self.pin.setFocus(Qt.FocusReason.OtherFocusReason)


class DeskLock(QObject):
    """Locks `window` after `idle_ms` without a key press or mouse use (0: never)
    or on Ctrl+L; `stack` shows the desk's content or the lock screen."""

    locked_changed = Signal(bool)

    def __init__(self, app, desk: Desk, runner: TaskRunner, window: QWidget,  # noqa: ANN001 - bootstrap.App
                 stack: QStackedWidget, idle_ms: int) -> None:
        super().__init__(window)
        self.app, self.desk, self.runner = app, desk, runner
        self.window = window
        self.stack = stack
        self.content = stack.currentWidget()
        self.screen = LockScreen(desk.username, full_name=desk.full_name)
        self.screen.unlock_requested.connect(self._check)
        stack.addWidget(self.screen)
        self.locked = False
        self.paused = False  # before anyone has signed in: nothing to lock
        # windows hidden by the lock, shown again when it opens; a message box with what it said
        # (icon, title, text, parent), in case hiding it ended its event loop and it is gone
        self._hidden: list[tuple[QWidget, tuple | None]] = []
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(functools.partial(self.lock, idle=True))
        self.set_idle_ms(idle_ms)
        self._watching = QCoreApplication.instance()
        self._watching.installEventFilter(self)

    # ---- idle time --------------------------------------------------------

    @property
    def idle_ms(self) -> int:
        return self._idle_ms

    def set_idle_ms(self, idle_ms: int) -> None:
        """Lock after `idle_ms` without activity from now on; 0: never."""
        self._idle_ms = max(0, idle_ms)
        self.idle_timer.stop()
        if self._idle_ms:
            self.idle_timer.setInterval(self._idle_ms)
            if not self.locked:
                self.idle_timer.start()

    def activity(self) -> None:
        """A key, a click, the mouse moved: the idle time starts again (and a full garbage collection waits)."""
        garbage.note_input()
        if self._idle_ms and not self.locked and not self.paused:
            self.idle_timer.start()

    def pause(self, paused: bool) -> None:
        """While paused (signing in) the desk neither locks by itself nor on Ctrl+L."""
        self.paused = paused
        if paused:
            self.idle_timer.stop()
        else:
            self.activity()

    def set_desk(self, desk: Desk) -> None:
        """The user who signed in: only their PIN opens the desk from now on."""
        self.desk = desk
        self.screen.set_user(desk.username, desk.full_name)

    def stop(self) -> None:
        """The window closes: no more watching."""
        self.idle_timer.stop()
        if self._watching is not None:
            self._watching.removeEventFilter(self)
            self._watching = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in CLICKS and self.locked and self._outside_lock_screen(watched):
            return True  # the status bar's buttons (print a copy, save a PDF) wait for the desk to open
        if kind in ACTIVITY:
            if (kind == QEvent.Type.KeyPress and isinstance(watched, QWidget) and self._is_lock_key(event)
                    and self._ours(watched)):
                self.lock()
                return True  # Ctrl+L goes no further, whichever window had it
            self.activity()
        elif (kind == QEvent.Type.Show and self.locked and isinstance(watched, QWidget) and watched.isWindow()
              and watched is not self.window and self._ours(watched)):
            # shown while locked (a payment's outcome, a message): hidden once it is up
            QTimer.singleShot(0, functools.partial(self._hide_late, watched))
        return False

    @staticmethod
    def _is_lock_key(event: QKeyEvent) -> bool:
        key, modifier = LOCK_KEY
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return event.key() == key and mods == modifier

    def _outside_lock_screen(self, watched: QObject) -> bool:
        return (isinstance(watched, QWidget) and watched is not self.screen and not self.screen.isAncestorOf(watched)
                and self._ours(watched))

    def _ours(self, widget: QWidget) -> bool:
        """`widget` is the desk's window or belongs to it (its dialogs, their dialogs, ...)."""
        while widget is not None:
            if widget is self.window:
                return True
            widget = widget.parentWidget()
        return False

    # ---- locking ------------------------------------------------------------

    def lock(self, idle: bool = False) -> None:
        """Hide the desk behind the lock screen (nothing is cancelled or lost)."""
        if self.locked or self.paused:
            return
        self.locked = True
        self.idle_timer.stop()
        minutes = self._idle_ms // 60_000
        self.screen.reset(
            (self.tr("Dikunci otomatis setelah {n} menit tanpa kegiatan.").format(n=minutes) if minutes else
             self.tr("Dikunci otomatis karena tidak ada kegiatan.")) if idle else self.tr("Dikunci oleh kasir (Ctrl+L)."))
        self._close_popups()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and self._ours(widget):
                self._hide(widget)
        self.stack.setCurrentWidget(self.screen)
        self.locked_changed.emit(True)
        if not self.window.isActiveWindow():
            self.window.activateWindow()
        self.screen.pin.setFocus(Qt.FocusReason.OtherFocusReason)
        log.info("desk locked (%s)", "idle" if idle else "on request")

    @staticmethod
    def _close_popups() -> None:
        for _ in range(10):  # a combo box's list, a menu: nested at most a few deep
            popup = QApplication.activePopupWidget()
            if popup is None:
                return
            popup.close()

    def _hide(self, widget: QWidget) -> None:
        if all(hidden is not widget for hidden, _said in self._hidden):
            said = None
            if isinstance(widget, QMessageBox):
                # QMessageBox.warning(...) runs its own event loop: hiding the box ends that loop and
                # the box is gone, so keep what it said to show it again once the desk is open
                said = (widget.icon(), widget.windowTitle(), widget.text(), widget.parentWidget())
            self._hidden.append((widget, said))
            if isinstance(widget, QDialog):  # finished behind the lock (a payment's outcome): not to be shown again
                widget.finished.connect(functools.partial(self._forget, widget))
        widget.hide()

    def _hide_late(self, widget: QWidget) -> None:
        if self.locked and shiboken6.isValid(widget) and widget.isVisible():
            self._hide(widget)
            self.window.activateWindow()  # the keyboard back to the PIN field
            self.screen.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _forget(self, widget: QWidget, _result: int = 0) -> None:
        self._hidden = [(hidden, said) for hidden, said in self._hidden if hidden is not widget]

    # ---- unlocking ----------------------------------------------------------

    def _check(self, secret: str) -> None:
        """The PIN typed on the lock screen, checked on the worker."""
        app, desk = self.app, self.desk
        self.runner.run(lambda: approval.unlock(app.uow(), desk, secret), self._opened, self._refused)

    def _refused(self, error: CounterError) -> None:
        if self.locked:
            self.screen.refused(str(error))

    def _opened(self, _result: object = None) -> None:
        self.unlock()

    def unlock(self) -> None:
        """The right PIN: the desk as it was, with the windows that were open on it."""
        if not self.locked:
            return
        self.locked = False
        self.screen.reset("")
        self.stack.setCurrentWidget(self.content)
        self.locked_changed.emit(False)  # the window takes its keys back (focus to the search field)
        hidden, self._hidden = self._hidden, []
        shown: QWidget | None = None
        for widget in sorted((w for w, _said in hidden if shiboken6.isValid(w)), key=self._depth):
            widget.show()  # a dialog before the dialogs it opened
            shown = widget
        for widget, said in hidden:
            if said is not None and not shiboken6.isValid(widget):
                shown = self._say_again(*said)
        if shown is not None:
            shown.raise_()
            shown.activateWindow()
        self.activity()
        log.info("desk unlocked")

    def _say_again(self, icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
        """A message the lock closed, shown again (it no longer waits for an answer)."""
        owner = parent if parent is not None and shiboken6.isValid(parent) and parent.isVisible() else self.window
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, owner)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    @staticmethod
    def _depth(widget: QWidget) -> int:
        depth = 0
        while (widget := widget.parentWidget()) is not None:
            depth += 1
        return depth
