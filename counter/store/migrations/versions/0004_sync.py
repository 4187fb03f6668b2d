"""sync: the central inbox, conflicts, customer credit, change numbers on
replicated tables, and the outbox's delivery bookkeeping

Columns are added with plain ALTER TABLE (no table rebuild on SQLite: that
would drop the search triggers and take minutes on a million customers).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
REPLICATED = ("office", "counter", "app_user", "tariff_group", "tariff_block", "fine_scheme",
              "stamp_duty_rule", "customer", "bill")
OUTBOX_COLUMNS = (
    sa.Column("attempts", BigInt, nullable=False, server_default="0"),
    sa.Column("last_error", sa.String(400), nullable=False, server_default=""),
    sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
    sa.Column("outcome", sa.String(12), nullable=False, server_default=""),
    sa.Column("outcome_reason", sa.String(400), nullable=False, server_default=""),
)


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office", sa.String(16), nullable=False),
        sa.Column("counter", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.String(400), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox")),
    )
    op.create_index("ix_inbox_pending", "inbox", ["status", "received_at"])
    op.create_table(
        "conflict",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("amount", BigInt, nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", BigInt, nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_conflict_customer_id_customer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    op.create_index(op.f("ix_conflict_payment_id"), "conflict", ["payment_id"])
    op.create_table(
        "customer_credit",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=True),
        sa.Column("amount", BigInt, nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_customer_credit_customer_id_customer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_credit")),
    )
    op.create_index(op.f("ix_customer_credit_customer_id"), "customer_credit", ["customer_id"])
    op.create_table(
        "change_sequence",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("value", BigInt, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_sequence")),
    )
    op.execute("INSERT INTO change_sequence (name, value) VALUES ('change', 0)")
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("value", sa.String(400), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    for table in REPLICATED:
        op.add_column(table, sa.Column("change_seq", BigInt, nullable=False, server_default="0"))
        op.create_index(op.f(f"ix_{table}_change_seq"), table, ["change_seq"])
    for column in OUTBOX_COLUMNS:
        op.add_column("outbox", column)


def downgrade() -> None:
    for column in OUTBOX_COLUMNS:
        op.drop_column("outbox", column.name)
    for table in REPLICATED:
        op.drop_index(op.f(f"ix_{table}_change_seq"), table)
        op.drop_column(table, "change_seq")
    for table in ("sync_state", "change_sequence", "customer_credit", "conflict", "inbox"):
        op.drop_table(table)
