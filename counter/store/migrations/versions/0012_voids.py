"""voided payments

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # columns only (ALTER TABLE ADD COLUMN): a constraint would make SQLite copy the
    # payment table, which the payment lines' foreign keys forbid
    with op.batch_alter_table("payment") as batch:
        batch.add_column(sa.Column("void_reason", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("voided_by", BigInt, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("payment") as batch:
        for name in ("voided_by", "voided_at", "void_reason"):
            batch.drop_column(name)
