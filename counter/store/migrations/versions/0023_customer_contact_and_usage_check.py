"""a customer's phone number; per tariff group, the usage per person per day that is plausible

Revision ID: 0023
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("customer") as table:
        table.add_column(sa.Column("phone", sa.String(24), nullable=False, server_default=""))
    with op.batch_alter_table("tariff_group") as table:
        table.add_column(sa.Column("usage_low_lpd", BigInt, nullable=False, server_default="10"))
        table.add_column(sa.Column("usage_high_lpd", BigInt, nullable=False, server_default="500"))


def downgrade() -> None:
    with op.batch_alter_table("tariff_group") as table:
        table.drop_column("usage_high_lpd")
        table.drop_column("usage_low_lpd")
    with op.batch_alter_table("customer") as table:
        table.drop_column("phone")
