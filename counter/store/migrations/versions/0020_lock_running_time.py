"""a lock-out's start in the computer's running time, kept with the lock

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("login_state") as table:
        table.add_column(sa.Column("locked_at_ms", BigInt, nullable=True))
        table.add_column(sa.Column("locked_minutes", BigInt, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("login_state") as table:
        table.drop_column("locked_minutes")
        table.drop_column("locked_at_ms")
