"""payment channels (banks, marketplaces) and their host-to-host payments; the publish queue

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
MONEY = ("subtotal", "stamp_duty", "total")
COMPONENTS = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine", "amount")


def upgrade() -> None:
    op.create_table(
        "channel",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("code", sa.String(24), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("offices", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel")),
        sa.UniqueConstraint("code", name=op.f("uq_channel_code")),
    )
    op.create_table(
        "channel_payment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("channel_id", BigInt, nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        *[sa.Column(name, BigInt, nullable=False) for name in MONEY],
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reversed_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channel.id"], name=op.f("fk_channel_payment_channel_id_channel")),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_channel_payment_office_id_office")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_channel_payment_customer_id_customer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_payment")),
        sa.UniqueConstraint("channel_id", "reference", name=op.f("uq_channel_payment_channel_id")),
    )
    op.create_index("ix_channel_payment_day", "channel_payment", ["business_date", "channel_id"])
    op.create_table(
        "channel_payment_line",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("seq", BigInt, nullable=False),
        sa.Column("bill_id", BigInt, nullable=False),
        sa.Column("period", BigInt, nullable=False),
        *[sa.Column(name, BigInt, nullable=False) for name in COMPONENTS],
        sa.ForeignKeyConstraint(["payment_id"], ["channel_payment.id"],
                                name=op.f("fk_channel_payment_line_payment_id_channel_payment")),
        sa.ForeignKeyConstraint(["bill_id"], ["bill.id"], name=op.f("fk_channel_payment_line_bill_id_bill")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_payment_line")),
    )
    op.create_index(op.f("ix_channel_payment_line_payment_id"), "channel_payment_line", ["payment_id"])
    op.create_table(
        "channel_settlement",
        sa.Column("channel_id", BigInt, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channel.id"],
                                name=op.f("fk_channel_settlement_channel_id_channel")),
        sa.PrimaryKeyConstraint("channel_id", "business_date", name=op.f("pk_channel_settlement")),
    )
    op.create_table(
        "publish_queue",
        sa.Column("bill_id", BigInt, nullable=False),
        sa.PrimaryKeyConstraint("bill_id", name=op.f("pk_publish_queue")),
    )


def downgrade() -> None:
    op.drop_table("publish_queue")
    op.drop_table("channel_settlement")
    op.drop_index(op.f("ix_channel_payment_line_payment_id"), table_name="channel_payment_line")
    op.drop_table("channel_payment_line")
    op.drop_index("ix_channel_payment_day", table_name="channel_payment")
    op.drop_table("channel_payment")
    op.drop_table("channel")
