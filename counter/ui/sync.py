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

from PySide6.QtCore import QObject, QTimer, Signal, Slot

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


def age_text(age: dt.timedelta | None) -> str:
    """`2 jam`, `14 menit`, `3 hari`; `baru saja` under a minute (or a clock ahead)."""
    if age is None:
        return ""
    seconds = age.total_seconds()
    if seconds < 60:
        return "baru saja"
    if seconds < 3600:
        return f"{int(seconds // 60)} menit"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} jam"
    return f"{int(seconds // 86400)} hari"


@dataclass(frozen=True)
class StatusLine:
    level: str  # online | degraded | offline
    text: str
    tooltip: str


def status_line(status: SyncStatus, zone: dt.tzinfo, now: dt.datetime | None = None,
                setup_error: str | None = None, connecting: bool = False) -> StatusLine:
    """What the status bar says: `Pusat: OFFLINE, 14 antre (tertua 2 jam), 1 ditahan`."""
    now = now or utc_now()
    level = "offline" if setup_error else status.state
    label = {"online": "ONLINE", "degraded": "TERGANGGU", "offline": "OFFLINE"}[level]
    text = f"Pusat: {label}, {status.queued} antre"
    if status.queued and status.oldest_queued_at is not None:
        text += f" (tertua {age_text(status.oldest_age(now))})"
    if status.held_back:
        text += f", {status.held_back} ditahan"

    tips = []
    if setup_error:
        tips.append(f"Sambungan ke pusat tidak dapat disiapkan: {setup_error}")
    elif connecting:
        tips.append("Menyiapkan sambungan ke pusat ...")
    if status.last_contact is not None:
        tips.append(f"Terakhir tersambung: {status.last_contact.astimezone(zone):%d-%m-%Y %H:%M:%S}")
    else:
        tips.append("Belum pernah tersambung ke pusat.")
    if status.queued:
        oldest = (f", yang tertua dibuat {status.oldest_queued_at.astimezone(zone):%d-%m-%Y %H:%M}"
                  if status.oldest_queued_at is not None else "")
        tips.append(f"{status.queued} transaksi menunggu dikirim ke pusat{oldest}.")
    else:
        tips.append("Semua transaksi sudah diterima pusat.")
    if status.held_back:
        tips.append(f"{status.held_back} ditahan: ditolak pusat, dicoba lagi nanti (lapor ke pengawas).")
    if level != "online" and status.last_error:
        tips.append(f"Kesalahan terakhir: {status.last_error}")
    if level != "online":
        tips.append("Loket tetap bisa menerima pembayaran; transaksi dikirim otomatis saat pusat kembali.")
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
            self.error = error or "tidak diketahui"
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
