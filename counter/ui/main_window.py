"""The cashier's desk: search on the left, the customer and the total on the right.

Keyboard first: the search field has focus at start and after each payment
(F2 puts it back); a scanned number or barcode + Enter opens the customer; F5
pays; the receipt then prints (F8: retry a failed one, or a copy of the last);
F9 opens relief and instalment plans for the customer on screen; F7 voids a
receipt of today; Ctrl+K enters a book of paper receipts written during an
outage (ui/paper_dialog.py); Ctrl+G pays many connections with one tender
(ui/collective_dialog.py); F1 shows every key; Ctrl+L (or idle time) locks the desk
until the same user's PIN opens it (ui/lock.py); Ctrl++ / Ctrl+- / Ctrl+0 make
every text larger or smaller (remembered with the window's place and size).
All database and printer work goes through the TaskRunner's single worker.

Started with `sign_in=True` (`counter gui`), the desk stays covered until a
user signs in (ui/sign_in_dialog.py) and, when they have no shift open today,
opens one with its float (ui/shift_dialog.py); it then acts as that user.

With a `DeskSync` attached, opening a customer first refreshes their bills from
central (short timeout, on the worker), the status bar shows the link to
central, and each payment wakes the sync worker.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QMessageBox, QPushButton,
    QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from counter import application
from counter.errors import BillSelectionError, CounterError, PaymentRefused
from counter.rules.money import format_rupiah
from counter.services import billing, lookup, shifts
from counter.services.approval import DESK_ACTS
from counter.services.billing import Quote
from counter.services.context import Desk
from counter.services.lookup import CustomerSummary
from counter.services.payment import PaymentResult
from counter.services.shifts import NoShift, ShiftView
from counter.services.voids import Voided, describe
from counter.sync.state import SyncStatus
from counter.ui.cash_closing import CashClosing
from counter.ui.customer_panel import CustomerPanel
from counter.ui.help_overlay import HelpOverlay
from counter.ui.lock import BACKDROP, LOCK_HINT, DeskLock, idle_ms_from
from counter.ui.pay_dialog import TITLE_FAILED, PayDialog, PayRequest, method_label
from counter.ui.plan_models import paying_text
from counter.ui.printing import DeskPrinter
from counter.ui.relief_dialog import ReliefDialog
from counter.ui.shift_dialog import ShiftDialog, shift_text
from counter.ui.sign_in_dialog import SignInDialog
from counter.ui.sync import LEVEL_COLOURS, DeskSync
from counter.ui.table_models import CustomerResultsModel, ResultsView
from counter.ui.tasks import TaskRunner
from counter.ui.void_dialog import VoidDialog
from counter.ui.customer_dialog import CustomerDialog
from counter.ui.widgets import (
    MUTED, SHORTFALL, Banner, ButtonStrip, FittingStatusBar, desk_settings, font, screen_factor,
    set_font_scale, set_screen_factor, step_font_scale,
)

log = logging.getLogger(__name__)

# The search starts at once: keys already queued (a scanner's burst) make one search, and a
# newer search supersedes an older one on the worker (docs/benchmarks.md, 2026-12-07).
SEARCH_DEBOUNCE_MS = 0
PREPARE_PAY_DIALOG_MS = 50  # the next pay dialog is built this soon after the last closed, once the worker is idle
SEARCH_LIMIT = 50
DATE_REFRESH_MS = 30_000  # the business date in the status bar follows the clock past midnight
BUSY_AFTER_MS = 200  # work that takes longer than this shows "Memproses ..." and a busy cursor
BUSY_TEXT = QT_TRANSLATE_NOOP("MainWindow", "Memproses ...")
GEOMETRY_KEY = "window/geometry"
FONT_SCALE_KEY = "font/scale"
SETTINGS_ROLES = ("supervisor", "admin")  # who may open the settings (F10)


class SearchField(QLineEdit):
    """The search box; Down moves into the results, Esc clears."""

    def __init__(self, on_down, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._on_down = on_down

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.textEdited.emit("")
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    def __init__(self, app, desk: Desk, runner: TaskRunner | None = None,  # noqa: ANN001 - bootstrap.App
                 *, idle_lock_ms: int | None = None, sign_in: bool = False,
                 shift: ShiftView | None | bool = True) -> None:
        """`idle_lock_ms`: lock after this long idle (0: never); by default
        `[security] idle_lock_minutes`. `sign_in`: cover the desk until a user
        signs in (and opens a shift); without it the desk acts as `desk`, and
        `shift` is its open shift (True: read it on the worker)."""
        super().__init__()
        self.app = app
        self.desk = desk
        self.shift: ShiftView | None = None
        self.signed_in = not sign_in
        self.sign_in_dialog: SignInDialog | None = None
        self.shift_dialog: ShiftDialog | None = None
        self.void_dialog: VoidDialog | None = None
        self.customer_dialog: CustomerDialog | None = None
        self.paper_dialog = None  # ui.paper_dialog.PaperDialog while open
        self.collective_dialog = None  # ui.collective_dialog.CollectiveDialog while open
        self.history_dialog = None  # ui.history_dialog.HistoryDialog while open
        self.runner = runner or TaskRunner(app)
        self.runner.setParent(self)
        self.pay_dialog: PayDialog | None = None
        self._next_pay_dialog: PayDialog | None = None  # built ahead (_build_next_pay_dialog)
        self.relief_dialog: ReliefDialog | None = None
        self.sync: DeskSync | None = None
        self.last_payment: PaymentResult | None = None
        self._open_on_results = False  # the running search came from Enter: open a single match
        self._selecting_result = False  # the results' row is being set in code: do not open it again
        self._pay_when_loaded = False  # F5 came while the customer was still on its way
        self._choose_when_loaded: tuple[int, int] | None = None  # (bills, terms) to tick once it is shown
        self._pay_after_unlock = False  # a payment asked for (F5 before a load finished) while the desk was locked
        self.setWindowTitle(self.tr("Loket {counter} - {office}").format(counter=desk.counter_code, office=desk.office_code))
        self.resize(1366, 768)
        settings = desk_settings()
        geometry = settings.value(GEOMETRY_KEY)
        self.remembered = isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)
        available = self.screen().availableGeometry()  # the type grows with a screen larger than 1366x768
        set_screen_factor(screen_factor(available.width(), available.height()))
        try:
            set_font_scale(float(settings.value(FONT_SCALE_KEY, 1.0)))
        except (TypeError, ValueError):
            set_font_scale(1.0)

        # ---- search bar
        self.search = SearchField(self.focus_results)
        self.search.setFont(font(14))
        self.search.setPlaceholderText(self.tr("No. sambungan / no. meter / barcode rekening / nama / alamat"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(lookup.MAX_QUERY)
        self.search.textEdited.connect(self._search_edited)
        self.search.returnPressed.connect(self.search_now)
        self.search_button = QPushButton(self.tr("Cari [F2]"))
        self.search_button.setFont(font(12))
        self.search_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search_button.clicked.connect(self.search_now)
        self.search_hint = QLabel()
        self.search_hint.setStyleSheet(f"color: {MUTED};")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_typed)

        search_bar = QHBoxLayout()
        caption = QLabel(self.tr("Cari:"))
        self.search_caption = caption
        caption.setFont(font(13, bold=True))
        search_bar.addWidget(caption)
        search_bar.addWidget(self.search, 1)
        self.search.setMinimumWidth(260)
        search_bar.addWidget(self.search_button)
        self.cash_closing = CashClosing(self)
        self.void_button = QPushButton(self.tr("Batal struk [F7]"))
        self.shift_close_button = QPushButton(self.tr("Tutup shift [F12]"))
        self.day_close_button = QPushButton(self.tr("Tutup hari [F11]"))
        self.help_button = QPushButton(self.tr("Bantuan [F1]"))
        self.settings_button = QPushButton(self.tr("Pengaturan [F10]"))
        self.shift_open_button = QPushButton(self.tr("Buka shift [Ctrl+B]"))
        self.sign_out_button = QPushButton(self.tr("Ganti kasir [Ctrl+Q]"))
        self.sign_out_button.setToolTip(self.tr("Ganti kasir / keluar: kembali ke layar masuk untuk kasir berikutnya"))
        self._sign_out_warned = False  # Ctrl+Q with the shift open warned once; a second Ctrl+Q signs out
        self.settings_dialog = None
        self.buttons = ButtonStrip(11)  # their type shrinks on a narrow window: the search keeps its room
        for button, action in ((self.shift_open_button, self.open_shift), (self.sign_out_button, self.sign_out),
                               (self.void_button, self.open_void),
                               (self.shift_close_button, self.cash_closing.close_shift),
                               (self.day_close_button, self.cash_closing.close_day), (self.help_button, self.toggle_help),
                               (self.settings_button, self.open_settings)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(action)
            self.buttons.add(button)
        search_bar.addWidget(self.buttons)

        # ---- results (left)
        self.results = CustomerResultsModel(self)
        self.results_view = ResultsView()  # the address takes the room, the name gives way (table_models)
        self.results_view.setModel(self.results)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setAlternatingRowColors(True)
        self.results_view.setWordWrap(False)
        self.results_view.setTabKeyNavigation(False)  # one Tab stop: Tab goes on to the bills
        colours = self.results_view.palette()  # the open customer's row stays marked while typing in the search
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            colours.setColor(QPalette.ColorGroup.Inactive, role, colours.color(QPalette.ColorGroup.Active, role))
        self.results_view.setPalette(colours)
        self.results_view.verticalHeader().hide()
        self.results_view.activated.connect(self._result_activated)
        self.results_view.selectionModel().currentRowChanged.connect(self._result_current_changed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_hint)
        left_layout.addWidget(self.results_view, 1)

        # ---- customer (right)
        self.banner = Banner()
        self.panel = CustomerPanel()
        self.panel.pay_requested.connect(self.start_payment)
        self.panel.relief_requested.connect(self.open_relief)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.panel, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._sized = False  # True once the cashier has moved the divider
        splitter.splitterMoved.connect(lambda *_moved: setattr(self, "_sized", True))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(search_bar)
        layout.addWidget(splitter, 1)
        self.content = central
        self.stack = QStackedWidget()  # the desk, or the lock screen in its place
        self.stack.addWidget(central)
        self.waiting = QWidget()  # before signing in: nothing of the desk shows
        self.waiting.setAutoFillBackground(True)
        palette = self.waiting.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKDROP))
        self.waiting.setPalette(palette)
        self.stack.addWidget(self.waiting)
        self.setCentralWidget(self.stack)
        # Tab: search field, results (one stop), bills, instalment terms (hidden ones are skipped)
        QWidget.setTabOrder(self.search, self.results_view)
        QWidget.setTabOrder(self.results_view, self.panel.table)
        QWidget.setTabOrder(self.panel.table, self.panel.plan_box.table)
        self.help = HelpOverlay(self)
        self.help.closed.connect(self.focus_search)

        # ---- status bar (its type a little smaller when all of it would not fit: nothing overlaps)
        self.setStatusBar(FittingStatusBar())
        bar = self.statusBar()
        self.busy_label = QLabel("")
        bar.addWidget(self.busy_label)
        self.place_label = QLabel(self.tr("Kantor {office} | Loket {counter}").format(office=desk.office_code, counter=desk.counter_code))
        self.user_label = QLabel()
        self.shift_label = QLabel(shift_text(None))
        self.date_label = QLabel()
        self.date_timer = QTimer(self)
        self.date_timer.setInterval(DATE_REFRESH_MS)
        self.date_timer.timeout.connect(self._show_date)
        self.date_timer.start()
        self._show_date()
        self.central_label = QLabel(self.tr("Pusat: belum tersambung"))
        self.central_label.setStyleSheet(f"color: {MUTED};")
        for widget in (self.place_label, self.user_label, self.shift_label, self.date_label, self.central_label):
            bar.addPermanentWidget(widget)
        self.printer = DeskPrinter(app, desk, self.runner, bar, self)
        self.printer.news.connect(self.banner.add_line)  # where the receipt (or F8's copy) went
        self.search.textEdited.connect(self.banner.clear_error)  # the next act: an old refusal goes
        self._busy_timer = QTimer(self)  # quick work shows nothing; slower work says so after a moment
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self.runner.busy_changed.connect(self._busy_changed)

        # ---- the lock (after idle time, or Ctrl+L): the status bar stays, the rest is hidden
        self.desk_lock = DeskLock(app, desk, self.runner, self, self.stack,
                                  idle_ms_from(app) if idle_lock_ms is None else idle_lock_ms)
        self.desk_lock.locked_changed.connect(self._locked_changed)
        self.desk_lock.locked_changed.connect(self.banner.clear_error)
        self._user_known = not sign_in  # no one's name in the status bar before someone signs in
        self._show_user()
        self.lock_button = QPushButton(QCoreApplication.translate("DeskLock", LOCK_HINT))
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search keeps the keyboard
        self.lock_button.setToolTip(self.tr("Kunci layar sekarang; hanya PIN pengguna ini yang dapat membukanya"))
        self.lock_button.clicked.connect(self.lock)
        bar.addPermanentWidget(self.lock_button)

        # ---- keys
        self._shortcuts = [
            QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.focus_search),
            QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.start_payment),
            QShortcut(QKeySequence(Qt.Key.Key_F8), self, self.printer.f8),
            QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.open_relief),
            QShortcut(QKeySequence(Qt.Key.Key_F7), self, self.open_void),
            QShortcut(QKeySequence("Ctrl+H"), self, self.open_history),
            QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.toggle_help),
            QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.open_settings),
            QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.cash_closing.close_day),
            QShortcut(QKeySequence(Qt.Key.Key_F12), self, self.cash_closing.close_shift),
            QShortcut(QKeySequence("Ctrl+E"), self, self.edit_customer),
            QShortcut(QKeySequence("Ctrl+K"), self, self.open_paper_receipts),
            QShortcut(QKeySequence("Ctrl+G"), self, self.open_collective),
            QShortcut(QKeySequence("Ctrl+B"), self, self.open_shift),
            QShortcut(QKeySequence("Ctrl+Q"), self, self.sign_out),
            QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.panel.step_months(1)),  # one month more
            QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.panel.step_months(-1)),  # one month less
        ]
        for keys, steps in (("Ctrl++", 1), ("Ctrl+=", 1), ("Ctrl+-", -1), ("Ctrl+0", 0)):
            self._shortcuts.append(QShortcut(QKeySequence(keys), self, lambda steps=steps: self.change_font(steps)))
        self.search.setFocus()
        self.runner.run(application.prepare_printing, tag="prepare-printing")
        if sign_in:
            self.stack.setCurrentWidget(self.waiting)
            self.desk_lock.pause(True)
            for shortcut in self._shortcuts:
                shortcut.setEnabled(False)
            for button in (self.search_button, self.void_button, self.help_button, self.settings_button, self.lock_button,
                           self.shift_open_button, self.sign_out_button):
                button.setEnabled(False)
        else:
            QTimer.singleShot(PREPARE_PAY_DIALOG_MS, self, self._build_next_pay_dialog)
            if shift is True:
                self._read_shift()
            elif isinstance(shift, ShiftView):
                self.set_shift(shift)

    def _show_date(self) -> None:
        self.date_label.setText(self.tr("Tanggal: {date}").format(date=f"{self.desk.today():%d-%m-%Y}"))

    # ---- who is at the desk: signing in, the shift -------------------------

    @property
    def takes_money(self) -> bool:
        """Whether the user may take payments (an admin may not: no shift, no BAYAR, no F5)."""
        return self.desk.role in DESK_ACTS["pay"]

    def _show_user(self) -> None:
        self.user_label.setVisible(self._user_known)
        self.settings_button.setVisible(self._user_known and self.desk.role in SETTINGS_ROLES)  # F10: not a cashier's
        self.panel.pay_button.setVisible(not self._user_known or self.takes_money)
        if not self._user_known:
            self.user_label.clear()
            return
        self.user_label.setText(self.tr("Kasir: {name}").format(name=self.desk.full_name or self.desk.username))
        self.user_label.setToolTip(self.tr("Pengguna {user} ({role})").format(user=self.desk.username, role=self.desk.role))

    def set_desk(self, desk: Desk) -> None:
        """The desk acts as `desk`'s user from now on (after signing in)."""
        self.desk = desk
        self.desk_lock.set_desk(desk)
        self.printer.desk = desk
        self._user_known = True
        self._show_user()

    def set_shift(self, shift: ShiftView | None) -> None:
        self.shift = shift
        self.shift_label.setText(shift_text(shift))
        self.shift_open_button.setVisible(shift is None and self.takes_money)  # Ctrl+B: only while none is open

    def _read_shift(self) -> None:
        app, desk = self.app, self.desk
        self.runner.run(lambda: shifts.current_shift(app.uow(), desk), self.set_shift, lambda _error: None,
                        tag="shift", quiet=True)

    def ask_sign_in(self) -> None:
        """The sign-in dialog, over the covered desk; Esc closes the program."""
        if self.signed_in or self.sign_in_dialog is not None:
            return
        dialog = SignInDialog(self.app, self.desk, self.runner, self)
        dialog.signed_in.connect(self._signed_in)
        dialog.rejected.connect(self.close)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.sign_in_dialog = dialog
        dialog.open()

    def _signed_in(self, desk: Desk) -> None:
        self.sign_in_dialog = None
        self.set_desk(desk)
        self.runner.run(lambda: shifts.current_shift(self.app.uow(), desk), self._shift_read,
                        lambda _error: self._shift_read(None), tag="shift")

    def _shift_read(self, shift: ShiftView | None) -> None:
        self.set_shift(shift)
        if shift is not None or not self.takes_money:  # no drawer to ask for when the user takes no money
            self._ready()
            return
        self._open_shift_dialog(self.set_shift, self._ready)

    def offer_shift(self) -> None:
        """Ask for a new shift's float (after a shift is closed)."""
        self._shift_read(None)

    def offer_shift_to_pay(self, reason: str = "") -> None:
        """F5 with no shift open: money goes into no drawer, so the payment waits
        for the shift. The shift dialog is offered; once it is opened the pay
        dialog follows, "Nanti saja" leaves the customer on screen unpaid."""
        if self.shift_dialog is not None:
            return
        self.banner.show_message(reason or self.tr(
            "Belum ada shift terbuka: buka shift dengan modal awal dulu, baru menerima pembayaran."), "error")

        def opened(shift: ShiftView) -> None:
            self.set_shift(shift)
            self.banner.hide()

        def finished() -> None:
            if self.shift is not None:
                self.start_payment()
            else:
                self.focus_search()

        self._open_shift_dialog(opened, finished)

    def _open_shift_dialog(self, opened, finished) -> None:  # noqa: ANN001 - callables
        """The float of a new shift: `opened` with it once opened, `finished` when the dialog is gone."""
        dialog = ShiftDialog(self.app, self.desk, self.runner, self)
        dialog.opened.connect(opened)

        def closed(_result: int) -> None:
            if self.shift_dialog is dialog:
                self.shift_dialog = None
            dialog.deleteLater()
            finished()

        dialog.finished.connect(closed)
        self.shift_dialog = dialog
        dialog.open()

    def _open_dialog(self, attr: str, dialog) -> None:  # noqa: ANN001 - one of the desk's dialogs
        """Open `dialog`, kept in `attr` while it is up; once it is gone the search has the keys."""
        setattr(self, attr, dialog)
        dialog.finished.connect(functools.partial(self._dialog_closed, attr, dialog))
        dialog.open()

    def _dialog_closed(self, attr: str, dialog, _result: int) -> None:  # noqa: ANN001
        if getattr(self, attr) is dialog:
            setattr(self, attr, None)
        dialog.deleteLater()
        self.focus_search()
        if attr == "pay_dialog":
            QTimer.singleShot(PREPARE_PAY_DIALOG_MS, self, self._build_next_pay_dialog)

    def _busy(self) -> bool:
        """Locked, no one signed in, or a dialog of the desk up: a key of another act does nothing."""
        return self.locked or not self.signed_in or any(dialog is not None for dialog in (
            self.shift_dialog, self.pay_dialog, self.relief_dialog, self.void_dialog, self.customer_dialog,
            self.paper_dialog, self.collective_dialog, self.history_dialog, self.settings_dialog,
            self.cash_closing.dialog))

    def open_shift(self) -> None:
        """Ctrl+B: open a shift now (after "Nanti saja", or after closing one)."""
        if self._busy():
            return
        if not self.takes_money:
            self._not_for_this_role()
            return
        if self.shift is not None:
            self.banner.show_message(self.tr("Shift sudah terbuka: modal {amount}. Tutup dengan F12.").format(
                amount=format_rupiah(self.shift.opening_float)), "info")
            return
        self.banner.hide()

        def opened(shift: ShiftView) -> None:
            self.set_shift(shift)
            self.banner.show_message(self.tr("Shift dibuka: modal {amount}.").format(
                amount=format_rupiah(shift.opening_float)), "ok")

        self._open_shift_dialog(opened, self.focus_search)

    def _not_for_this_role(self) -> None:
        """F5 or Ctrl+B from a user who takes no money: why, for a moment (no banner to outlive it)."""
        self.statusBar().showMessage(self.tr("Pengguna {user} tidak menerima pembayaran; shift dan BAYAR untuk kasir "
                                             "dan kepala unit.").format(user=self.desk.username), 4000)

    def sign_out(self) -> None:
        """Ctrl+Q (Ganti kasir / Keluar): cover the desk and ask who signs in next. A cashier whose
        shift is open is warned first (a second Ctrl+Q signs out): the shift stays open, theirs."""
        if self._busy():
            return
        if self.shift is not None and not self._sign_out_warned:
            self._sign_out_warned = True
            QTimer.singleShot(10_000, self, self._forget_sign_out_warning)  # dropped with the window
            self.banner.show_message(self.tr(
                "<b>Shift Anda masih terbuka</b> (modal {amount}). Selesai bekerja? Tutup dulu dengan F12. "
                "Tekan Ctrl+Q sekali lagi untuk keluar juga: shift tetap terbuka atas nama Anda, dan kasir lain "
                "tidak dapat membuka shift di loket ini sampai shift itu ditutup.").format(
                amount=format_rupiah(self.shift.opening_float)), "error")
            return
        self._sign_out_warned = False
        self.signed_in = False
        if self.help.isVisible():
            self.help.close_help()
        self._debounce.stop()
        self.clear_customer()
        self.results.clear()
        self.search.clear()
        self._hint("")
        self.banner.hide()
        self.last_payment = None
        self.set_shift(None)
        self._user_known = False  # the status bar names no one until the next sign-in
        self._show_user()
        self.stack.setCurrentWidget(self.waiting)
        self.desk_lock.pause(True)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        for button in (self.search_button, self.void_button, self.help_button, self.settings_button, self.lock_button,
                       self.shift_open_button, self.sign_out_button):
            button.setEnabled(False)
        self.ask_sign_in()
        if self.sign_in_dialog is not None:  # another cashier: their name replaces the last one's
            self.sign_in_dialog.username.setFocus()
            self.sign_in_dialog.username.selectAll()

    def _forget_sign_out_warning(self) -> None:
        self._sign_out_warned = False

    def _ready(self) -> None:
        """Signed in (and the shift asked for): the desk is open for work."""
        self.signed_in = True
        self.stack.setCurrentWidget(self.content)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        for button in (self.search_button, self.void_button, self.help_button, self.settings_button, self.lock_button,
                       self.shift_open_button, self.sign_out_button):
            button.setEnabled(True)
        self.desk_lock.pause(False)
        self.activateWindow()
        self.focus_search()
        QTimer.singleShot(PREPARE_PAY_DIALOG_MS, self, self._build_next_pay_dialog)

    # ---- busy, help, font size ----------------------------------------------

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            if not self._busy_timer.isActive() and not self.busy_label.text():
                self._busy_timer.start()
            return
        self._busy_timer.stop()
        if self.busy_label.text():
            self.busy_label.setText("")
            self.unsetCursor()

    def _show_busy(self) -> None:
        if self.runner.busy:
            self.busy_label.setText(self.tr(BUSY_TEXT))
            self.setCursor(Qt.CursorShape.BusyCursor)  # the desk still takes keys: only a hint

    def toggle_help(self) -> None:
        """F1: every key on one card; F1 or Esc closes it."""
        if self.help.isVisible():
            self.help.close_help()
        elif not self.locked and self.signed_in:
            self.help.open()

    def _size_results(self) -> None:
        """The results' rows and columns follow the text size (ResultsView.fit_columns)."""
        self.results_view.fit_columns()

    def change_font(self, steps: int) -> None:
        """Ctrl++ / Ctrl+- one step larger or smaller, Ctrl+0 normal; remembered."""
        scale = step_font_scale(steps)
        self._size_results()
        self._drop_next_pay_dialog()
        desk_settings().setValue(FONT_SCALE_KEY, scale)
        self.statusBar().showMessage(self.tr("Ukuran huruf {n}%").format(n=round(scale * 100)), 2000)

    # ---- voids ------------------------------------------------------------------

    def open_settings(self) -> None:
        """F10: the settings, for supervisors and admins."""
        if self.locked or not self.signed_in or self.settings_dialog is not None:
            return
        if self.desk.role not in SETTINGS_ROLES:  # no button for them; the key says why, for a moment
            self.statusBar().showMessage(self.tr("Pengaturan hanya untuk kepala unit atau admin."), 4000)
            return
        self.banner.clear_error()
        from counter.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.app, self.desk, self.runner, parent=self)
        self._open_dialog("settings_dialog", dialog)

    def open_void(self) -> None:
        """F7: void a receipt of today (the last one of this desk to start with)."""
        if self._busy():
            return
        last = self.last_payment.receipt_no if self.last_payment is not None else ""
        dialog = VoidDialog(self.app, self.desk, self.runner, last, self)
        dialog.voided.connect(self._voided)
        self._open_dialog("void_dialog", dialog)

    def _voided(self, done: Voided) -> None:
        if done.customer_number:  # their bills are owed again: show them (reloaded on the worker)
            self.open_customer(done.customer_number)
        self.banner.show_message(self.tr("<b>DIBATALKAN</b> &nbsp; {what}").format(what=describe(done)), "info")

    def open_history(self) -> None:
        """Ctrl+H: the payments of the customer on screen; Enter prints a copy of one."""
        quote = self.panel.quote
        if quote is None or self._busy():
            return
        from counter.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.app, self.desk, self.runner, quote.customer, self)
        self._open_dialog("history_dialog", dialog)

    def edit_customer(self) -> None:
        """Ctrl+E: correct the phone number and household size of the customer on screen."""
        quote = self.panel.quote
        if quote is None or self._busy():
            return
        dialog = CustomerDialog(self.app, self.desk, self.runner, quote.customer, self)
        dialog.saved.connect(self._customer_saved)
        self._open_dialog("customer_dialog", dialog)

    def _customer_saved(self, done) -> None:  # noqa: ANN001 - customer_details.DetailsChanged
        if done.changed:
            self.open_customer(done.customer)  # the panel shows the new figures and what they mean
            self.banner.show_message(self.tr("Data pelanggan {number} disimpan: telepon {phone}, {n} jiwa.").format(
                number=done.customer, phone=done.phone or "-", n=done.household_size), "ok")
        else:
            self.banner.show_message(self.tr("Tidak ada yang berubah."), "info")

    def open_paper_receipts(self) -> None:
        """Ctrl+K: enter a book of paper receipts written during an outage."""
        if self._busy():
            return
        from counter.ui.paper_dialog import PaperDialog

        central = self.sync.central if self.sync is not None else None
        dialog = PaperDialog(self.app, self.desk, self.runner, central, self)
        dialog.entered.connect(self._paper_entered)
        self._open_dialog("paper_dialog", dialog)

    def _paper_entered(self, done) -> None:  # noqa: ANN001 - application.PaperBook
        book = done.entered
        text = self.tr("<b>{n} kuitansi manual dicatat</b> &nbsp; {amount}, disetujui {approver}; uangnya masuk "
                       "shift ini.").format(n=len(book.entries), amount=format_rupiah(book.total),
                                            approver=book.approved_by)
        if book.late:
            text += " " + self.tr("{n} bertanggal hari yang sudah ditutup: masuk bagian terlambat laporan hari "
                                  "itu.").format(n=len(book.late))
        if done.print_errors:
            text += " " + self.tr("Struk gagal dicetak: {errors}").format(errors="; ".join(done.print_errors))
        self.banner.show_message(text, "ok")
        if self.sync is not None:
            self.sync.wake()  # the payments leave for central now

    def open_collective(self) -> None:
        """Ctrl+G: many connections paid with one tender (kolektif)."""
        if self._busy():
            return
        if self.shift is None and not self.runner.is_running("shift"):  # no drawer: before any cash is typed
            self.offer_shift_to_pay()
            return
        from counter.ui.collective_dialog import CollectiveDialog

        central = self.sync.central if self.sync is not None else None
        dialog = CollectiveDialog(self.app, self.desk, self.runner, central, self)
        dialog.paid.connect(self._collective_paid)
        self._open_dialog("collective_dialog", dialog)

    def _collective_paid(self, done) -> None:  # noqa: ANN001 - application.Collected
        paid = done.paid
        text = self.tr("<b>LUNAS KOLEKTIF</b> &nbsp; No. bukti <b>{number}</b> &nbsp; {payer}{n} sambungan, {method}: "
                       "total <b>{total}</b>, diterima {tendered}").format(
            number=paid.collective_no, payer=f"{paid.label}, " if paid.label else "", n=len(paid.payments),
            method=method_label(paid.method), total=format_rupiah(paid.total), tendered=format_rupiah(paid.tendered))
        if done.print_errors or (done.summary is not None and done.summary.status == "failed"):
            from counter.services.collective_receipts import said

            failures = list(done.print_errors) + ([said(done.summary)] if done.summary is not None
                                                  and done.summary.status == "failed" else [])
            text += "<br>" + self.tr("Gagal dicetak: {errors}").format(errors="; ".join(failures))
        if paid.method == "cash":
            text += ("<br><span style='font-size:26pt; font-weight:bold'>"
                     + self.tr("KEMBALIAN {amount}").format(amount=format_rupiah(paid.change)) + "</span>")
        self.banner.show_message(text, "ok")
        self.clear_customer()  # a connection on screen may be among those just paid
        if self.sync is not None:
            self.sync.wake()  # the payments leave for central now

    # ---- central ----------------------------------------------------------

    def attach_sync(self, sync: DeskSync) -> None:
        """Use `sync` for refreshing customers, waking after payments and the
        status bar; it stops when the window closes."""
        self.sync = sync
        sync.setParent(self)
        sync.status_changed.connect(self._show_central_status)
        self.printer.settled.connect(sync.wake)  # a payment's receipt is done: the payment leaves for central now

    def _show_central_status(self, _status: SyncStatus) -> None:
        line = self.sync.line() if self.sync is not None else None
        if line is None:
            return
        background, text, border = LEVEL_COLOURS[line.level]
        self.central_label.setText(line.text)
        self.central_label.setToolTip(line.tooltip)
        self.central_label.setAccessibleName(line.text)
        self.central_label.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border: 1px solid {border};"
            " border-radius: 3px; padding: 1px 8px; font-weight: bold; }"
        )

    # ---- the lock ---------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.desk_lock.locked

    def lock(self) -> None:
        """Ctrl+L (or the status bar's button): lock the desk now."""
        self.desk_lock.lock()

    def _locked_changed(self, locked: bool) -> None:
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not locked)
        self.lock_button.setVisible(not locked)  # (the status bar's other buttons ignore clicks while locked)
        if locked:
            return
        self.focus_search()
        if self._pay_after_unlock:
            self._pay_after_unlock = False
            self.start_payment()

    # ---- search -----------------------------------------------------------

    def focus_search(self) -> None:
        if self.locked:  # back to the search field once the desk is open again
            return
        if not self.isActiveWindow() and self.pay_dialog is None:
            self.activateWindow()  # back from a dialog: some window managers leave no window active
        self.search.setFocus()
        self.search.selectAll()

    def focus_results(self) -> None:
        if self.results.rowCount():
            self.results_view.setFocus()
            if not self.results_view.currentIndex().isValid():
                self.results_view.setCurrentIndex(self.results.index(0, 0))

    def _search_edited(self, text: str) -> None:
        self._open_on_results = False
        self._pay_when_loaded = False
        if not text.strip():
            self._debounce.stop()
            self.runner.cancel("search")  # a search still on its way no longer matters
            self.results.clear()
            self._hint("")
            return
        self._debounce.start()

    def _search_typed(self) -> None:
        self._search(self.search.text(), open_single=False)

    def search_now(self) -> None:
        """Enter (or the Cari button): search at once; one exact match opens."""
        self._debounce.stop()
        text = self.search.text()
        if not text.strip():
            self.focus_search()
            return
        self._search(text, open_single=True)

    def _search(self, text: str, open_single: bool) -> None:
        self._open_on_results = open_single
        self._hint(self.tr("Mencari ..."))
        self.runner.read(
            lambda session: lookup.find_customers(session, text, limit=SEARCH_LIMIT),
            functools.partial(self._show_results, text),
            self._search_failed,
            tag="search",
        )

    def _show_results(self, text: str, found: list[CustomerSummary]) -> None:
        self.results.set_results(found)
        self.results_view.scrollToTop()
        if not found:
            self._hint(self.tr("Tidak ada pelanggan yang cocok dengan \"{text}\".").format(text=text.strip()), SHORTFALL)
        else:
            more = self.tr(" (lebih banyak: perjelas pencarian)") if len(found) >= SEARCH_LIMIT else ""
            self._hint(self.tr("{n} pelanggan").format(n=len(found)) + more)
        open_single, self._open_on_results = self._open_on_results, False
        if not open_single or not found:
            self._pay_when_loaded = False
            return
        exact = {s.id: s for s in found if s.matched_by != "text"}
        if len(exact) == 1 or len(found) == 1:
            chosen = next(iter(exact.values())) if len(exact) == 1 else found[0]
            self._select_result(found.index(chosen))
            self.open_customer(chosen.number)
            self.search.selectAll()  # the next scan replaces the text
        else:
            self._pay_when_loaded = False  # several matches: the cashier must choose first
            self.focus_results()

    def _search_failed(self, error: CounterError) -> None:
        self._open_on_results = False
        self._pay_when_loaded = False
        self.results.clear()
        self._hint(str(error), SHORTFALL)

    def _hint(self, text: str, colour: str = MUTED) -> None:
        self.search_hint.setText(text)
        self.search_hint.setStyleSheet(f"color: {colour};")

    def _select_result(self, row: int) -> None:
        """Make `row` the results' current, highlighted row, in sight, without opening it
        again (the caller opens it). The view hears of it (no blocked signals), so it paints it."""
        index = self.results.index(row, 0)
        self._selecting_result = True
        try:
            self.results_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._selecting_result = False
        self.results_view.scrollTo(index)

    def _result_activated(self, index: QModelIndex) -> None:
        if index.isValid():  # Enter / double-click: usually already loaded by moving onto the row
            self.open_customer(self.results.customer(index.row()).number, reload=False)
            self.focus_search()

    def _result_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting_result:
            self.open_customer(self.results.customer(current.row()).number)

    # ---- the customer -----------------------------------------------------

    def open_customer(self, number: str, *, reload: bool = True) -> None:
        """Load what `number` owes today (on the worker) and show it; opening the
        customer on screen again reloads it (fines, bills paid elsewhere)."""
        shown = self.panel.quote is not None and self.panel.quote.customer.number == number
        if not reload and (shown or self.runner.is_running("customer")):
            return
        self.banner.hide()
        self.panel.show_loading(number)
        today, app = self.desk.today(), self.app
        central = self.sync.central if self.sync is not None else None

        def load() -> application.Quoted:  # on the worker: central's bills first (application.refresh_then_quote)
            return application.refresh_then_quote(app, number, today, central)

        self.runner.run(load, self._show_quote, self._customer_failed, tag="customer")

    def _show_quote(self, loaded: application.Quoted) -> None:
        self.panel.show_quote(loaded.quote, from_central=loaded.from_central, charges=loaded.charges)
        if self._choose_when_loaded is not None:
            self.panel.choose(*self._choose_when_loaded)
            self._choose_when_loaded = None
        if self._pay_when_loaded:
            self._pay_when_loaded = False
            self.start_payment()

    def _customer_failed(self, error: CounterError) -> None:
        self._pay_when_loaded = False
        self._choose_when_loaded = None
        self.panel.clear(str(error))

    def clear_customer(self) -> None:
        self.runner.cancel("customer")  # a load on its way no longer matters
        self.panel.clear()

    # ---- paying -----------------------------------------------------------

    def start_payment(self) -> None:
        """F5: open the pay dialog for the checked bills. Pressed right after a
        scan, it waits for that customer (never pays the one still on screen)."""
        if (self.pay_dialog is not None or self.relief_dialog is not None or self.void_dialog is not None
                or self.shift_dialog is not None):
            return
        if self.locked:  # the customer loaded behind the lock: the pay dialog opens once it is open
            self._pay_after_unlock = True
            return
        if self.runner.is_running("customer") or (self._open_on_results and self.runner.is_running("search")):
            self._pay_when_loaded = True
            return
        self._pay_when_loaded = False
        if self.signed_in and not self.takes_money:
            self._not_for_this_role()
            return
        self.banner.clear_error()  # the next act starts
        paying = self.panel.paying()
        if paying is None and self.panel.charges_alone():
            paying = self.panel.quote.oldest(0, 0)  # other charges alone, chosen in the dialog
        if paying is None:
            return
        if self.shift is None and not self.runner.is_running("shift"):  # no drawer: before any cash is typed
            self.offer_shift_to_pay()
            return
        if self.runner.is_running("shift-check"):
            return
        # the shift as the store has it now (closed at another desk, or still being read): before any cash is typed
        app, desk = self.app, self.desk
        self.runner.run(lambda: shifts.current_shift(app.uow(), desk), self._shift_checked,
                        lambda _error: self._shift_checked(self.shift), tag="shift-check")

    def _shift_checked(self, shift: ShiftView | None) -> None:
        """F5's look at the shift: none open, the shift dialog first; open, the pay dialog."""
        self.set_shift(shift)
        if (self.pay_dialog is not None or self.relief_dialog is not None or self.void_dialog is not None
                or self.shift_dialog is not None or not self.signed_in):
            return
        if self.locked:
            self._pay_after_unlock = True
            return
        if self.runner.is_running("customer"):  # another customer on its way meanwhile: pay once it is shown
            self._pay_when_loaded = True
            return
        if shift is None:
            self.offer_shift_to_pay()
            return
        paying = self.panel.paying()
        if paying is None and self.panel.charges_alone():
            paying = self.panel.quote.oldest(0, 0)
        if paying is None:
            return
        # credit only as central reported it just now, on opening the customer (services/credit)
        credit = paying.customer.credit if self.panel.from_central else 0
        dialog, self._next_pay_dialog = self._next_pay_dialog or PayDialog(parent=self), None
        dialog.load(paying, credit=credit, rounding_unit=self.app.config.payment.cash_rounding,
                    charges=self.panel.offered_charges, unseal=self._unseal_offered(paying))
        dialog.confirmed.connect(functools.partial(self._pay, dialog))
        self._open_dialog("pay_dialog", dialog)

    def _build_next_pay_dialog(self) -> None:
        """The next pay dialog, built while no one waits for it (the cashier handing over
        the change): F5 then only loads it, and the keys wait for no widgets being made."""
        if self._next_pay_dialog is not None or not self.takes_money:
            return
        if not self.runner.idle:  # the worker computing meanwhile would make the building stutter
            QTimer.singleShot(PREPARE_PAY_DIALOG_MS, self, self._build_next_pay_dialog)
            return
        self._next_pay_dialog = PayDialog(parent=self)

    def _drop_next_pay_dialog(self) -> None:
        """Built at another text size: made again when next wanted."""
        if self._next_pay_dialog is not None:
            self._next_pay_dialog.deleteLater()
            self._next_pay_dialog = None

    def _unseal_offered(self, paying: Quote) -> bool:
        """A sealed customer paying all they owe (every bill and open term) is offered the unseal order."""
        quote = self.panel.quote
        open_terms = quote.plan.open_terms if quote.plan else ()
        return (quote.customer.status == "sealed" and bool(paying.bills or paying.terms)
                and len(paying.bills) == len(quote.bills) and len(paying.terms) == len(open_terms))

    def _pay(self, dialog: PayDialog, request: PayRequest) -> None:
        desk, app = self.desk, self.app
        number, due = dialog.paying.customer.number, dialog.due
        periods = [b.period for b in dialog.paying.bills]
        terms = [t.seq for t in dialog.paying.terms]
        self.runner.run(
            lambda: application.take_payment(app, desk, number, periods, request.method, request.tendered,
                                             request.reference, expected_total=due, terms=terms,
                                             use_credit=request.credit, charges=request.charges,
                                             unseal=request.unseal),
            functools.partial(self._paid, dialog),
            functools.partial(self._pay_failed, dialog),
        )

    def _pay_failed(self, dialog: PayDialog, error: CounterError) -> None:
        """A refusal may mean the bills changed since they were shown (a bill was
        corrected, a fine fell due, a month was paid elsewhere): read them again
        before deciding whether the dialog, and what was typed in it, can stay."""
        if isinstance(error, NoShift):  # the shift was closed meanwhile (another desk, F12)
            dialog.withdraw()
            self.set_shift(None)
            self.offer_shift_to_pay(str(error))
            return
        if not isinstance(error, (PaymentRefused, BillSelectionError)):
            dialog.failed(error)
            return
        number, today = dialog.paying.customer.number, self.desk.today()
        codes, unseal = dialog.chosen_codes, dialog.unseal.isChecked()

        def reread(session) -> tuple[Quote, tuple]:  # noqa: ANN001
            """The bills with the chosen charges as the payment prices them, and the charges offered."""
            from counter.services.charges import offered, priced
            from counter.services.lookup import customer_by_number

            customer = customer_by_number(session, number)
            return (billing.quote_customer(session, customer, today).with_charges(
                priced(session, customer, codes, today, unseal)), offered(session, customer, today))

        self.runner.read(
            reread,
            functools.partial(self._recheck_after_refusal, dialog, error),
            lambda _reload_error: dialog.failed(error),
        )

    def _recheck_after_refusal(self, dialog: PayDialog, error: CounterError, reread: tuple[Quote, tuple]) -> None:
        fresh, charges = reread
        shown = dialog.paying
        count, terms = len(shown.bills), len(shown.terms)
        if fresh.oldest(count, terms) == shown:  # the same bills, terms and charges: the refusal is about what was typed
            dialog.failed(error)
            return
        dialog.withdraw()
        fresh = fresh.with_charges(())  # the panel shows bills and terms; the dialog offers the charges again
        self.panel.show_quote(fresh, from_central=self.panel.from_central, charges=charges)  # the new amounts
        if [b.period for b in fresh.bills[:count]] == [b.period for b in shown.bills]:
            self.panel.bills.set_selected_count(count)  # the same months as before
        if fresh.plan and [t.seq for t in fresh.plan.open_terms[:terms]] == [t.seq for t in shown.terms]:
            self.panel.terms.set_selected_count(terms)  # and the same instalments
        QMessageBox.warning(self, QCoreApplication.translate("PayDialog", TITLE_FAILED), str(error))
        self.focus_search()  # F5 pays again, at the new total

    def _paid(self, dialog: PayDialog, result: PaymentResult) -> None:
        self.last_payment = result
        dialog.succeeded()
        # on the worker; a failure never undoes the payment. The sync is woken when
        # the receipt is done, not now: two threads computing at once would make
        # the desk stutter (docs/benchmarks.md)
        self.printer.print_receipt(result.receipt_no)
        method = method_label(result.method)
        change = ("<br><span style='font-size:26pt; font-weight:bold'>"
                  + self.tr("KEMBALIAN {amount}").format(amount=format_rupiah(result.change)) + "</span>"
                  if result.method == "cash" else "")
        self.banner.show_message(
            self.tr("<b>LUNAS</b> &nbsp; No. struk <b>{receipt}</b> &nbsp; {number} {name}<br>{paying}, {method}: "
                    "total <b>{total}</b>, diterima {tendered}").format(
                receipt=result.receipt_no, number=result.quote.customer.number, name=result.quote.customer.name,
                paying=paying_text(result.quote), method=method, total=format_rupiah(result.total),
                tendered=format_rupiah(result.tendered))
            + (self.tr(", kredit dipakai {credit}").format(credit=format_rupiah(result.credit_used))
               if result.credit_used else "") + change,
            "ok",
        )
        self.clear_customer()
        self.results.clear()
        self.search.clear()
        self._hint("")
        self.focus_search()
        if result.work_order_no:
            self._write_work_order(result.work_order_no)

    def _write_work_order(self, order_no: str) -> None:
        """The down payment earned an unseal work order: its PDF for the field
        team, after the payment (a failure here never undoes the payment)."""
        app = self.app
        self.runner.run(
            lambda: application.write_work_order(app, order_no),
            lambda path: self._add_to_banner(
                self.tr("SPK buka segel <b>{order}</b> dibuat: <b>{path}</b>").format(order=order_no, path=path)),
            lambda error: self._add_to_banner(
                self.tr("SPK buka segel {order} gagal disimpan: {error}").format(order=order_no, error=error)),
        )

    def _add_to_banner(self, html: str) -> None:
        self.banner.show_message(f"{self.banner.text()}<br>{html}" if self.banner.isVisible() else html, "ok")

    # ---- relief and instalment plans -------------------------------------

    def open_relief(self) -> None:
        """F9: relief programmes and instalment plans for the customer on screen."""
        quote = self.panel.quote
        if (quote is None or self.pay_dialog is not None or self.relief_dialog is not None or self.locked
                or self.void_dialog is not None):
            return
        dialog = ReliefDialog(self.app, self.desk, self.runner, quote, self)
        dialog.plan_made.connect(self._plan_made)
        dialog.take_down_payment.connect(self._take_down_payment)
        dialog.finished.connect(functools.partial(self._relief_closed, dialog))
        self.relief_dialog = dialog
        dialog.open()

    def _plan_made(self, made, message: str) -> None:  # noqa: ANN001 - plans.PlanMade
        self.open_customer(made.offer.customer.number)  # its bills now stand in the plan, its terms are open
        self.banner.show_message(self.tr("Rencana angsuran <b>{plan}</b> dibuat untuk {number} {name}.").format(
            plan=made.plan_no, number=made.offer.customer.number, name=made.offer.customer.name)
            + f"<br>{message}", "ok")

    def _take_down_payment(self, number: str) -> None:
        """Pay the new plan's down payment alone: once the relief dialog has closed
        (see _relief_closed), or once the reloading customer is shown."""
        loaded = self.panel.quote is not None and self.panel.quote.customer.number == number
        if loaded and not self.runner.is_running("customer"):
            self.panel.choose(0, 1)
        else:
            self._choose_when_loaded = (0, 1)
        self._pay_when_loaded = True

    def _relief_closed(self, dialog: ReliefDialog, _result: int) -> None:
        if self.relief_dialog is dialog:
            self.relief_dialog = None
        dialog.deleteLater()
        if self._pay_when_loaded and not self.runner.is_running("customer"):
            self.start_payment()  # the plan's customer is loaded: the down payment, now
        else:
            self.focus_search()

    # ---- window -----------------------------------------------------------

    def show_desk(self) -> None:
        """Open as the cashier left it (the place and size remembered), else maximised."""
        if self.remembered:
            self.show()
        else:
            self.showMaximized()

    RESULTS_SHARE = 50  # % of the width for the results, the rest for the customer

    def _split(self) -> None:
        """50 % results, 50 % customer, at every size of the window until the cashier moves the divider."""
        if not self._sized:
            width = self.splitter.width()
            self.splitter.setSizes([width * self.RESULTS_SHARE // 100, width - width * self.RESULTS_SHARE // 100])

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        QTimer.singleShot(0, self._split)  # once the splitter has its new width

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        super().showEvent(event)
        if not self.signed_in:
            QTimer.singleShot(0, self.ask_sign_in)
        self._split()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._debounce.stop()
        self.date_timer.stop()
        self._busy_timer.stop()
        desk_settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.desk_lock.stop()
        if self.sync is not None:
            self.sync.stop()  # the sync worker ends its cycle
        self.runner.shutdown()  # a payment being written finishes first
        super().closeEvent(event)
