"""Sending this counter's audit chain to central, which keeps a copy.

Central appends records only in sequence, each linked to the hash it already
holds, and answers its head (last seq and hash); the counter keeps that head as
its mark, and the head's hash as its anchor (`audit-anchor:CHAIN` = "SEQ:HASH"),
which `counter audit verify` compares with the local record at that seq: a
chain edited and hashed again from scratch is caught even before the next sync.
A chain rewritten at the counter after it was sent no longer links to central's
copy: central refuses it and the failure shows in the sync status.
Records of chain 0 (acts of the store itself, such as set-up) stay local.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from counter.models import AuditRecord
from counter.models.replication import AUDIT_FIELDS, encode_row
from counter.errors import InvalidInput
from counter.sync.link import Central
from counter.sync.state import reaching_central, read_state, write_state, writing

BATCH = 1_000


def push_audit(local: Engine, central: Central, chain: int, batch: int = BATCH) -> int:
    """Send this counter's audit records central does not have yet; returns how many were sent."""
    table = AuditRecord.__table__
    with local.connect() as connection:
        mark = int(read_state(connection).get(f"audit-pushed:{chain}", "0"))
    sent = 0
    while True:
        with local.connect() as connection:
            rows = connection.execute(
                select(*(table.c[c] for c in AUDIT_FIELDS)).where(table.c.chain == chain, table.c.seq > mark)
                .order_by(table.c.seq).limit(batch)).mappings().all()
        if not rows:
            return sent
        try:
            with reaching_central(local):
                head = central.append_audit([encode_row(dict(r)) for r in rows])
        except InvalidInput:  # CentralRefused over HTTP; central's own ChainRefused when embedded
            with reaching_central(local):
                held = central.audit_head()["head"]
            if held >= mark:
                raise  # not a gap: the records differ from central's copy
            mark = held  # central has less than this counter thought (a new central): resend from there
            continue
        mark = head["head"]
        with writing(local) as connection:
            write_state(connection, **{f"audit-pushed:{chain}": str(mark),
                                       f"audit-anchor:{chain}": f"{mark}:{head['hash']}"})
        sent += len(rows)
