"""The background sync: push, send the audit chain, pull; again and again,
backing off with jitter while central is away. Plain threading: the desk reads
`sync_status` for its status bar."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass

from sqlalchemy import Engine, select

from counter.models import Counter, Office
from counter.sync.audit_push import push_audit
from counter.errors import InvalidInput
from counter.sync.link import Central
from counter.sync.pull import PullResult, Progress, pull_all
from counter.sync.push import PushResult, push_all
from counter.sync.state import CentralUnreachable, record_failure

log = logging.getLogger(__name__)


def backoff(failures: int, base: float = 2.0, cap: float = 120.0) -> float:
    """Seconds to wait after `failures` failures in a row: doubling, capped, with
    jitter so that counters coming back together do not knock together."""
    return min(cap, base * 2 ** max(failures - 1, 0)) * random.uniform(0.5, 1.0)


@dataclass
class SyncLink:
    """Everything a sync cycle needs."""

    local: Engine
    central: Central
    office: str
    counter: str

    def chain(self) -> int | None:
        """This counter's audit chain (its id), once the replica knows the counter."""
        with self.local.connect() as connection:
            return connection.scalar(select(Counter.id).join(Office, Office.id == Counter.office_id)
                                     .where(Office.code == self.office, Counter.code == self.counter))

    def cycle(self, progress: Progress | None = None) -> tuple[PushResult, PullResult]:
        """Push everything sendable, send the audit chain, pull what changed.
        Raises CentralUnreachable when central is away; a local fault is raised as it is."""
        pushed = push_all(self.local, self.central)
        chain, refused = self.chain(), None
        try:
            if chain is not None:
                push_audit(self.local, self.central, chain)
        except InvalidInput as error:  # central refused the chain; the pull goes on, the status says it
            refused = error
        pulled = pull_all(self.local, self.central, progress=progress, counter_id=chain)
        if refused is not None:
            record_failure(self.local, f"Rantai audit ditolak pusat: {refused}")
        return pushed, pulled


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
