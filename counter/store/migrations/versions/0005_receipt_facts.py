"""receipt facts on the payment: taken while central was unreachable; reprints so far

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("payment", sa.Column("taken_offline", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("payment", sa.Column("reprint_count", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                                       nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("payment", "reprint_count")
    op.drop_column("payment", "taken_offline")
