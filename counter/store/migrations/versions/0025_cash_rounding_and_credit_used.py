"""a payment's cash rounding and the customer credit it used

Revision ID: 0025
Revises: 0024
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("payment") as table:
        table.add_column(sa.Column("rounding", BigInt, nullable=False, server_default="0"))
        table.add_column(sa.Column("credit_used", BigInt, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("payment") as table:
        table.drop_column("credit_used")
        table.drop_column("rounding")
