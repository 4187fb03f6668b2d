"""cash paid back from a drawer (refund), and supplementary deposits for late cash

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("deposit") as table:
        table.add_column(sa.Column("seq", BigInt, nullable=False, server_default="1"))
        table.drop_constraint("uq_deposit_office_id", type_="unique")
        table.create_unique_constraint("uq_deposit_office_id", ["office_id", "business_date", "seq"])
    op.create_table(
        "refund",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("cashier_id", BigInt, nullable=False),
        sa.Column("conflict_id", BigInt, nullable=False),
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("amount", BigInt, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_refund_office_id_office")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_refund_counter_id_counter")),
        sa.ForeignKeyConstraint(["cashier_id"], ["app_user.id"], name=op.f("fk_refund_cashier_id_app_user")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_refund_customer_id_customer")),
        sa.ForeignKeyConstraint(["approved_by"], ["app_user.id"], name=op.f("fk_refund_approved_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund")),
    )
    op.create_index(op.f("ix_refund_counter_id"), "refund", ["counter_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_refund_counter_id"), table_name="refund")
    op.drop_table("refund")
    with op.batch_alter_table("deposit") as table:
        table.drop_constraint("uq_deposit_office_id", type_="unique")
        table.create_unique_constraint("uq_deposit_office_id", ["office_id", "business_date"])
        table.drop_column("seq")
