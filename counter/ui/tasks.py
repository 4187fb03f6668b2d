"""Background work for the desk: the GUI thread never touches the database.

`TaskRunner` runs callables on ONE worker thread (a QThreadPool with a single
thread owns the local store at a time) and delivers the result, or the
`CounterError` it raised, back on the GUI thread through a queued signal.
Each database task opens its own unit of work inside the worker.

A task may carry a `tag`: a newer task with the same tag supersedes the older
one (a queued one is dropped, a running one has its result ignored), so typing
fast or arrowing through results never shows a stale answer.

A `quiet` task (the status bar's periodic look at the outbox) does not make
the desk look busy.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal, Slot

from counter.errors import CounterError

log = logging.getLogger(__name__)


class UnexpectedError(CounterError):
    """A bug or an environment failure, shown to the cashier in plain words."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(
            f"Terjadi kesalahan tak terduga ({type(original).__name__}: {original}). "
            "Coba lagi; bila terus terjadi, hubungi petugas TI."
        )
        self.original = original


class _Job(QRunnable):
    def __init__(self, task_id: int, work: Callable[[], Any], report: Callable[[int, bool, object], None]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps the Python object alive until delivery
        self.task_id = task_id
        self._work = work
        self._report = report

    def run(self) -> None:  # on the worker thread
        try:
            result = self._work()
        except CounterError as error:
            self._report(self.task_id, False, error)
        except Exception as error:  # noqa: BLE001 - the cashier must see something, not a frozen desk
            log.exception("background task failed")
            self._report(self.task_id, False, UnexpectedError(error))
        else:
            self._report(self.task_id, True, result)


@dataclass
class _Pending:
    job: _Job
    on_done: Callable[[Any], None] | None
    on_error: Callable[[CounterError], None] | None
    tag: str | None
    quiet: bool = False
    stale: bool = False


class TaskRunner(QObject):
    """Runs work on the database worker; callbacks run on the GUI thread."""

    busy_changed = Signal(bool)
    _finished = Signal(int, bool, object)  # emitted on the worker, received on the GUI thread

    def __init__(self, app=None, parent: QObject | None = None) -> None:  # noqa: ANN001 - counter.bootstrap.App
        super().__init__(parent)
        self.app = app
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one worker thread for the whole day
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._closed = False
        self._finished.connect(self._deliver)

    # ---- submitting -------------------------------------------------------

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[CounterError], None] | None = None,
        *,
        tag: str | None = None,
        quiet: bool = False,
    ) -> int:
        """Run `work()` on the worker; then `on_done(result)` or `on_error(error)` here.
        A quiet task does not count as busy."""
        if self._closed:
            raise RuntimeError("TaskRunner is shut down")
        task_id = next(self._ids)
        was_busy = self.busy
        if tag is not None:
            self._supersede(tag)
            self._latest[tag] = task_id
        job = _Job(task_id, work, self._finished.emit)
        self._pending[task_id] = _Pending(job, on_done, on_error, tag, quiet)
        self._pool.start(job)
        self._busy_since(was_busy)
        return task_id

    def read(
        self,
        query: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[CounterError], None] | None = None,
        *,
        tag: str | None = None,
    ) -> int:
        """Run `query(session)` in a fresh read-only unit of work on the worker."""
        app = self.app

        def work() -> Any:
            with app.uow() as uow:
                return query(uow.session)

        return self.run(work, on_done, on_error, tag=tag)

    def cancel(self, tag: str) -> None:
        """Forget the latest task of `tag`: dropped if queued, its result ignored if running."""
        was_busy = self.busy
        self._supersede(tag)
        self._latest.pop(tag, None)
        self._busy_since(was_busy)

    def _busy_since(self, was_busy: bool) -> None:
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)

    def _supersede(self, tag: str) -> None:
        old_id = self._latest.get(tag)
        old = self._pending.get(old_id) if old_id is not None else None
        if old is None:
            return
        if self._pool.tryTake(old.job):  # still queued: it never runs
            del self._pending[old_id]
        else:  # running: let it finish, ignore what it says
            old.stale = True

    # ---- delivering (GUI thread) -----------------------------------------

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, payload: object) -> None:
        was_busy = self.busy
        pending = self._pending.pop(task_id, None)
        if pending is not None and pending.tag is not None and self._latest.get(pending.tag) == task_id:
            del self._latest[pending.tag]
        self._busy_since(was_busy)
        if pending is None or pending.stale or self._closed:
            return
        callback = pending.on_done if ok else pending.on_error
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            return  # for a widget deleted meanwhile (a dialog closed while its read ran): nowhere to show it
        if ok:
            if pending.on_done is not None:
                pending.on_done(payload)
        elif pending.on_error is not None:
            pending.on_error(payload)
        else:
            log.error("unhandled task error: %s", payload)

    # ---- state ------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Work the cashier waits for is queued or running (quiet tasks aside)."""
        return any(not p.quiet for p in self._pending.values())

    @property
    def idle(self) -> bool:
        """Nothing at all queued or running, quiet tasks included."""
        return not self._pending

    @property
    def closed(self) -> bool:
        return self._closed

    def is_running(self, tag: str) -> bool:
        task_id = self._latest.get(tag)
        return task_id is not None and task_id in self._pending

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (for shutdown and tests); True if it is."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Drop queued work, let the running task finish (a payment commits or
        rolls back whole), and deliver nothing more."""
        self._closed = True
        self._pool.clear()
        return self._pool.waitForDone(msecs)


def run_and_wait(runner: TaskRunner, work: Callable[[], Any]) -> Any:
    """Run `work` on the worker while the GUI keeps painting (a local event
    loop); return its result or raise its CounterError. For start-up only."""
    outcome: dict[str, object] = {}
    runner.run(work, lambda result: outcome.setdefault("result", result),
               lambda error: outcome.setdefault("error", error))
    while not outcome:  # not a QEventLoop: those return at once after the application quit once
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("result")
