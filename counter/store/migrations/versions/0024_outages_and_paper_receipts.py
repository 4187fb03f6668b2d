"""outages of the payment system, and the paper receipts written during them: a payment keeps its paper number

Revision ID: 0024
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "outage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by", BigInt, nullable=False),
        sa.Column("approved_by", BigInt, nullable=False),
        sa.Column("counter_id", BigInt, nullable=True),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_outage_office_id_office")),
        sa.ForeignKeyConstraint(["opened_by"], ["app_user.id"], name=op.f("fk_outage_opened_by_app_user")),
        sa.ForeignKeyConstraint(["approved_by"], ["app_user.id"], name=op.f("fk_outage_approved_by_app_user")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_outage_counter_id_counter")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outage")),
    )
    op.create_index(op.f("ix_outage_change_seq"), "outage", ["change_seq"])
    op.create_index(op.f("ix_outage_office_id"), "outage", ["office_id"])
    # plain ADD COLUMNs: the payment table, the largest, is not rebuilt
    op.add_column("payment", sa.Column("paper_no", sa.String(32), nullable=False, server_default=""))
    op.add_column("payment", sa.Column("entered_by", BigInt, nullable=True))
    op.create_index("ix_payment_entered_by", "payment", ["entered_by", "paid_at"],
                    sqlite_where=sa.text("entered_by IS NOT NULL"), postgresql_where=sa.text("entered_by IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_payment_entered_by", "payment")
    with op.batch_alter_table("payment") as table:
        table.drop_column("entered_by")
        table.drop_column("paper_no")
    op.drop_index(op.f("ix_outage_office_id"), "outage")
    op.drop_index(op.f("ix_outage_change_seq"), "outage")
    op.drop_table("outage")
