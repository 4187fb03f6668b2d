"""fine schemes per tariff group: a scheme may belong to one group (NULL: the general scheme)

Revision ID: 0027
Revises: 0026
"""
import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # SQLite rebuilds the table for the foreign key; fine_scheme is small and nothing references it
    with op.batch_alter_table("fine_scheme") as table:
        table.add_column(sa.Column("tariff_group_id", BigInt, nullable=True))
        table.create_foreign_key(op.f("fk_fine_scheme_tariff_group_id_tariff_group"), "tariff_group",
                                 ["tariff_group_id"], ["id"])


def downgrade() -> None:
    # a group's own scheme has no meaning without the column: only the general ones stay
    op.execute("DELETE FROM fine_scheme WHERE tariff_group_id IS NOT NULL")
    with op.batch_alter_table("fine_scheme") as table:
        table.drop_constraint(op.f("fk_fine_scheme_tariff_group_id_tariff_group"), type_="foreignkey")
        table.drop_column("tariff_group_id")
