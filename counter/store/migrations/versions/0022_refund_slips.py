"""the refund slip: its number, what was paid twice, and its printing

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("refund") as table:
        table.add_column(sa.Column("slip_no", sa.String(64), nullable=False, server_default=""))
        table.add_column(sa.Column("detail", sa.JSON(), nullable=True))
        table.add_column(sa.Column("printed_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("copies", BigInt, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("refund") as table:
        table.drop_column("copies")
        table.drop_column("printed_at")
        table.drop_column("detail")
        table.drop_column("slip_no")
