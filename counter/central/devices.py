"""Counters' device keys. An operator makes a one-time enrolment code for one
counter of one office; the counter exchanges it, once and within its time, for
a device key it keeps. Central stores only SHA-256 hashes of both (they are
long random secrets, so a fast hash is enough), and derives office and counter
from the key on every request."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from counter.central.service import Caller
from counter.errors import InvalidInput, NotFound
from counter.models import Counter, Device, Office

CODE_LIFETIME = dt.timedelta(minutes=30)
KEY_PREFIX = "ctr_"  # device keys are recognisable in a log or a leaked file


class KeyRefused(Exception):
    """No valid device key: missing, unknown, revoked, or the code is spent or late."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Enrolment:
    code: str
    office: str
    counter: str
    expires_at: dt.datetime


def make_enrolment(engine: Engine, office_code: str, counter_code: str,
                   lifetime: dt.timedelta = CODE_LIFETIME) -> Enrolment:
    """A one-time code for a counter (registered at central) to enrol with."""
    with Session(engine) as session, session.begin():
        found = session.execute(
            select(Office.id, Counter.id).join(Counter, Counter.office_id == Office.id)
            .where(Office.code == office_code.strip().upper(), Counter.code == counter_code.strip().upper())).first()
        if found is None:
            raise NotFound(f"Loket {office_code.upper()}-{counter_code.upper()} tidak terdaftar di pusat "
                           "(daftarkan dulu kantor dan loketnya).")
        code = "-".join(secrets.token_hex(3).upper() for _ in range(4))  # 48 bits, typed by a person once
        now = utc_now()
        session.add(Device(office_id=found[0], counter_id=found[1], code_hash=_hash(code),
                           code_expires_at=now + lifetime, created_at=now))
    return Enrolment(code, office_code.strip().upper(), counter_code.strip().upper(), now + lifetime)


def enrol(engine: Engine, code: str) -> dict:
    """Exchange an unused, unexpired code for a device key (shown this once)."""
    if not isinstance(code, str) or not 0 < len(code) <= 64:
        raise KeyRefused("kode pendaftaran tidak sah")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    now = utc_now()
    with Session(engine) as session, session.begin():
        device = session.scalars(select(Device).where(Device.code_hash == _hash(code.strip().upper()))
                                 .with_for_update()).first()
        if device is None or device.revoked_at is not None:
            raise KeyRefused("kode pendaftaran tidak dikenal atau sudah dipakai")
        if device.code_expires_at <= now:
            raise KeyRefused("kode pendaftaran sudah kedaluwarsa; minta kode baru")
        device.code_hash, device.key_hash, device.enrolled_at = None, _hash(key), now
        office = session.get(Office, device.office_id)
        counter = session.get(Counter, device.counter_id)
        return {"key": key, "office": office.code, "counter": counter.code}


def caller_of(engine: Engine, key: str | None) -> Caller:
    """The counter a device key belongs to, or KeyRefused."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 100:
        raise KeyRefused("kunci perangkat tidak ada atau tidak sah")
    with engine.connect() as connection:
        row = connection.execute(
            select(Office.id, Office.code, Counter.id, Counter.code, Device.revoked_at)
            .join(Office, Office.id == Device.office_id).join(Counter, Counter.id == Device.counter_id)
            .where(Device.key_hash == _hash(key))).first()
    if row is None or row.revoked_at is not None:
        raise KeyRefused("kunci perangkat tidak dikenal atau sudah dicabut")
    return Caller(row[0], row[1], row[2], row[3])


def revoke(engine: Engine, office_code: str, counter_code: str) -> int:
    """End every key and unused code of a counter; returns how many."""
    with Session(engine) as session, session.begin():
        ids = select(Device.id).join(Office, Office.id == Device.office_id).join(
            Counter, Counter.id == Device.counter_id).where(
            Office.code == office_code.strip().upper(), Counter.code == counter_code.strip().upper(),
            Device.revoked_at.is_(None))
        done = session.execute(update(Device).where(Device.id.in_(ids))
                               .values(revoked_at=utc_now(), code_hash=None)).rowcount
    if not done:
        raise InvalidInput(f"Loket {office_code.upper()}-{counter_code.upper()} tidak punya kunci aktif.")
    return done


def devices(engine: Engine) -> list[dict]:
    """Every device with its state, for the operator."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Office.code, Counter.code, Device.created_at, Device.enrolled_at, Device.revoked_at,
                   Device.code_expires_at)
            .join(Office, Office.id == Device.office_id).join(Counter, Counter.id == Device.counter_id)
            .order_by(Office.code, Counter.code, Device.id)).all()
    now = utc_now()

    def state(r) -> str:  # noqa: ANN001
        if r.revoked_at:
            return "dicabut"
        if r.enrolled_at:
            return "aktif"
        return "menunggu" if r.code_expires_at > now else "kedaluwarsa"

    return [{"office": r[0], "counter": r[1], "state": state(r), "created_at": r.created_at,
             "enrolled_at": r.enrolled_at, "revoked_at": r.revoked_at} for r in rows]
