"""Central's HTTP API (FastAPI): what counters reach with their device key.

Each route derives the calling counter from the key (`Authorization: Bearer`),
hands the request to `central.service` and answers JSON. Errors answer
`{"error": "..."}` (Indonesian, for the cashier) with a status that says what
kind: 400 bad request, 401 no valid key, 403 not allowed, 404 not found, 409 an
audit chain that does not continue central's, 422 a malformed body, 503 the
database is away. The OpenAPI schema is at /openapi.json.

(No `from __future__ import annotations` here: FastAPI reads the routes'
annotations, and the device-key dependency is defined inside `make_api`.)
"""

import datetime as dt
import json
import logging
import os
import threading
from contextlib import asynccontextmanager
from typing import Annotated, Any

from zoneinfo import ZoneInfo

import anyio
from fastapi import Depends, FastAPI, Header, Path, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, DBAPIError, OperationalError

from counter.central import channels, devices, service
from counter.central.applier import apply_pending
from counter.central.service import Caller, ChainRefused
from counter.errors import ApprovalRefused, CounterError, NotAllowed, NotFound
from counter.services.approval import Approval
from counter.store.migrate import head_revision

log = logging.getLogger(__name__)
API = "/v1"
DEFAULT_ZONE = "Asia/Makassar"
ZONE_ENV = "COUNTER_CENTRAL_ZONE"
# Channels' calls one API process runs at once (the others wait their turn):
# fewer than the database pool's 8 connections, so that a burst does not open
# and close connections beyond them, one PostgreSQL backend each.
CHANNEL_CALLS = 6


class Enrol(BaseModel):
    code: str = Field(max_length=64)


class Events(BaseModel):
    events: list[dict[str, Any]] = Field(max_length=service.MAX_EVENTS)


class Ids(BaseModel):
    ids: list[str] = Field(max_length=service.MAX_IDS)


class Marks(BaseModel):
    marks: dict[str, dict[str, Any] | None] = Field(default_factory=dict, max_length=32)
    page: int = Field(default=service.MAX_PAGE, ge=1, le=service.MAX_PAGE)
    receipts_on: list[dt.date] | None = Field(default=None, max_length=3)


class AuditRecords(BaseModel):
    records: list[dict[str, Any]] = Field(max_length=service.MAX_AUDIT)


class DayQuery(BaseModel):
    date: dt.date
    zone: str = Field(max_length=64)
    closing: dict[str, Any] | None = None


class Resolution(BaseModel):
    resolution: str = Field(max_length=16)
    username: str = Field(max_length=40)
    secret: str = Field(max_length=128)
    note: str = Field(default="", max_length=200)


class ReceiptCode(BaseModel):
    code: str = Field(max_length=200)


class Applier:
    """Applies the inbox in the background of the API process; woken by a push."""

    def __init__(self, engine: Engine, interval_s: float = 1.0) -> None:
        self.engine, self.interval_s = engine, interval_s
        self.wake, self.stop = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.run, name="applier", daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                busy = sum(apply_pending(self.engine).values())
            except DBAPIError as error:  # the database is away: wait and try again
                log.warning("applier: %s", str(error.orig).strip()[:200])
                busy = 0
            except Exception:  # a bug must not end applying for the rest of the day
                log.exception("applier failed")
                busy = 0
            if not busy:
                self.wake.wait(self.interval_s)
                self.wake.clear()


class OtherVersion(CounterError):
    """A counter whose store schema is not central's."""


def make_api(engine: Engine, apply: bool = True, zone: str = DEFAULT_ZONE) -> FastAPI:
    """The API over central's database; with `apply`, the applier runs in the same
    process. `zone` gives central's business date (channels' payments)."""
    applier = Applier(engine) if apply else None
    today_zone = ZoneInfo(zone)
    channel_turns = anyio.CapacityLimiter(CHANNEL_CALLS)

    @asynccontextmanager
    async def lifespan(_: FastAPI):  # noqa: ANN202
        if applier:
            applier.thread.start()
        yield
        if applier:
            applier.stop.set()
            applier.wake.set()
            applier.thread.join(10)

    api = FastAPI(title="counter central", version="1", lifespan=lifespan,
                  description="Central service of the water utility's counters: sync, the office day, conflicts.")
    bearer = HTTPBearer(auto_error=False)

    schema = head_revision()

    def caller(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
               counter_schema: Annotated[str | None, Header(alias="X-Counter-Schema")] = None) -> Caller:
        found = devices.caller_of(engine, credentials.credentials if credentials else None)
        if counter_schema != schema:
            # A counter of another version would read the rows it pulls (a tariff group's own fine
            # scheme, say) by its own rules and take other amounts: it syncs once it runs this one.
            raise OtherVersion(f"Program loket ini versi lain (skema {counter_schema or 'lama'}; pusat {schema}): "
                               "perbarui program loket, lalu sinkron lagi. Pembayaran tetap tersimpan di loket.")
        return found

    Counter_ = Annotated[Caller, Depends(caller)]

    @api.exception_handler(CounterError)
    async def counter_error(_: Request, error: CounterError) -> JSONResponse:
        status = 400
        if isinstance(error, (NotAllowed, ApprovalRefused)):
            status = 403
        elif isinstance(error, NotFound):
            status = 404
        elif isinstance(error, ChainRefused):
            status = 409
        return JSONResponse({"error": str(error)}, status_code=status)

    @api.exception_handler(OtherVersion)
    async def other_version(_: Request, error: OtherVersion) -> JSONResponse:
        return JSONResponse({"error": str(error)}, status_code=426)

    @api.exception_handler(devices.KeyRefused)
    async def key_refused(_: Request, error: devices.KeyRefused) -> JSONResponse:
        return JSONResponse({"error": f"Ditolak: {error}."}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(DataError)
    async def value_refused(_: Request, error: DataError) -> JSONResponse:
        # a value the checks let through but the database cannot hold (beyond a column)
        log.warning("value refused by the database: %s", str(error.orig).strip()[:200])
        return JSONResponse({"error": "Nilai yang dikirim tidak bisa disimpan pusat (di luar batas)."},
                            status_code=400)

    @api.exception_handler(OperationalError)
    async def database_away(_: Request, error: OperationalError) -> JSONResponse:
        log.warning("database: %s", str(error.orig).strip()[:200])
        return JSONResponse({"error": "Basis data pusat tidak terjangkau; coba lagi."}, status_code=503)

    @api.exception_handler(channels.ChannelError)
    async def channel_refused(_: Request, error: channels.ChannelError) -> JSONResponse:
        return JSONResponse(error.answer(), status_code=error.status)

    async def channel_call(request: Request, act) -> JSONResponse:  # noqa: ANN001
        """A channel's signed request: checked, then `act(engine, channel, body, zone)`."""
        body = await request.body()

        def run() -> dict:
            # one connection and one transaction for the signature's check (the
            # channel read anew each time) and the call: fewer round trips
            with engine.connect() as connection:
                who = channels.authenticate(connection, request.headers.get("x-channel"),
                                            request.headers.get("x-timestamp"), request.headers.get("x-signature"),
                                            request.method, request.url.path, body)
                try:
                    parsed = json.loads(body)
                except ValueError:
                    raise channels.ChannelError("BODY_INVALID", "Isi permintaan bukan JSON.") from None
                try:
                    answer = act(connection, who, parsed, today_zone)
                    connection.commit()
                    return answer
                except OperationalError as error:
                    log.warning("database: %s", str(error.orig).strip()[:200])
                    raise channels.ChannelError("UNAVAILABLE", "Basis data pusat tidak terjangkau; coba lagi.",
                                                503) from None
        return JSONResponse(await anyio.to_thread.run_sync(run, limiter=channel_turns))

    signed = {"parameters": [{"name": n, "in": "header", "required": True, "schema": {"type": "string"}}
                             for n in ("X-Channel", "X-Timestamp", "X-Signature")],
              "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}}

    @api.post(f"{API}/channel/inquiry", openapi_extra=signed, tags=["channels"])
    async def channel_inquiry(request: Request) -> JSONResponse:
        """A customer's open bills with today's fines and the total (docs/channels.md)."""
        return await channel_call(request, channels.inquiry)

    @api.post(f"{API}/channel/payment", openapi_extra=signed, tags=["channels"])
    async def channel_payment(request: Request) -> JSONResponse:
        """Pay what the inquiry offered; the channel's reference is the idempotency key."""
        return await channel_call(request, channels.pay)

    @api.post(f"{API}/channel/reversal", openapi_extra=signed, tags=["channels"])
    async def channel_reversal(request: Request) -> JSONResponse:
        """Undo a payment of the same day, before settlement."""
        return await channel_call(request, channels.reverse)

    @api.get(f"{API}/health")
    def health() -> dict:
        return {"ok": True}

    @api.post(f"{API}/enrol")
    def enrol(body: Enrol) -> dict:
        """Exchange a one-time enrolment code for a device key."""
        return devices.enrol(engine, body.code)

    @api.get(f"{API}/me")
    def me(who: Counter_) -> dict:
        return {"office": who.office_code, "counter": who.counter_code}

    @api.post(f"{API}/events")
    def events(body: Events, who: Counter_) -> dict:
        """Push outbox events; central alone gives them an outcome."""
        answer = service.receive_events(engine, who, body.events)
        if applier and answer["received"]:
            applier.wake.set()
        return answer

    @api.post(f"{API}/outcomes")
    def outcomes(body: Ids, who: Counter_) -> dict:
        return {"outcomes": service.outcomes(engine, who, body.ids)}

    @api.post(f"{API}/changes")
    def changes(body: Marks, who: Counter_) -> dict:
        days = None if body.receipts_on is None else [d.isoformat() for d in body.receipts_on]
        return service.changes(engine, who, body.marks, body.page, days)

    @api.get(f"{API}/customers/{{number}}")
    def customer(number: str, who: Counter_) -> dict:
        return service.customer(engine, who, number)

    @api.get(f"{API}/audit/head")
    def audit_head(who: Counter_) -> dict:
        return service.audit_head(engine, who)

    @api.post(f"{API}/audit")
    def audit(body: AuditRecords, who: Counter_) -> dict:
        return service.append_audit(engine, who, body.records)

    @api.get(f"{API}/audit/verify")
    def audit_verify(who: Counter_) -> dict:
        return service.audit_verify(engine, who)

    @api.post(f"{API}/day")
    def day(body: DayQuery, who: Counter_) -> dict:
        return service.day_figures(engine, who, body.date, body.zone, body.closing)

    @api.get(f"{API}/conflicts")
    def conflicts(who: Counter_, status: str = "open") -> dict:
        return {"conflicts": service.conflicts(engine, who, status[:16])}

    @api.post(f"{API}/conflicts/{{conflict_id}}/resolve")
    def resolve(conflict_id: Annotated[int, Path(ge=1, le=service.BIGINT - 1)], body: Resolution,
                who: Counter_) -> dict:
        service.resolve(engine, who, conflict_id, body.resolution, Approval(body.username, body.secret), body.note)
        return {"resolved": conflict_id, "resolution": body.resolution}

    @api.post(f"{API}/receipts/verify")
    def verify(body: ReceiptCode, who: Counter_) -> dict:
        return service.verify_receipt(engine, who, body.code)

    return api


def from_environment() -> FastAPI:
    """The app for `uvicorn --factory` (several workers): the database URL from
    COUNTER_CENTRAL_DATABASE."""
    from counter.central.store import central_engine

    return make_api(central_engine(os.environ["COUNTER_CENTRAL_DATABASE"], timeout_s=10),
                    zone=os.environ.get(ZONE_ENV) or DEFAULT_ZONE)
