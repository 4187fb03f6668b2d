"""The one place that wires configuration, the store and the desk together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from functools import cached_property

from sqlalchemy import Engine, select

from counter.config import Config
from counter.errors import NotFound
from counter.models import Counter, Office, User
from counter.services.context import Desk
from counter.store import integrity, migrate
from counter.store.engine import sqlite_engine
from counter.store.uow import UnitOfWork
from counter.services.demo import store_is_empty
from counter.central.embedded import EmbeddedCentral
from counter.central.store import init_central, seed_embedded, sqlite_file_engine
from counter.sync.link import Central, HttpCentral, load_key
from counter.sync.state import CentralUnreachable
from counter.sync.worker import SyncLink


@dataclass
class App:
    config: Config

    @cached_property
    def engine(self) -> Engine:
        """The local store, checked and migrated to the current schema on first use
        (a damaged, emptied or vanished store stops here: counter.store.integrity)."""
        store = self.config.store.local_path
        new = integrity.before_open(store)
        engine = sqlite_engine(store)
        integrity.check(engine, store, full=False)
        with integrity.damage_said(store):
            migrate.upgrade(engine)
        integrity.mark(store.parent, dt.date.today() if new else None)
        return engine

    def check_store(self, always: bool = False) -> bool:
        """The full check of every page of the store, once a day (or `always`):
        StoreDamaged when it is not whole. It reads the whole file (a minute for a
        million customers), so the desk runs it in the background. True when run."""
        store, today = self.config.store.local_path, dt.date.today()
        if not always and integrity.checked_on(store.parent) == today:
            return False
        integrity.check(self.engine, store, full=True)
        integrity.mark(store.parent, today)
        return True

    @property
    def embedded_central_path(self) -> Path:
        return self.config.store.data_dir / "central.sqlite"

    @cached_property
    def embedded_engine(self) -> Engine:
        """The demo's embedded central database, made from the local store the
        first time it is needed."""
        path = self.embedded_central_path
        if not path.exists():
            if store_is_empty(self.uow()):
                raise CentralUnreachable("Pusat demo dibuat dari data lokal, yang masih kosong: jalankan 'counter demo'.")
            seed_embedded(self.config.store.local_path, path)
        engine = sqlite_file_engine(path)
        init_central(engine)
        return engine

    @property
    def is_embedded(self) -> bool:
        return not self.config.central.url

    @cached_property
    def central(self) -> Central:
        """Central as this counter reaches it: its HTTP API with the device key,
        or the embedded demo central when no URL is set."""
        settings = self.config.central
        if self.is_embedded:
            return EmbeddedCentral(self.embedded_engine, self.config.desk.office, self.config.desk.counter)
        return HttpCentral(settings.url, load_key(self.config.store.data_dir), timeout_s=30.0,
                           allow_plain_http=settings.allow_plain_http)

    def close(self) -> None:
        """Let go of the stores opened so far (they are opened again on next use)."""
        central = self.__dict__.pop("central", None)
        if isinstance(central, HttpCentral):
            central.close()
        for name in ("engine", "embedded_engine"):
            if name in self.__dict__:
                self.__dict__.pop(name).dispose()

    def sync_link(self) -> SyncLink:
        desk = self.config.desk
        return SyncLink(self.engine, self.central, desk.office, desk.counter)

    def today(self) -> dt.date:
        """Today in the office's time zone (the business date)."""
        return dt.datetime.now(self.config.zone).date()

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def desk(self) -> Desk:
        """The office, counter and user this desk acts as, from the settings."""
        settings = self.config.desk
        with self.uow() as uow:
            office = uow.session.scalars(select(Office).where(Office.code == settings.office)).first()
            if office is None:
                raise NotFound(
                    f"Kantor {settings.office!r} belum ada di data lokal. Jalankan 'counter demo', "
                    "atau daftarkan kantor, loket dan pengguna dengan 'counter setup'."
                )
            counter = uow.session.scalars(
                select(Counter).where(Counter.office_id == office.id, Counter.code == settings.counter)
            ).first()
            if counter is None:
                raise NotFound(f"Loket {settings.counter!r} tidak terdaftar di kantor {office.code}.")
            user = uow.session.scalars(select(User).where(User.username == settings.user)).first()
            if user is None or not user.active:
                raise NotFound(f"Pengguna {settings.user!r} tidak terdaftar atau tidak aktif.")
            security = self.config.security
            return Desk(office.id, office.code, counter.id, counter.code, user.id, user.username,
                        self.config.zone, role=user.role, lockout_attempts=security.lockout_attempts,
                        lockout_minutes=security.lockout_minutes, full_name=user.full_name)
