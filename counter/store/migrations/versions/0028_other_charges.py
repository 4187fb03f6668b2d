"""other charges catalogue

The catalogue of other charges (charge_type, replicated), a payment line's
charge, a relief programme's discount on charges, and unseal work orders that
no plan earned (a sealed customer's arrears paid in full with the fee).

Revision ID: 0028
Revises: 0027
"""
import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "charge_type",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("code", sa.String(24), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("amount", BigInt, nullable=False),
        sa.Column("tariff_group_id", BigInt, nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["tariff_group_id"], ["tariff_group.id"],
                                name=op.f("fk_charge_type_tariff_group_id_tariff_group")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charge_type")),
        sa.UniqueConstraint("code", "tariff_group_id", "valid_from", name=op.f("uq_charge_type_code")),
    )
    op.create_index(op.f("ix_charge_type_change_seq"), "charge_type", ["change_seq"])
    # added columns only (no table copy): relief_programme is referenced by instalment_plan
    with op.batch_alter_table("payment_line") as table:
        table.add_column(sa.Column("charge_code", sa.String(24), nullable=True))
        table.add_column(sa.Column("charge_discount", BigInt, nullable=False, server_default="0"))
    with op.batch_alter_table("relief_programme") as table:
        table.add_column(sa.Column("charge_discounts", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    with op.batch_alter_table("work_order") as table:  # nothing references work_order: SQLite may copy it
        table.alter_column("plan_id", existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("work_order") as table:
        table.alter_column("plan_id", existing_type=sa.Uuid(), nullable=False)
    with op.batch_alter_table("relief_programme") as table:
        table.drop_column("charge_discounts")
    with op.batch_alter_table("payment_line") as table:
        table.drop_column("charge_discount")
        table.drop_column("charge_code")
    op.drop_index(op.f("ix_charge_type_change_seq"), "charge_type")
    op.drop_table("charge_type")
