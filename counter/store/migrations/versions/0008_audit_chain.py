"""audit trail chained by hash per counter

Revision ID: 0008
Revises: 0007
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

from counter.rules.audit_chain import GENESIS, digest

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("chain", BigInt, nullable=False, server_default="0"))
        batch.add_column(sa.Column("seq", BigInt, nullable=False, server_default="0"))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=False, server_default=""))
    # chain the records already there, in the order they were written
    connection = op.get_bind()
    audit = sa.table("audit_log", sa.column("id"), sa.column("at"), sa.column("user_id"), sa.column("counter_id"),
                     sa.column("action"), sa.column("subject"), sa.column("details", sa.JSON),
                     sa.column("chain"), sa.column("seq"), sa.column("prev_hash"), sa.column("hash"))
    last: dict[int, tuple[int, str]] = {}
    for row in connection.execute(sa.select(audit).order_by(audit.c.id)).all():
        chain = row.counter_id or 0
        seq, prev = last.get(chain, (0, GENESIS))
        at = row.at if isinstance(row.at, dt.datetime) else dt.datetime.fromisoformat(str(row.at))
        at = at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
        value = digest(prev, chain, seq + 1, at, row.user_id, row.counter_id, row.action, row.subject, row.details)
        connection.execute(sa.update(audit).where(audit.c.id == row.id)
                           .values(chain=chain, seq=seq + 1, prev_hash=prev, hash=value))
        last[chain] = (seq + 1, value)
    with op.batch_alter_table("audit_log") as batch:
        batch.create_unique_constraint(op.f("uq_audit_log_chain"), ["chain", "seq"])


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("uq_audit_log_chain"), type_="unique")
        for name in ("hash", "prev_hash", "seq", "chain"):
            batch.drop_column(name)
