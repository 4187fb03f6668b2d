"""cashier shifts

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "shift",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("user_id", BigInt, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opening_float", BigInt, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_shift_office_id_office")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_shift_counter_id_counter")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_shift_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift")),
    )
    op.create_index(op.f("ix_shift_counter_id"), "shift", ["counter_id"])


def downgrade() -> None:
    op.drop_table("shift")
