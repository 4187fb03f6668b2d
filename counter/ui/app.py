"""Starting the desk: the QApplication, demo data on first run, the main window,
then the background sync with central."""

from __future__ import annotations

import gc
import logging
import sys
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTranslator, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from counter.errors import CounterError
from counter.services import demo as demo_service
from counter.sync.pull import pull_all
from counter.ui.main_window import MainWindow
from counter.ui.sync import STATUS_REFRESH_MS, DeskSync
from counter.ui.garbage import collect_on_gui_thread
from counter.ui.tasks import TaskRunner, run_and_wait

log = logging.getLogger(__name__)

EXIT_CANNOT_START = 2
DEMO_CUSTOMERS = 20_000
GIL_SWITCH_S = 0.001  # see _application


class _Progress(QObject):
    """Carries the demo generator's progress from the worker to the GUI thread."""

    step = Signal(int)

    def __init__(self, dialog: QProgressDialog, total: int) -> None:
        super().__init__()
        self.dialog = dialog
        self.total = total
        self.step.connect(self._show)  # queued: emitted on the worker, shown here

    @Slot(int)
    def _show(self, done: int) -> None:
        if self.dialog.maximum() == 0:  # busy indicator until the first chunk is in
            self.dialog.setRange(0, self.total)
        self.dialog.setValue(done)


TRANSLATIONS = Path(__file__).parent / "translations"  # counter_en.qm, compiled from resources/translations


def install_language(qapp: QApplication, language: str) -> bool:
    """Show the desk in `language` ("id": the source texts; "en": counter_en.qm).
    Returns whether a translation is in use; a missing file leaves Indonesian."""
    old = getattr(qapp, "_counter_translator", None)
    if old is not None:
        qapp.removeTranslator(old)
        qapp._counter_translator = None
    if language == "id":
        return False
    translator = QTranslator(qapp)
    if not translator.load(str(TRANSLATIONS / f"counter_{language}.qm")):
        return False
    qapp.installTranslator(translator)
    qapp._counter_translator = translator
    return True


def _application(language: str = "id") -> QApplication:
    qapp = QApplication.instance() or QApplication(sys.argv)
    install_language(qapp, language)
    if not hasattr(qapp, "_collector"):
        qapp._collector = collect_on_gui_thread(qapp)
    # The worker and the sync thread run Python while the GUI thread waits to
    # handle a key: hand the interpreter over every 1 ms instead of 5 ms, which
    # cuts the GUI thread's longest wait behind a computing thread from ~90 ms
    # to ~20 ms (docs/benchmarks.md).
    sys.setswitchinterval(GIL_SWITCH_S)
    qapp.setApplicationName("Loket")
    qapp.setApplicationDisplayName(QCoreApplication.translate("Startup", "Loket Pembayaran Rekening Air"))
    return qapp


def create_demo_with_progress(app, runner: TaskRunner) -> None:  # noqa: ANN001
    """Fill an empty store with demo data on the worker, showing a progress dialog.
    A store with data is left alone (a mistyped desk setting is reported by `run`)."""
    if not run_and_wait(runner, lambda: demo_service.store_is_empty(app.uow())):
        return
    dialog = QProgressDialog()
    dialog.setLabelText(QCoreApplication.translate(
        "Startup", "Membuat data demo: {n} pelanggan (sekali saja) ...").format(n=f"{DEMO_CUSTOMERS:,}".replace(",", ".")))
    dialog.setCancelButton(None)  # the generator commits chunk by chunk; stopping half-way helps no one
    dialog.setRange(0, 0)  # a moving bar until the generator reports its first chunk
    dialog.setWindowTitle(QCoreApplication.translate("Startup", "Loket"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setValue(0)
    progress = _Progress(dialog, DEMO_CUSTOMERS)
    try:
        run_and_wait(runner, lambda: demo_service.create_demo(
            app.uow(), customers=DEMO_CUSTOMERS, as_of=app.today(), due_day=app.config.billing.due_day,
            progress=lambda done, _total: progress.step.emit(done),
        ))
    finally:
        dialog.close()
        dialog.deleteLater()


class _PullProgress(QObject):
    """Carries the first pull's progress (table, rows, rows in all) to the GUI thread."""

    step = Signal(str, int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.step.connect(self._show)

    @Slot(str, int, int)
    def _show(self, table: str, done: int, total: int) -> None:
        self.dialog.setLabelText(QCoreApplication.translate(
            "Startup", "Menarik data dari pusat: {table} ({done} dari {total})").format(
            table=table, done=f"{done:,}".replace(",", "."), total=f"{total:,}".replace(",", ".")))
        self.dialog.setRange(0, max(total, 1))
        self.dialog.setValue(done)


def first_pull_with_progress(app, runner: TaskRunner) -> None:  # noqa: ANN001
    """A new counter with an empty store and a central store configured: pull
    the reference data first (customers, open bills, rules), showing progress.
    Raises CentralUnreachable when central does not answer."""
    if not app.config.central.url or not run_and_wait(runner, lambda: demo_service.store_is_empty(app.uow())):
        return
    dialog = QProgressDialog()
    dialog.setLabelText(QCoreApplication.translate("Startup", "Menghubungi pusat ..."))
    dialog.setCancelButton(None)  # each page is committed: a later start resumes where this stopped
    dialog.setRange(0, 0)
    dialog.setWindowTitle(QCoreApplication.translate("Startup", "Loket"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setValue(0)
    progress = _PullProgress(dialog)
    try:
        run_and_wait(runner, lambda: pull_all(app.engine, app.central, progress=progress.step.emit))
    finally:
        dialog.close()
        dialog.deleteLater()


def start_sync(app, window: MainWindow, status_ms: int = STATUS_REFRESH_MS) -> DeskSync:  # noqa: ANN001
    """Attach the background sync to a shown desk and start it: central is set
    up on a thread of its own, then a SyncWorker runs until the window closes."""
    sync = DeskSync(app, window.runner, status_ms=status_ms)
    window.attach_sync(sync)
    sync.start()
    return sync


class StoreCheck(QObject):
    """The day's full check of the local store, on a thread of its own (it reads
    the whole file: a minute for a million customers) while the desk works. A
    store found damaged stops the desk with the recovery steps: nothing more may
    be written to it."""

    damaged = Signal(str)

    def __init__(self, app, window: MainWindow) -> None:  # noqa: ANN001 - bootstrap.App
        super().__init__(window)
        self.app, self.window = app, window
        self.damaged.connect(self._stop_the_desk)  # queued: emitted on the check's thread
        self.thread = threading.Thread(target=self._check, name="store-check", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _check(self) -> None:
        try:
            self.app.check_store()
        except CounterError as error:
            try:
                self.damaged.emit(str(error))
            except RuntimeError:  # the desk is gone already
                pass
        except Exception:  # noqa: BLE001 - a check that could not run is not damage
            log.exception("the store's daily check could not run")

    @Slot(str)
    def _stop_the_desk(self, message: str) -> None:
        QMessageBox.critical(self.window, QCoreApplication.translate("Startup", "Data lokal rusak"), message)
        self.window.close()


def run(app, demo: bool = False, sign_in: bool = True) -> int:  # noqa: ANN001 - counter.bootstrap.App
    """Open the cashier's desk; returns the process exit code. The desk asks
    who is at it first (user name from `desk.user`, PIN) and the float of their
    shift; `sign_in=False` skips that and acts as `desk.user` (tests)."""
    qapp = _application(app.config.desk.language)
    runner = TaskRunner(app)
    try:
        if demo:
            create_demo_with_progress(app, runner)
        first_pull_with_progress(app, runner)
        desk = run_and_wait(runner, app.desk)
    except CounterError as error:
        runner.shutdown()
        # destroyed now, on this thread: the garbage collector might do it on another thread, where Qt crashes
        shiboken6.delete(runner)
        QMessageBox.critical(None, QCoreApplication.translate("Startup", "Loket tidak bisa dibuka"), str(error))
        return EXIT_CANNOT_START
    window = MainWindow(app, desk, runner, sign_in=sign_in)
    window.show_desk()  # maximised, unless the cashier's own place and size are remembered
    gc.collect()
    gc.freeze()  # the window lives as long as the desk: keep it out of every later collection
    sync = start_sync(app, window)  # after the demo: the embedded central is a copy of the store
    StoreCheck(app, window).start()
    qapp.aboutToQuit.connect(sync.stop)  # also when quit comes another way than closing the window
    try:
        return qapp.exec()
    finally:
        sync.stop()
