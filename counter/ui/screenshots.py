"""`counter gui --screenshot DIR`: the desk's main screens as PNG files, made on
the demo utility at 1366x768 (works with QT_QPA_PLATFORM=offscreen).

The desk is driven as a cashier would: sign in (kasir1, the demo PIN), open
the shift (Rp 500.000, when none is open yet), search, open a customer with
several months owed, the pay dialog with an amount typed, the relief dialog
with its preview, the lock screen, the F1 help and the void dialog. Nothing is
paid, no plan is made. It all happens on a scratch copy of the store (and of
the embedded central), deleted afterwards: the sign-in and the shift the
pictures open never reach the store `--data-dir` names, nor a real central
(with a central address set, the copy is not synced). An empty store is
filled with the demo in the copy only. In the copy, the user's shift left
open at the counter is closed first, and today's office day signed off
already is opened again, so the pictures can be made on any day.

sign-in.png, shift.png, desk.png, pay.png, relief.png, lock.png, help.png, void.png,
shift-close.png, day-close.png
"""

from __future__ import annotations

import dataclasses
import logging
import math
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget

from counter.errors import CounterError
from counter.services import billing, lookup, shifts
from counter.services.demo import DEMO_PIN, reopen_day_in_scratch_copy
from counter.ui.main_window import MainWindow
from counter.ui.shift_dialog import ShiftDialog
from counter.ui.tasks import TaskRunner, run_and_wait

log = logging.getLogger(__name__)

SIZE = (1366, 768)
SCREENS = ("sign-in", "shift", "desk", "pay", "relief", "lock", "help", "void", "shift-close", "day-close")
SEARCHES = ("ndun", "manafe", "fanggidae", "tefa", "bessie", "nope", "foeh", "lay")  # Kupang surnames
TITLE_BAR = 30


class ScreenshotFailed(CounterError):
    pass


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise ScreenshotFailed(f"Tangkapan layar gagal: {what} tidak muncul dalam {timeout:.0f} detik.")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    settle()


def settle() -> None:
    for _ in range(30):  # layouts and paints
        QCoreApplication.processEvents()


def with_dialog(window: QWidget, dialog: QDialog) -> QPixmap:
    """The window with `dialog` over its middle, with a plain title bar (the
    offscreen platform draws no window frames)."""
    picture = window.grab()
    inside = dialog.grab()
    width, height = inside.width(), inside.height() + TITLE_BAR
    x = (picture.width() - width) // 2
    y = max(0, (picture.height() - height) // 2)
    painter = QPainter(picture)
    painter.fillRect(QRect(x + 4, y + 4, width, height), QColor(0, 0, 0, 60))  # a soft shadow
    painter.fillRect(QRect(x, y, width, TITLE_BAR), QColor("#37474f"))
    painter.setPen(QColor("#ffffff"))
    title_font = dialog.font()
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.drawText(QRect(x + 12, y, width - 24, TITLE_BAR), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle())
    painter.drawPixmap(QPoint(x, y + TITLE_BAR), inside)
    painter.setPen(QPen(QColor("#37474f"), 1))
    painter.drawRect(QRect(x, y, width - 1, height - 1))
    painter.end()
    return picture


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []

    def save(self, name: str, picture: QPixmap) -> None:
        path = self.out / f"{name}.png"
        if not picture.save(str(path), "PNG"):
            raise ScreenshotFailed(f"Tidak dapat menyimpan {path}.")
        self.saved.append(path)


def pick_customer(app, today) -> tuple[str, str]:  # noqa: ANN001 - on the worker
    """A search with several results and, among them, an active customer who owes
    three to eight months (else the one who owes most): (search, number)."""
    best: tuple[int, str, str] | None = None
    with app.uow() as uow:
        for search in SEARCHES:
            for summary in lookup.find_customers(uow.session, search, limit=50):
                count = len(billing.quote(uow.session, summary.number, today).bills)
                if summary.status == "active" and 3 <= count <= 8:
                    return search, summary.number
                if best is None or count > best[0]:
                    best = (count, search, summary.number)
    if best is None:
        raise ScreenshotFailed("Tidak ada pelanggan di data demo.")
    return best[1], best[2]


def scratch_copy(app, folder: Path):  # noqa: ANN001, ANN201 - counter.bootstrap.App
    """`app` on a copy of its store and embedded central in `folder`: what the
    pictures write (signing in, the shift) stays in the copy. SQLite's backup
    copies a consistent store even with its -wal beside it."""
    from counter.bootstrap import App

    source = app.config.store.data_dir
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in ("counter.sqlite", "central.sqlite"):
        path = source / name
        if path.exists() and path.stat().st_size:
            reading = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            writing = sqlite3.connect(folder / name)
            try:
                reading.backup(writing)
            finally:
                writing.close()
                reading.close()
    config = app.config
    return App(dataclasses.replace(config, store=dataclasses.replace(config.store, data_dir=folder)))


def close_stale_shift(app, desk) -> None:  # noqa: ANN001 - on the worker, in the copy only
    """The desk user's shift left open at the counter (today's, or another
    day's) would keep the shift screen from showing: closed in the copy (its
    drawer counted empty, said why)."""
    left = shifts.open_shift_now(app.uow(), desk)
    if left is not None and left.cashier == desk.username:
        shifts.close_shift(app.uow(), desk, {}, "Ditutup untuk tangkapan layar", variance_limit=10**13)


def reopen_closed_day(app, desk) -> None:  # noqa: ANN001 - on the worker, in the copy only
    """Today's office day signed off already would keep the shift from opening: in the copy
    its sign-off and deposit are taken away, so the pictures are made on any day."""
    reopen_day_in_scratch_copy(app.uow(), desk.office_id, desk.today())


def take(app, out: Path, runner: TaskRunner | None = None) -> list[Path]:  # noqa: ANN001, C901
    """Make every screen's PNG in `out`, working on `app`'s store itself (see
    `run_screenshots` for the copy); the paths saved."""
    from counter.ui.app import create_demo_with_progress, start_sync

    out.mkdir(parents=True, exist_ok=True)
    runner = runner or TaskRunner(app)
    create_demo_with_progress(app, runner)
    desk = run_and_wait(runner, app.desk)
    run_and_wait(runner, lambda: reopen_closed_day(app, desk))
    run_and_wait(runner, lambda: close_stale_shift(app, desk))
    shooter = Shooter(out)
    window = MainWindow(app, desk, runner, sign_in=True, idle_lock_ms=0)
    window.resize(*SIZE)
    window.show()
    # as `counter gui` does: customers come fresh from central (the embedded one; never a real central)
    sync = start_sync(app, window) if app.is_embedded else None
    try:
        # ---- sign in
        wait_until(lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(), "jendela masuk")
        sign_in = window.sign_in_dialog
        QTest.keyClicks(sign_in.pin, DEMO_PIN)
        settle()
        shooter.save("sign-in", with_dialog(window, sign_in))
        sign_in.confirm()

        # ---- the shift (a picture of the dialog even when one is open already)
        wait_until(lambda: window.shift_dialog is not None or window.signed_in, "jendela shift")
        shift = window.shift_dialog
        if shift is not None:
            QTest.keyClicks(shift.amount, "500000")
            settle()
            shooter.save("shift", with_dialog(window, shift))
            shift.confirm()
            wait_until(lambda: window.signed_in or (shift.error.isVisible() and not shift.submitting), "shift")
            if not window.signed_in:  # e.g. the office day is closed already
                raise ScreenshotFailed(f"Shift tidak bisa dibuka: {shift.error.text()}")
        else:
            shown = ShiftDialog(app, window.desk, runner, window)
            shown.open()
            QTest.keyClicks(shown.amount, "500000")
            settle()
            shooter.save("shift", with_dialog(window, shown))
            shown.reject()
            shown.deleteLater()
        wait_until(lambda: window.signed_in, "meja kasir")
        try:  # the status bar's link to central, when it answers (else the desk says it works offline)
            wait_until(lambda: window.central_label.text().startswith("Pusat: ONLINE"), "pusat", timeout=20)
        except ScreenshotFailed:
            log.warning("central did not answer; the pictures show the desk offline")

        # ---- the desk: results on the left, a customer with several months on the right
        search, number = run_and_wait(runner, lambda: pick_customer(app, window.desk.today()))
        window.search.setText(search)
        window.search_now()
        wait_until(lambda: window.results.rowCount() > 0 and not runner.is_running("search"), "hasil pencarian")
        rows = [window.results.customer(r).number for r in range(window.results.rowCount())]
        if number in rows:
            window._select_result(rows.index(number))  # noqa: SLF001 - as the arrow keys would
        window.open_customer(number)
        wait_until(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number
                   and not runner.busy, "pelanggan")
        window.search.setFocus()
        settle()
        shooter.save("desk", window.grab())

        # ---- the pay dialog with the cash typed
        window.start_payment()
        wait_until(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), "jendela bayar")
        pay = window.pay_dialog
        tendered = math.ceil((pay.due + 1) / 50_000) * 50_000
        QTest.keyClicks(pay.tendered, str(tendered))
        settle()
        shooter.save("pay", with_dialog(window, pay))
        pay.reject()
        wait_until(lambda: window.pay_dialog is None, "menutup jendela bayar")

        # ---- relief and instalments, with the preview
        window.open_relief()
        wait_until(lambda: window.relief_dialog is not None and window.relief_dialog.isVisible(), "keringanan")
        relief = window.relief_dialog
        wait_until(lambda: relief.offer is not None and not runner.busy, "pratinjau keringanan")
        shooter.save("relief", with_dialog(window, relief))
        relief.reject()
        wait_until(lambda: window.relief_dialog is None, "menutup keringanan")

        # ---- the lock screen, opened again with the PIN
        window.lock()
        wait_until(lambda: window.locked, "layar terkunci")
        shooter.save("lock", window.grab())
        screen = window.desk_lock.screen
        screen.pin.setText(DEMO_PIN)
        screen.submit()
        wait_until(lambda: not window.locked, "membuka kunci")

        # ---- F1 help
        window.toggle_help()
        wait_until(lambda: window.help.isVisible(), "bantuan")
        shooter.save("help", window.grab())
        window.toggle_help()

        # ---- voiding a receipt (nothing is voided: the dialog only)
        window.open_void()
        wait_until(lambda: window.void_dialog is not None and window.void_dialog.isVisible() and not runner.busy,
                   "jendela pembatalan")
        void = window.void_dialog
        QTest.keyClicks(void.reason, "Salah pelanggan, uang dikembalikan")
        settle()
        shooter.save("void", with_dialog(window, void))
        void.reject()
        settle()

        # ---- closing the shift (F12) with part of the drawer counted, then the office day (F11)
        window.cash_closing.close_shift()
        wait_until(lambda: window.cash_closing.dialog is not None and not runner.busy, "tutup shift")
        counting = window.cash_closing.dialog
        counting.pieces["100000"].setValue(5)
        counting.pieces["20000"].setValue(3)
        settle()
        shooter.save("shift-close", with_dialog(window, counting))
        counting.reject()
        wait_until(lambda: window.cash_closing.dialog is None, "menutup tutup shift")
        window.cash_closing.close_day()
        wait_until(lambda: window.cash_closing.dialog is not None and not runner.busy, "tutup hari")
        closing = window.cash_closing.dialog
        settle()
        shooter.save("day-close", with_dialog(window, closing))
        closing.reject()
        settle()
    finally:
        if sync is not None:
            sync.stop()
        window.close()
        runner.wait()
        if shiboken6.isValid(window):
            shiboken6.delete(window)
    return shooter.saved


def run_screenshots(app, out: Path) -> int:  # noqa: ANN001 - counter.bootstrap.App
    """`counter gui --screenshot DIR`: the exit code (0: every picture saved).
    The pictures are made on a scratch copy of the store, deleted afterwards."""
    from counter.ui.app import _application

    scratch = Path(tempfile.mkdtemp(prefix="counter-screens-"))
    try:
        # what the desk remembers (window, font size) is neither read nor changed by the pictures
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
        _application(app.config.desk.language)
        copy = None
        try:
            copy = scratch_copy(app, scratch / "data")
            saved = take(copy, Path(out))
        except CounterError as error:
            print(f"Gagal: {error}", file=sys.stderr)
            return 2
        finally:
            if copy is not None:
                copy.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for path in saved:
        print(path)
    return 0
