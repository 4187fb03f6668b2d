"""The desk's link to the central store: the background sync and its status.

`DeskSync` makes the central engine on a thread of its own (the embedded demo
central is first copied from the local store, which takes a moment), then runs
a `SyncWorker` until the desk closes. If central cannot be set up at all, the
desk keeps working from its local store and says so.

The status bar's line is read with `sync_status` on the database worker every
few seconds, as a quiet task (it does not make the desk look busy).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal, Slot

from counter.errors import CounterError
from counter.sync.state import SyncStatus, sync_status, utc_now
from counter.sync.worker import SyncWorker
from counter.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 3_000  # how often the status bar looks at the outbox
SETUP_WAIT_S = 10.0  # on quit, how long to wait for central's set-up to finish

# state -> (background, text, border): colour AND the word, never colour alone
LEVEL_COLOURS = {
    "online": ("#e8f5e9", "#1b5e20", "#66bb6a"),
    "degraded": ("#fff8e1", "#7a4f00", "#ffb300"),
    "offline": ("#ffebee", "#b71c1c", "#ef5350"),
}


def _count(n: int, text: str, singular: str, **more: str) -> str:
    """`text` with {n} (and `more`); English has its own words for one (`1 hour`), Indonesian the same."""
    return (singular if n == 1 else text).format(n=n, **more)


def age_text(age: dt.timedelta | None) -> str:
    """`2 jam`, `14 menit`, `3 hari`; `baru saja` under a minute (or a clock ahead)."""
    if age is None:
        return ""
    seconds = age.total_seconds()
    if seconds < 60:
        return QCoreApplication.translate("CentralStatus", "baru saja")
    if seconds < 3600:
        return _count(int(seconds // 60), QCoreApplication.translate("CentralStatus", "{n} menit"),
                      QCoreApplication.translate("CentralStatus", "{n} menit", "one"))
    if seconds < 48 * 3600:
        return _count(int(seconds // 3600), QCoreApplication.translate("CentralStatus", "{n} jam"),
                      QCoreApplication.translate("CentralStatus", "{n} jam", "one"))
    return _count(int(seconds // 86400), QCoreApplication.translate("CentralStatus", "{n} hari"),
                  QCoreApplication.translate("CentralStatus", "{n} hari", "one"))


@dataclass(frozen=True)
class StatusLine:
    level: str  # online | degraded | offline
    text: str
    tooltip: str


STATES = {  # level -> the word the status bar shows
    "online": QT_TRANSLATE_NOOP("CentralStatus", "ONLINE"),
    "degraded": QT_TRANSLATE_NOOP("CentralStatus", "TERGANGGU"),
    "offline": QT_TRANSLATE_NOOP("CentralStatus", "OFFLINE"),
}


def status_line(status: SyncStatus, zone: dt.tzinfo, now: dt.datetime | None = None,
                setup_error: str | None = None, connecting: bool = False) -> StatusLine:
    """What the status bar says: `Pusat: OFFLINE, 14 antre (tertua 2 jam), 1 ditahan`
    (in the desk's language: translated here, the source text without a translator)."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("CentralStatus", text)

    now = now or utc_now()
    level = "offline" if setup_error else status.state
    text = QCoreApplication.translate("CentralStatus", "Pusat: {state}, {queued} antre").format(
        state=tr(STATES[level]), queued=status.queued)
    if status.queued and status.oldest_queued_at is not None:
        age = status.oldest_age(now)
        if age is not None and age.total_seconds() < 60:  # not "(tertua baru saja)": all of it is new
            text += QCoreApplication.translate("CentralStatus", " (baru saja)")
        else:
            text += QCoreApplication.translate("CentralStatus", " (tertua {age})").format(age=age_text(age))
    if status.held_back:
        text += QCoreApplication.translate("CentralStatus", ", {n} ditahan").format(n=status.held_back)
    if status.rejected:
        text += QCoreApplication.translate("CentralStatus", ", {n} DITOLAK").format(n=status.rejected)

    tips = []
    if setup_error:
        tips.append(QCoreApplication.translate(
            "CentralStatus", "Sambungan ke pusat tidak dapat disiapkan: {error}").format(error=setup_error))
    elif connecting:
        tips.append(QCoreApplication.translate("CentralStatus", "Menyiapkan sambungan ke pusat ..."))
    if status.last_contact is not None:
        tips.append(QCoreApplication.translate("CentralStatus", "Terakhir tersambung: {time}").format(
            time=f"{status.last_contact.astimezone(zone):%d-%m-%Y %H:%M:%S}"))
    else:
        tips.append(QCoreApplication.translate("CentralStatus", "Belum pernah tersambung ke pusat."))
    if status.queued:
        oldest = (QCoreApplication.translate("CentralStatus", ", yang tertua dibuat {time}").format(
            time=f"{status.oldest_queued_at.astimezone(zone):%d-%m-%Y %H:%M}")
            if status.oldest_queued_at is not None else "")
        tips.append(_count(
            status.queued,
            QCoreApplication.translate("CentralStatus", "{n} transaksi menunggu dikirim ke pusat{oldest}."),
            QCoreApplication.translate("CentralStatus", "{n} transaksi menunggu dikirim ke pusat{oldest}.", "one"),
            oldest=oldest))
    else:
        tips.append(QCoreApplication.translate("CentralStatus", "Semua transaksi sudah diterima pusat."))
    if status.held_back:
        tips.append(QCoreApplication.translate(
            "CentralStatus", "{n} ditahan: ditolak pusat, dicoba lagi nanti (lapor ke pengawas).").format(
            n=status.held_back))
    if status.rejected:
        tips.append(QCoreApplication.translate(
            "CentralStatus", "{n} transaksi DITOLAK pusat: uangnya belum tercatat di pusat. Kepala unit "
            "menanganinya ('counter sync rejected').").format(n=status.rejected))
    if level != "online" and status.last_error:
        tips.append(QCoreApplication.translate("CentralStatus", "Kesalahan terakhir: {error}").format(
            error=status.last_error))
    if level != "online":
        tips.append(QCoreApplication.translate(
            "CentralStatus",
            "Loket tetap bisa menerima pembayaran; transaksi dikirim otomatis saat pusat kembali."))
    return StatusLine(level, text, "\n".join(tips))


def _describe(error: BaseException) -> str:
    if isinstance(error, CounterError):
        return str(error)
    return f"{type(error).__name__}: {str(error).strip()[:200]}"


class DeskSync(QObject):
    """Central's engine, the background sync worker and the status they leave."""

    status_changed = Signal(object)  # SyncStatus, on the GUI thread
    ready = Signal()  # central's engine is there and the worker runs
    unavailable = Signal(str)  # central could not be set up; the desk works from its replica
    _prepared = Signal(object, object)  # (SyncWorker | None, error text | None) from the set-up thread

    def __init__(self, app, runner: TaskRunner, parent: QObject | None = None,  # noqa: ANN001 - bootstrap.App
                 status_ms: int = STATUS_REFRESH_MS) -> None:
        super().__init__(parent)
        self.app = app
        self.runner = runner
        self.central = None  # central's engine, set on the GUI thread once it is usable
        self.worker: SyncWorker | None = None
        self.error: str | None = None
        self.status: SyncStatus | None = None
        self._setup: threading.Thread | None = None
        self._stopped = False
        self._prepared.connect(self._on_prepared)  # queued: emitted on the set-up thread
        self.timer = QTimer(self)
        self.timer.setInterval(status_ms)
        self.timer.timeout.connect(self.refresh_status)

    # ---- life -------------------------------------------------------------

    @property
    def connecting(self) -> bool:
        return self._setup is not None and self.central is None and self.error is None

    def start(self) -> None:
        """Set up central in the background and start syncing; read the status now."""
        if self._setup is not None or self._stopped:
            return
        self._setup = threading.Thread(target=self._prepare, name="central-setup", daemon=True)
        self._setup.start()
        self.timer.start()
        self.refresh_status()

    def _prepare(self) -> None:  # on the set-up thread: never on the GUI thread
        try:
            link = self.app.sync_link()  # makes app.central (the embedded one: a copy of the store)
            worker: SyncWorker | None = SyncWorker(link, interval_s=self.app.config.central.interval_s)
            error = None
        except Exception as failure:  # noqa: BLE001 - whatever it is, the desk goes on offline
            log.exception("central store could not be set up")
            worker, error = None, _describe(failure)
        try:
            self._prepared.emit(worker, error)
        except RuntimeError:  # the desk is gone already
            pass

    @Slot(object, object)
    def _on_prepared(self, worker: SyncWorker | None, error: str | None) -> None:
        if self._stopped:
            return
        if worker is None:
            self.error = error or self.tr("tidak diketahui")
            self.unavailable.emit(self.error)
        else:
            self.worker = worker
            self.central = worker.link.central
            worker.start()
            self.ready.emit()
        self.refresh_status()

    def wake(self) -> None:
        """After a payment: send it now if central is there; show the queue at once."""
        if self.worker is not None:
            self.worker.wake()
        self.refresh_status()

    def stop(self) -> None:
        """On quit: no more status reads; the sync worker ends its cycle and stops."""
        if self._stopped:
            return
        self._stopped = True
        self.timer.stop()
        if self._setup is not None:
            self._setup.join(SETUP_WAIT_S)
        if self.worker is not None:
            self.worker.stop()

    # ---- status -----------------------------------------------------------

    def refresh_status(self) -> None:
        """Read the queue and the connection state on the database worker."""
        if self._stopped or self.runner.closed:
            return
        engine = self.app.engine
        self.runner.run(lambda: sync_status(engine), self._got_status, self._status_failed,
                        tag="sync-status", quiet=True)

    def _got_status(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    def _status_failed(self, error: CounterError) -> None:
        log.warning("sync status not readable: %s", error)

    def line(self, now: dt.datetime | None = None) -> StatusLine | None:
        """The status bar's words for the last status read (None before the first)."""
        if self.status is None:
            return None
        return status_line(self.status, self.app.config.zone, now, self.error, self.connecting)
