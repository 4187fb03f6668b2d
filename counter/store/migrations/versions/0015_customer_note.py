"""what central last said of a customer: credit and open conflicts

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "customer_note",
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("credit", BigInt, nullable=False),
        sa.Column("open_conflicts", BigInt, nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_customer_note_customer_id_customer")),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_note")),
    )


def downgrade() -> None:
    op.drop_table("customer_note")
