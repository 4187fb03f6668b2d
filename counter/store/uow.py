"""Unit of work: one session, one transaction; leaving without commit rolls back."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter.errors import StoreBusy


class UnitOfWork:
    """`with uow: ...; uow.commit()`. A write unit takes SQLite's write lock
    at BEGIN (IMMEDIATE), so two writers queue instead of failing mid-way."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(begin="BEGIN IMMEDIATE"), expire_on_commit=False
        )
        self._writing = False
        self.session: Session | None = None

    def writing(self) -> UnitOfWork:
        self._writing = True
        return self

    def __enter__(self) -> UnitOfWork:
        self.session = (self._write if self._writing else self._read)()
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, _tb: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None
            self._writing = False
        if isinstance(error, OperationalError) and "locked" in str(error.orig):
            raise StoreBusy(
                "Data lokal sedang dipakai proses lain (mis. impor data); coba lagi sebentar lagi."
            ) from error

    def commit(self) -> None:
        self.session.commit()
