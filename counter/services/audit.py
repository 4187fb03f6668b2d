"""The audit trail: append-only records, chained by hash per counter.

Each record carries the hash of the one before it in its chain (its counter;
0 for acts of the store without a counter, such as set-up), so an edited,
inserted or deleted row breaks the chain where it happened. `verify` walks
every chain and reports the first broken link of each. A counter's records
also go to central (sync.audit_push), which keeps the chains.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from counter.models import AuditRecord
from counter.rules.audit_chain import GENESIS, canonical, digest


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def append(session: Session, action: str, subject: str = "", details: dict | None = None, *,
           user_id: int | None = None, counter_id: int | None = None, at: dt.datetime | None = None) -> str:
    """Add one record at the end of its chain (inside the caller's transaction,
    which holds the store's write lock); returns its hash."""
    at = at or utc_now()
    details = json.loads(canonical(details or {}))  # what the JSON column will give back
    subject = subject[:80]
    chain = counter_id or 0
    last = session.execute(select(AuditRecord.seq, AuditRecord.hash).where(AuditRecord.chain == chain)
                           .order_by(AuditRecord.seq.desc()).limit(1)).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS)
    record = dict(chain=chain, seq=seq, prev_hash=prev_hash, at=at, user_id=user_id, counter_id=counter_id,
                  action=action, subject=subject, details=details)
    record["hash"] = digest(prev_hash, chain, seq, at, user_id, counter_id, action, subject, details)
    session.execute(insert(AuditRecord.__table__), record)
    return record["hash"]


@dataclass(frozen=True)
class BrokenLink:
    chain: int
    seq: int  # the first record that does not follow from the one before
    reason: str


def verify(engine: Engine, chain: int | None = None) -> tuple[int, list[BrokenLink]]:
    """(records checked, the first broken link of every chain, or of `chain`, that has one)."""
    broken: dict[int, BrokenLink] = {}
    checked = 0
    expected: dict[int, tuple[int, str]] = {}
    t = AuditRecord.__table__
    with engine.connect() as connection:
        rows = connection.execution_options(yield_per=10_000).execute(
            select(t).where(*([t.c.chain == chain] if chain is not None else [])).order_by(t.c.chain, t.c.seq))
        for row in rows:
            checked += 1
            if row.chain in broken:
                continue
            seq, prev = expected.get(row.chain, (1, GENESIS))
            at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.timezone.utc)
            if row.seq != seq:
                reason = f"catatan {seq} hilang" if row.seq > seq else f"nomor urut {row.seq} ganda"
                broken[row.chain] = BrokenLink(row.chain, row.seq, reason)
            elif row.prev_hash != prev:
                broken[row.chain] = BrokenLink(row.chain, row.seq, "tidak menyambung ke catatan sebelumnya")
            elif row.hash != digest(row.prev_hash, row.chain, row.seq, at, row.user_id, row.counter_id,
                                    row.action, row.subject, row.details):
                broken[row.chain] = BrokenLink(row.chain, row.seq, "isi catatan diubah")
            expected[row.chain] = (row.seq + 1, row.hash)
    return checked, sorted(broken.values(), key=lambda b: b.chain)


def by(desk) -> dict:  # noqa: ANN001 - services.context.Desk
    """`append`'s who/where/when for an act done at a desk."""
    return dict(user_id=desk.user_id, counter_id=desk.counter_id, at=desk.now())
