"""The demo's central: central's own service functions run in-process on a
SQLite file, behind the same questions a counter asks the HTTP API
(`sync.link.Central`), with the applier run after every push. No server, same
rules: the answers are the JSON values the API would send."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from counter.central import service
from counter.central.applier import apply_pending
from counter.central.service import Caller
from counter.services.approval import Approval


class EmbeddedCentral:
    def __init__(self, engine: Engine, office: str, counter: str, apply: bool = True) -> None:
        self.engine, self.apply = engine, apply
        self.office, self.counter = office, counter
        self._caller: Caller | None = None

    @property
    def caller(self) -> Caller:
        if self._caller is None:
            self._caller = service.caller_for(self.engine, self.office, self.counter)
        return self._caller

    def push(self, events: list[dict]) -> dict:
        answer = service.receive_events(self.engine, self.caller, events)
        while self.apply and sum(apply_pending(self.engine).values()):
            pass
        return answer

    def outcomes(self, ids: list[str]) -> list[dict]:
        return service.outcomes(self.engine, self.caller, ids)

    def changes(self, marks: dict, page: int, receipts_on: list[str] | None = None) -> dict:
        return service.changes(self.engine, self.caller, marks, page, receipts_on)

    def customer(self, number: str, timeout_s: float | None = None) -> dict:
        return service.customer(self.engine, self.caller, number)

    def audit_head(self) -> dict:
        return service.audit_head(self.engine, self.caller)

    def append_audit(self, records: list[dict]) -> dict:
        return service.append_audit(self.engine, self.caller, records)

    def verify_audit(self) -> dict:
        return service.audit_verify(self.engine, self.caller)

    def day(self, day: dt.date, zone: str, closing: dict | None) -> dict:
        return service.day_figures(self.engine, self.caller, day, zone, closing)

    def conflicts(self, status: str) -> list[dict]:
        return service.conflicts(self.engine, self.caller, status)

    def resolve(self, conflict_id: int, resolution: str, username: str, secret: str, note: str) -> dict:
        service.resolve(self.engine, self.caller, conflict_id, resolution, Approval(username, secret), note)
        return {"resolved": conflict_id, "resolution": resolution}

    def verify_receipt(self, code: str) -> dict:
        return service.verify_receipt(self.engine, self.caller, code)
