"""The audit trail: append-only records, chained by hash per counter.

Each record carries the hash of the one before it in its chain (its counter;
0 for acts of the store without a counter, such as set-up), so an edited,
inserted or deleted row breaks the chain where it happened. `verify` walks
every chain and reports the first broken link of each. A counter's records
also go to central (sync.audit_push), which keeps the chains.

`verify_local` (`counter audit verify`) checks a counter's store further:
- the anchors: each time central takes this counter's records it answers its
  head (seq and hash), kept in sync_state as `audit-anchor:CHAIN`; the local
  record at that seq must still have that hash, so a chain edited and hashed
  again from scratch (whole in itself) is caught;
- the money: every payment's lines add up to their amounts, the lines to the
  subtotal, subtotal, stamp duty and cash rounding to the total, and the total
  (and the lines' amounts, the rounding and the credit used, where the record
  lists them) is the one in its `payment` record.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from counter.models import AuditRecord, Payment, PaymentLine, SyncState
from counter.rules.audit_chain import GENESIS, canonical, digest
from counter.rules.money import format_rupiah


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


ANCHOR = "audit-anchor:"  # sync_state key prefix: "audit-anchor:CHAIN" = "SEQ:HASH", central's head


def verify_local(engine: Engine) -> tuple[int, list[BrokenLink]]:
    """`verify`, then the anchors central answered and the payments' amounts
    (module docstring): every chain's first broken link, every anchor that no
    longer matches, every payment whose amounts do not agree."""
    checked, broken = verify(engine)
    with engine.connect() as connection:
        broken += _anchors(connection) + _payments(connection)
    return checked, broken


def _anchors(connection) -> list[BrokenLink]:  # noqa: ANN001 - Connection
    found = []
    t = AuditRecord.__table__
    for key, value in connection.execute(select(SyncState.key, SyncState.value)
                                         .where(SyncState.key.like(f"{ANCHOR}%"))).all():
        try:
            chain, (seq, anchored) = int(key[len(ANCHOR):]), value.split(":")
            seq = int(seq)
        except ValueError:
            continue
        if seq < 1:
            continue
        held = connection.scalar(select(t.c.hash).where(t.c.chain == chain, t.c.seq == seq))
        if held is None:
            found.append(BrokenLink(chain, seq, f"catatan {seq} yang sudah tercatat di pusat tidak ada lagi"))
        elif held != anchored:
            found.append(BrokenLink(chain, seq, f"rantai dihitung ulang: catatan {seq} berbeda dengan yang "
                                                "tercatat di pusat"))
    return found


def _payments(connection) -> list[BrokenLink]:  # noqa: ANN001 - Connection
    p, line, a = Payment.__table__, PaymentLine.__table__, AuditRecord.__table__
    lines: dict = {}
    for row in connection.execute(select(line).order_by(line.c.payment_id, line.c.seq)):
        lines.setdefault(row.payment_id, []).append(row)
    records = {row.subject: row for row in connection.execute(
        select(a.c.chain, a.c.seq, a.c.subject, a.c.details).where(a.c.action == "payment"))}
    found = []
    for payment in connection.execute(select(p).order_by(p.c.paid_at)):
        record = records.get(payment.receipt_no)
        problem = _payment_problem(payment, lines.get(payment.id, []), record)
        if problem:
            where = (record.chain, record.seq) if record is not None else (payment.counter_id, 0)
            found.append(BrokenLink(*where, f"pembayaran {payment.receipt_no}: {problem}"))
    return found


def _payment_problem(payment, lines: list, record) -> str | None:  # noqa: ANN001 - rows
    """What does not add up in one payment, or None."""
    for row in lines:
        parts = row.water_charge + row.standing_charge + row.meter_fee + row.admin_fee + row.fine
        if row.kind == "bill" and parts != row.amount:
            return (f"baris {row.seq} berjumlah {format_rupiah(row.amount)}, rinciannya "
                    f"{format_rupiah(parts)}")
    details = record.details if record is not None and isinstance(record.details, dict) else None
    subtotal = sum(row.amount for row in lines)
    if payment.subtotal != subtotal:
        return f"subtotal {format_rupiah(payment.subtotal)}, jumlah barisnya {format_rupiah(subtotal)}"
    if payment.total != payment.subtotal + payment.stamp_duty + payment.rounding:
        return (f"total {format_rupiah(payment.total)}, subtotal, meterai dan pembulatan "
                f"{format_rupiah(payment.subtotal + payment.stamp_duty + payment.rounding)}")
    if details is not None and (details.get("rounding", 0), details.get("credit_used", 0)) != (
            payment.rounding, payment.credit_used):
        return "pembulatan atau kredit dipakai tidak sama dengan catatan audit"
    if details is None:
        return None  # no record here (a payment of another counter, or from before the trail)
    if details.get("total") != payment.total:
        return (f"total {format_rupiah(payment.total)} tidak sama dengan catatan audit "
                f"({format_rupiah(details.get('total')) if isinstance(details.get('total'), int) else '-'})")
    listed = details.get("lines")
    if isinstance(listed, list) and listed != [row.amount for row in lines]:
        return "jumlah per baris tidak sama dengan catatan audit"
    return None


def by(desk) -> dict:  # noqa: ANN001 - services.context.Desk
    """`append`'s who/where/when for an act done at a desk."""
    return dict(user_id=desk.user_id, counter_id=desk.counter_id, at=desk.now())
