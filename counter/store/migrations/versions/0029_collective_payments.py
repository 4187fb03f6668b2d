"""collective payments: one tender for many connections, their member payments, saved groups

Revision ID: 0029
Revises: 0028
"""
import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # new tables only: nothing existing is rebuilt (SQLite would copy the payment table)
    op.create_table(
        "collective_payment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("collective_no", sa.String(64), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("cashier_id", BigInt, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("method", sa.String(12), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("total", BigInt, nullable=False),
        sa.Column("tendered", BigInt, nullable=False),
        sa.Column("change", BigInt, nullable=False),
        sa.Column("label", sa.String(120), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.Column("copies", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_collective_payment_office_id_office")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"],
                                name=op.f("fk_collective_payment_counter_id_counter")),
        sa.ForeignKeyConstraint(["cashier_id"], ["app_user.id"],
                                name=op.f("fk_collective_payment_cashier_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collective_payment")),
        sa.UniqueConstraint("collective_no", name=op.f("uq_collective_payment_collective_no")),
    )
    op.create_table(
        "collective_member",
        sa.Column("collective_id", sa.Uuid(), nullable=False),
        sa.Column("seq", BigInt, nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["collective_id"], ["collective_payment.id"],
                                name=op.f("fk_collective_member_collective_id_collective_payment")),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"], name=op.f("fk_collective_member_payment_id_payment")),
        sa.PrimaryKeyConstraint("collective_id", "seq", name=op.f("pk_collective_member")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_collective_member_payment_id")),
    )
    op.create_table(
        "payment_group",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("saved_by", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["saved_by"], ["app_user.id"], name=op.f("fk_payment_group_saved_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_group")),
        sa.UniqueConstraint("code", name=op.f("uq_payment_group_code")),
    )


def downgrade() -> None:
    op.drop_table("payment_group")
    op.drop_table("collective_member")
    op.drop_table("collective_payment")
