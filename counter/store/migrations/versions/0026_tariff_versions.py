"""tariff versions by date, and an admin fee on a tariff

Revision ID: 0026
Revises: 0025
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("tariff_group") as table:
        table.add_column(sa.Column("admin_fee", BigInt, nullable=False, server_default="0"))
    op.create_table(
        "tariff_version",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("tariff_group_id", BigInt, nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("minimum_m3", BigInt, nullable=False),
        sa.Column("standing_charge", BigInt, nullable=False),
        sa.Column("meter_fee", BigInt, nullable=False),
        sa.Column("admin_fee", BigInt, nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["tariff_group_id"], ["tariff_group.id"],
                                name=op.f("fk_tariff_version_tariff_group_id_tariff_group")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff_version")),
        sa.UniqueConstraint("tariff_group_id", "valid_from", name=op.f("uq_tariff_version_tariff_group_id")),
    )
    op.create_index(op.f("ix_tariff_version_change_seq"), "tariff_version", ["change_seq"])


def downgrade() -> None:
    op.drop_index(op.f("ix_tariff_version_change_seq"), "tariff_version")
    op.drop_table("tariff_version")
    with op.batch_alter_table("tariff_group") as table:
        table.drop_column("admin_fee")
