"""The background sync: push, apply (embedded central only), pull; again and
again, backing off with jitter while central is away. Plain threading: the desk
reads `sync_status` for its status bar."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass

from sqlalchemy import Engine

from counter.sync.applier import apply_pending
from counter.sync.audit_push import push_audit
from counter.sync.pull import PullResult, Progress, pull_all
from counter.sync.push import PushResult, push_all
from counter.sync.state import CentralUnreachable, reaching_central

log = logging.getLogger(__name__)


def backoff(failures: int, base: float = 2.0, cap: float = 120.0) -> float:
    """Seconds to wait after `failures` failures in a row: doubling, capped, with
    jitter so that counters coming back together do not knock together."""
    return min(cap, base * 2 ** max(failures - 1, 0)) * random.uniform(0.5, 1.0)


@dataclass
class SyncLink:
    """Everything a sync cycle needs."""

    local: Engine
    central: Engine
    office: str
    counter: str
    apply_here: bool  # the embedded demo central has no applier process of its own

    def cycle(self, progress: Progress | None = None) -> tuple[PushResult, PullResult]:
        """Push everything sendable, apply it (embedded), pull what changed.
        Raises CentralUnreachable when central is away; a local fault is raised as it is."""
        pushed = push_all(self.local, self.central, self.office, self.counter)
        push_audit(self.local, self.central)
        if self.apply_here:
            with reaching_central(self.local):
                while sum(apply_pending(self.central).values()):
                    pass
        return pushed, pull_all(self.local, self.central, progress=progress)


class SyncWorker:
    def __init__(self, link: SyncLink, interval_s: float = 10.0) -> None:
        self.link = link
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Sync now (e.g. right after a payment) instead of at the next interval."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self.link.cycle()
                failures = 0
            except CentralUnreachable:
                failures += 1
            except Exception:  # a bug must not end syncing for the rest of the day
                log.exception("sync cycle failed")
                failures += 1
            self._wake.wait(self.interval_s if failures == 0 else backoff(failures))
            self._wake.clear()
