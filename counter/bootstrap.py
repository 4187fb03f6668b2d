"""The one place that wires configuration, the store and the desk together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine, select

from counter.config import Config
from counter.errors import NotFound
from counter.models import Counter, Office, User
from counter.services.context import Desk
from counter.store import migrate
from counter.store.engine import sqlite_engine
from counter.store.uow import UnitOfWork


@dataclass
class App:
    config: Config

    @cached_property
    def engine(self) -> Engine:
        """The local store, migrated to the current schema on first use."""
        self.config.store.data_dir.mkdir(parents=True, exist_ok=True)
        engine = sqlite_engine(self.config.store.local_path)
        migrate.upgrade(engine)
        return engine

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
            return Desk(office.id, office.code, counter.id, counter.code, user.id, user.username,
                        self.config.zone)
