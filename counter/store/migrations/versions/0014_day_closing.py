"""shift close counts, office day closing, deposit

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.add_column("shift", sa.Column("counts", sa.JSON(), nullable=True))
    op.add_column("shift", sa.Column("counted", BigInt, nullable=True))
    op.add_column("shift", sa.Column("expected_cash", BigInt, nullable=True))
    op.add_column("shift", sa.Column("variance_reason", sa.String(200), nullable=False, server_default=""))
    op.add_column("shift", sa.Column("closed_by", BigInt, nullable=True))
    op.create_table(
        "day_closing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", BigInt, nullable=False),
        sa.Column("override_reason", sa.String(200), nullable=False),
        sa.Column("covered", sa.JSON(), nullable=False),
        sa.Column("count", BigInt, nullable=False),
        sa.Column("total", BigInt, nullable=False),
        sa.Column("cash_total", BigInt, nullable=False),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_day_closing_office_id_office")),
        sa.ForeignKeyConstraint(["closed_by"], ["app_user.id"], name=op.f("fk_day_closing_closed_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_closing")),
        sa.UniqueConstraint("office_id", "business_date", name=op.f("uq_day_closing_office_id")),
    )
    op.create_index(op.f("ix_day_closing_change_seq"), "day_closing", ["change_seq"])
    op.create_table(
        "deposit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("amount", BigInt, nullable=False),
        sa.Column("bank", sa.String(60), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_deposit_office_id_office")),
        sa.ForeignKeyConstraint(["recorded_by"], ["app_user.id"], name=op.f("fk_deposit_recorded_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposit")),
        sa.UniqueConstraint("office_id", "business_date", name=op.f("uq_deposit_office_id")),
    )


def downgrade() -> None:
    op.drop_table("deposit")
    op.drop_table("day_closing")
    for column in ("closed_by", "variance_reason", "expected_cash", "counted", "counts"):
        op.drop_column("shift", column)
