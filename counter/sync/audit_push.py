"""Sending this counter's audit chains to central, which keeps them.

Records go straight into central's `audit_log` (the counters' role may insert
there, never change or delete), keyed by (chain, seq): a resend is a no-op. The
last sent seq of each chain is kept locally. Records of chain 0 (acts of the
store without a counter, such as set-up) stay local.
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from counter.models import AuditRecord
from counter.sync.state import read_state, reaching_central, write_state, writing

BATCH = 1_000
COLUMNS = ("chain", "seq", "prev_hash", "hash", "at", "user_id", "counter_id", "action", "subject", "details")


def push_audit(local: Engine, central: Engine, batch: int = BATCH) -> int:
    """Send the audit records central does not have yet; returns how many were sent."""
    table = AuditRecord.__table__
    dialect = postgresql if central.dialect.name == "postgresql" else sqlite
    # inline: no RETURNING of the id, which the counters may not read
    insert = dialect.insert(table).inline().on_conflict_do_nothing(index_elements=["chain", "seq"])
    sent = 0
    with local.connect() as connection:
        chains = connection.scalars(select(table.c.chain).where(table.c.chain != 0).distinct()).all()
        state = read_state(connection)
    for chain in chains:
        mark = int(state.get(f"audit-pushed:{chain}", "0"))
        while True:
            with local.connect() as connection:
                rows = connection.execute(
                    select(*(table.c[c] for c in COLUMNS)).where(table.c.chain == chain, table.c.seq > mark)
                    .order_by(table.c.seq).limit(batch)).mappings().all()
            if not rows:
                break
            with reaching_central(local), central.begin() as connection:
                connection.execute(insert, [dict(r) for r in rows])
            mark = rows[-1]["seq"]
            with writing(local) as connection:
                write_state(connection, **{f"audit-pushed:{chain}": str(mark)})
            sent += len(rows)
    return sent
