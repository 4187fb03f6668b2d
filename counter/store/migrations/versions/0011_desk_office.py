"""which office each counters' login may see (central)

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "desk_office",
        sa.Column("role_name", sa.String(63), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_desk_office_office_id_office")),
        sa.PrimaryKeyConstraint("role_name", name=op.f("pk_desk_office")),
    )


def downgrade() -> None:
    op.drop_table("desk_office")
